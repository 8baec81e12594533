package io.modellibrary.hub;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.RepoUpdates;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /{prefix}{id}/resolve|raw/{rev}/{path}}: the headers the Hub's clients require, ranges, errors, counting. */
@FullStackTest
class HubDownloadTest {

    static final byte[] LARGE = HubFixtures.bytes((int) HubLfs.THRESHOLD + 1, 7);
    static final byte[] SMALL = HubFixtures.text("{\"model_type\": \"bert\"}\n");

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    RepoUpdates updates;
    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();

    Accounts.SignedIn alice;
    String repo;
    String commit;

    @BeforeEach
    void repository() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", SMALL);
        files.put("sub dir/model.bin", LARGE);
        HubFixtures.Published bert = fixtures.bert("hubdl", false, "weights", files);
        alice = bert.owner();
        repo = bert.id();
        commit = bert.commit();
    }

    @Test
    void headOfAnLfsSizedFileGivesCommitSha256EtagsAndSizeWithoutABody() throws Exception {
        String sha256 = HubFixtures.sha256(LARGE);
        mvc.perform(head(URI.create("/" + repo + "/resolve/main/sub%20dir/model.bin")).header("Accept-Encoding", "identity"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Repo-Commit", commit))
                .andExpect(header().string("ETag", "\"" + sha256 + "\""))
                .andExpect(header().string("X-Linked-Etag", "\"" + sha256 + "\""))
                .andExpect(header().string("X-Linked-Size", Integer.toString(LARGE.length)))
                .andExpect(header().string("Content-Length", Integer.toString(LARGE.length)))
                .andExpect(header().string("Accept-Ranges", "bytes"))
                .andExpect(header().doesNotExist("Location"))
                .andExpect(header().doesNotExist("X-Xet-Hash"))
                .andExpect(content().bytes(new byte[0]));
    }

    @Test
    void aSmallFilesEtagIsItsGitBlobSha1AndGetSendsItsBytes() throws Exception {
        String sha1 = HubFixtures.gitSha1(SMALL);
        mvc.perform(get("/" + repo + "/resolve/main/config.json"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Repo-Commit", commit))
                .andExpect(header().string("ETag", "\"" + sha1 + "\""))
                .andExpect(header().string("X-Linked-Etag", "\"" + sha1 + "\""))
                .andExpect(header().string("X-Linked-Size", Integer.toString(SMALL.length)))
                .andExpect(header().string("Content-Length", Integer.toString(SMALL.length)))
                .andExpect(content().bytes(SMALL));
        mvc.perform(get("/" + repo + "/raw/" + commit + "/config.json")).andExpect(content().bytes(SMALL));
        mvc.perform(get("/" + repo + "/resolve/" + commit.substring(0, 12) + "/config.json")).andExpect(content().bytes(SMALL));
    }

    @Test
    void rangesProbeAndResumeAnswer206WithContentRange() throws Exception {
        mvc.perform(get("/" + repo + "/resolve/main/sub dir/model.bin").header("Range", "bytes=0-0"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 0-0/" + LARGE.length))
                .andExpect(header().string("Content-Length", "1"))
                .andExpect(header().string("X-Linked-Size", Integer.toString(LARGE.length)))
                .andExpect(content().bytes(new byte[]{LARGE[0]}));
        int from = LARGE.length - 1000;
        mvc.perform(get("/" + repo + "/resolve/main/sub dir/model.bin").header("Range", "bytes=" + from + "-"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes " + from + "-" + (LARGE.length - 1) + "/" + LARGE.length))
                .andExpect(content().bytes(Arrays.copyOfRange(LARGE, from, LARGE.length)));
        mvc.perform(get("/" + repo + "/resolve/main/config.json").header("Range", "bytes=999-"))
                .andExpect(status().isRequestedRangeNotSatisfiable());
    }

    @Test
    void anEncodedRevisionAndADatasetPrefixResolve() throws Exception {
        fixtures.create(alice, RepoType.DATASET, "ds", false);
        String dsCommit = fixtures.commit(alice, RepoType.DATASET, "ds", "main", "data", Map.of("data/train.csv", HubFixtures.text("a,b\n")));
        mvc.perform(get(URI.create("/datasets/" + alice.username() + "/ds/resolve/refs%2Fheads%2Fmain/data/train.csv")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Repo-Commit", dsCommit))
                .andExpect(content().string("a,b\n"));
        mvc.perform(get("/datasets/" + alice.username() + "/ds/resolve/HEAD/data/train.csv")).andExpect(status().isOk());
        mvc.perform(get("/" + alice.username() + "/ds/resolve/main/data/train.csv"))
                .andExpect(status().isNotFound()).andExpect(header().string("X-Error-Code", "RepoNotFound"));
    }

    @Test
    void missingFileRevisionAndRepositoryCarryTheirErrorCodes() throws Exception {
        mvc.perform(get("/" + repo + "/resolve/main/nope.txt"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "EntryNotFound"))
                .andExpect(header().string("X-Repo-Commit", commit))
                .andExpect(content().json("{\"error\":\"Entry not found: nope.txt\"}", true));
        mvc.perform(head("/" + repo + "/resolve/nobranch/config.json"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "RevisionNotFound"));
        mvc.perform(get(URI.create("/" + repo + "/resolve/refs%2Fpr%2F1/config.json")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/" + alice.username() + "/nothing/resolve/main/config.json"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "RepoNotFound"));
    }

    @Test
    void aPrivateRepositorysFileIsRepoNotFoundByteForByteForAnonymousOthersAndTheirReadTokens() throws Exception {
        fixtures.create(alice, RepoType.MODEL, "hidden", true);
        fixtures.commit(alice, RepoType.MODEL, "hidden", "main", "c", Map.of("config.json", SMALL));
        Accounts.SignedIn bob = accounts.signUp("hubdlbob");
        Members.Token bobsRead = members.token(bob, "read");
        for (RequestPostProcessor caller : new RequestPostProcessor[]{r -> r, bob.bearer(), Accounts.bearer(bobsRead.token())}) {
            for (String method : new String[]{"GET", "HEAD"}) {
                MvcResult hidden = mvc.perform(request(method, "/" + alice.username() + "/hidden/resolve/main/config.json").with(caller)).andReturn();
                MvcResult missing = mvc.perform(request(method, "/" + alice.username() + "/never/resolve/main/config.json").with(caller)).andReturn();
                HubBaseTest.sameAnswer(hidden, missing);
            }
        }
        Members.Token alicesRead = members.token(alice, "read");
        mvc.perform(get("/" + alice.username() + "/hidden/resolve/main/config.json").with(Accounts.bearer(alicesRead.token())))
                .andExpect(status().isOk()).andExpect(content().bytes(SMALL));
    }

    @Test
    void onlyAGetOfAQueryFileCountsOnceAndNeverAHeadOrAProbe() throws Exception {
        mvc.perform(head("/" + repo + "/resolve/main/config.json"));
        mvc.perform(get("/" + repo + "/resolve/main/config.json").header("Range", "bytes=0-0"));
        mvc.perform(get("/" + repo + "/resolve/main/sub dir/model.bin"));
        assertThat(downloads()).isZero();
        mvc.perform(get("/" + repo + "/resolve/main/config.json"));
        mvc.perform(get("/" + repo + "/resolve/main/config.json"));
        assertThat(downloads()).isEqualTo(1);
    }

    /** The repository's download count once the downloads recorded so far are written (in the background). */
    private long downloads() throws Exception {
        updates.awaitDownloadsWritten();
        Document doc = mongo.findOne(Query.query(Criteria.where("name").is(repo)), Document.class, "repos");
        return ((Number) doc.get("downloads")).longValue();
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request(String method, String url) {
        return method.equals("HEAD") ? head(url) : get(url);
    }
}
