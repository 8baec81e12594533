package io.modellibrary.files;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoDeleted;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.ShortLeases;
import io.modellibrary.support.MutableClock;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;
import io.modellibrary.versioning.Edit;
import io.modellibrary.versioning.Versions;
import java.util.List;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Map;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A repository deleted while an upload into it is under way: the upload leaves nothing behind. */
@ShortLeases
class UploadRaceTest {

    private static final CurrentUser ALICE = new CurrentUser("id-alice", "alice", null);

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    UploadService uploads;
    @Autowired
    BlobStore blobs;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Versions versions;
    @Autowired
    BlobCollector collector;
    @Autowired
    MutableClock clock;

    @Test
    void anUploadWhoseRepositoryIsDeletedBeforeItsCommitIs404AndLeavesNoHeadCommitOrBlob() throws Exception {
        String name = uniqueName("raced");
        Repo repo = fixtures.model(name).owner("alice").save();
        byte[] earlier = bytes(3000, 21);
        byte[] fresh = bytes(3000, 22);
        upload(mvc, alice(), new MultipartBody().field("name", name).file("earlier.bin", earlier)).andExpect(status().isOk());
        byte[] body = new MultipartBody().field("name", name).file("again.bin", earlier).file("fresh.bin", fresh).build();

        assertThatThrownBy(() -> uploads.upload(new UploadService.UploadRequest(Map.of(), MultipartBody.contentType(),
                body.length, deletingAfterTheFiles(body, () -> delete(repo))), ALICE))
                .isInstanceOf(NoSuchItemException.class);

        FilesTestSupport.collectOnceLeasesExpired(collector, clock);
        assertNothingLeftOf(repo);
        assertThat(blobs.exists(sha256(fresh))).as("the blob the upload brought").isFalse();
        assertThat(blobs.exists(sha256(earlier))).as("the blob the upload found and held through the deletion").isFalse();
    }

    @Test
    void aCommitToARepositoryWhoseDeletionIsUnderWayIs404AndTakesItsFilesAlong() throws Exception {
        String name = uniqueName("deleting");
        Repo repo = fixtures.model(name).owner("alice").save();
        byte[] earlier = bytes(3000, 23);
        upload(mvc, alice(), new MultipartBody().field("name", name).file("earlier.bin", earlier)).andExpect(status().isOk());
        String sha = sha256(earlier);
        mongo.remove(repo); // the deletion has removed the document; its event has not run yet

        assertThatThrownBy(() -> versions.commit(repo.getId(), "alice", "late copy", null,
                List.of(Edit.put("copy.bin", sha, earlier.length)), () -> false))
                .isInstanceOf(NoSuchItemException.class);

        FilesTestSupport.collectOnceLeasesExpired(collector, clock);
        assertNothingLeftOf(repo);
        assertThat(blobs.exists(sha)).as("a blob only the deleted repository referenced").isFalse();
    }

    private void assertNothingLeftOf(Repo repo) {
        assertThat(mongo.exists(Query.query(Criteria.where("repoId").is(repo.getId())), "refs")).as("head").isFalse();
        assertThat(mongo.exists(Query.query(Criteria.where("repoId").is(repo.getId())), "commits")).as("commits").isFalse();
        assertThat(mongo.exists(Query.query(Criteria.where("repoId").is(repo.getId())), "trees")).as("trees").isFalse();
    }

    /** The repository deleted as the service does: the document first, then the event. */
    private void delete(Repo repo) {
        mongo.remove(repo);
        events.publishEvent(new RepoDeleted(repo.getId(), repo.repoType(), repo.getName()));
    }

    /**
     * The body, running {@code action} when the reader asks for its last bytes (the {@code --}
     * of the closing boundary): every file is stored by then, and nothing is committed yet.
     */
    private static InputStream deletingAfterTheFiles(byte[] body, Runnable action) {
        int split = body.length - "--\r\n".length();
        InputStream rest = new FilterInputStream(new ByteArrayInputStream(body, split, body.length - split)) {
            private boolean done;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!done) {
                    done = true;
                    action.run();
                }
                return super.read(b, off, len);
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(body, 0, split), rest);
    }
}
