package io.modellibrary.files;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoDeleted;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.ShortLeases;
import io.modellibrary.support.MutableClock;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ShortLeases
class BlobLifecycleTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ModelLibraryProperties properties;
    @Autowired
    BlobStore blobs;
    @Autowired
    BlobCollector collector;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ApplicationEventPublisher events;

    private long blobBytes() throws IOException {
        try (Stream<Path> files = Files.walk(properties.dataDir().resolve("blobs"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void theSameTenMegabytesInTwoRepositoriesAreStoredOnce() throws Exception {
        String first = uniqueName("dedup");
        String second = uniqueName("dedup");
        fixtures.model(first).owner("alice").save();
        fixtures.model(second).owner("alice").save();
        byte[] content = bytes(10 * 1024 * 1024, 99);

        long before = blobBytes();
        upload(mvc, alice(), new MultipartBody().field("name", first).file("big.bin", content)).andExpect(status().isOk());
        long afterFirst = blobBytes();
        upload(mvc, alice(), new MultipartBody().field("name", second).file("copy/big.bin", content)).andExpect(status().isOk());

        assertThat(afterFirst - before).isEqualTo(content.length);
        assertThat(blobBytes()).isEqualTo(afterFirst);
        mvc.perform(get("/api/files/download").param("name", second).param("path", "copy/big.bin"))
                .andExpect(content().bytes(content));
    }

    @Test
    void deletingARepositoryReclaimsOnlyTheBlobsNothingElseReferences() throws Exception {
        String doomed = uniqueName("doomed");
        String kept = uniqueName("kept");
        Repo doomedRepo = fixtures.model(doomed).owner("alice").save();
        Repo keptRepo = fixtures.model(kept).owner("alice").save();
        byte[] own = bytes(20_000, 1234);
        byte[] replaced = bytes(20_000, 1235);
        byte[] shared = bytes(20_000, 1236);
        upload(mvc, alice(), new MultipartBody().field("name", doomed).file("own.bin", replaced).file("shared.bin", shared))
                .andExpect(status().isOk());
        upload(mvc, alice(), new MultipartBody().field("name", doomed).file("own.bin", own)).andExpect(status().isOk());
        upload(mvc, alice(), new MultipartBody().field("name", kept).file("mine.bin", shared)).andExpect(status().isOk());

        mongo.remove(doomedRepo);
        events.publishEvent(new RepoDeleted(doomedRepo.getId(), doomedRepo.repoType(), doomed));
        FilesTestSupport.collectOnceLeasesExpired(collector, clock);

        assertThat(blobs.exists(sha256(own))).isFalse();
        assertThat(blobs.exists(sha256(replaced))).as("a blob only an older commit referenced").isFalse();
        assertThat(blobs.exists(sha256(shared))).isTrue();
        mvc.perform(get("/api/files/download").param("name", kept).param("path", "mine.bin"))
                .andExpect(content().bytes(shared));

        mongo.remove(keptRepo);
        events.publishEvent(new RepoDeleted(keptRepo.getId(), keptRepo.repoType(), kept));
        FilesTestSupport.collectOnceLeasesExpired(collector, clock);
        assertThat(blobs.exists(sha256(shared))).as("the shared blob, once its last repository is deleted too").isFalse();
    }
}
