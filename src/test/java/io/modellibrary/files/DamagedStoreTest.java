package io.modellibrary.files;

import io.modellibrary.blob.DiskBlobStore;
import io.modellibrary.content.StoreCheck;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 15, damaged store: a committed file whose blob was deleted or truncated on disk is
 * never answered as a success (no 200 with a cut body) on the seed API nor on the Hub route:
 * a 500 in that face's error form and one ERROR naming repository, path and sha256; the
 * operator's check lists it with its users, and lists and repairs unreferenced blobs.
 */
@EmptyCatalogueTest
@ExtendWith(OutputCaptureExtension.class)
class DamagedStoreTest {

    private static final int SIZE = 200_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    DiskBlobStore blobs;
    @Autowired
    StoreCheck check;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    private String name;
    private byte[] weights;
    private byte[] config;

    @BeforeEach
    void repositoryWithTwoFiles() throws Exception {
        name = uniqueName("damaged");
        fixtures.model(name).owner("alice").save();
        weights = bytes(SIZE, 31 + name.hashCode());
        config = ("{\"name\": \"" + name + "\"}").getBytes();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("weights/model.bin", weights)
                .file("config.json", config)).andExpect(status().isOk());
    }

    private MockHttpServletRequestBuilder seedDownload(String path) {
        return get("/api/files/download").param("name", name).param("type", "model").param("path", path).with(alice());
    }

    @Test
    void aTruncatedBlobIsA500EnvelopeOnTheSeedApiAndTheHubRouteNeverA200(CapturedOutput output) throws Exception {
        String sha = sha256(weights);
        try (RandomAccessFile file = new RandomAccessFile(blobs.path(sha).toFile(), "rw")) {
            file.setLength(SIZE / 2);
        }
        mvc.perform(seedDownload("weights/model.bin"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("the stored content of weights/model.bin is missing or damaged; "
                        + "the server's operator has been told"))
                .andExpect(header().doesNotExist("Content-Range"))
                .andExpect(header().doesNotExist("ETag"));
        mvc.perform(seedDownload("weights/model.bin").header("Range", "bytes=0-10")).andExpect(status().isInternalServerError());
        mvc.perform(get(URI.create("/" + name + "/resolve/main/weights/model.bin")).with(alice()))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.error").exists())
                .andExpect(header().string("X-Error-Code", "StoredFileDamaged"))
                .andExpect(header().exists("X-Error-Message"));
        mvc.perform(head(URI.create("/" + name + "/resolve/main/weights/model.bin")).with(alice()))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("X-Linked-Size"));
        mvc.perform(seedDownload("config.json")).andExpect(status().isOk()).andExpect(content().bytes(config));

        String log = output.getOut();
        assertThat(log).contains("ERROR").contains("Damaged blob store: model " + name + " path weights/model.bin needs blob sha256 " + sha)
                .contains("has " + SIZE / 2 + " bytes").doesNotContain("Unexpected failure");
    }

    @Test
    void aDeletedBlobIsA500OnBothFacesAndTheCheckNamesItsRepositoryAndPath(CapturedOutput output) throws Exception {
        String sha = sha256(weights);
        Files.delete(blobs.path(sha));
        mvc.perform(seedDownload("weights/model.bin")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.msg").value(org.hamcrest.Matchers.containsString("weights/model.bin")));
        mvc.perform(get(URI.create("/" + name + "/resolve/main/weights/model.bin")).with(alice()))
                .andExpect(status().isInternalServerError())
                .andExpect(header().string("X-Error-Code", "StoredFileDamaged"));
        assertThat(output.getOut()).contains("Damaged blob store: model " + name + " path weights/model.bin needs blob sha256 " + sha)
                .contains("is missing");

        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        int status = io.modellibrary.content.StoreCheckCommand.run(check, "report", new java.io.PrintStream(printed, true));
        assertThat(status).isEqualTo(1);
        assertThat(printed.toString()).contains("Referenced but missing or damaged:")
                .contains(sha + "  " + SIZE + " bytes expected, file missing")
                .contains("used by model " + name + ": weights/model.bin");
        assertThat(io.modellibrary.content.StoreCheckCommand.run(check, "fix", new java.io.PrintStream(printed, true))).isEqualTo(2);

        StoreCheck.Report report = check.run(false);
        assertThat(report.damaged()).filteredOn(d -> d.sha256().equals(sha)).singleElement().satisfies(d -> {
            assertThat(d.size()).isEqualTo(SIZE);
            assertThat(d.found()).isEqualTo(-1);
            assertThat(d.usedBy()).contains(new StoreCheck.Use("model " + name, "weights/model.bin"));
        });
    }

    @Test
    void theCheckNamesEachPathOfADamagedBlobOnceHoweverManyCommitsKeptIt() throws Exception {
        for (int i = 0; i < 3; i++) { // each commit rewrites weights/, which lists model.bin again
            upload(mvc, alice(), new MultipartBody().field("name", name).file("weights/extra-" + i + ".bin", bytes(100, i)))
                    .andExpect(status().isOk());
        }
        String sha = sha256(weights);
        Files.delete(blobs.path(sha));

        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        io.modellibrary.content.StoreCheckCommand.run(check, "report", new java.io.PrintStream(printed, true));
        String line = "used by model " + name + ": weights/model.bin";
        assertThat(printed.toString().split("\n")).filteredOn(l -> l.contains(line)).hasSize(1);
    }

    @Test
    void aFolderNoCommitReachesNamesNothingMissing() throws Exception {
        // what a commit attempt that lost the race for the head leaves: its folders, naming a blob
        // of an upload that was then refused and collected
        String neverCommitted = sha256(bytes(300, 79 + name.hashCode()));
        mongo.getCollection("trees").insertOne(new org.bson.Document("_id", "dangling-" + name).append("repoId", "lost-attempt")
                .append("count", 1).append("entries", java.util.List.of(new org.bson.Document("n", "refused.bin").append("i", neverCommitted).append("s", 300))));

        StoreCheck.Report report = check.run(false);
        assertThat(report.damaged()).as("a blob no commit names is not missing").noneMatch(d -> d.sha256().equals(neverCommitted));
    }

    @Test
    void theCheckListsUnreferencedBlobsAndRepairDeletesOnlyThoseOlderThanTheGracePeriod() throws Exception {
        byte[] strayOld = bytes(1000, 77 + name.hashCode());
        byte[] strayNew = bytes(1000, 78 + name.hashCode());
        Path old = stray(strayOld);
        Path young = stray(strayNew);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        String oldSha = sha256(strayOld);
        String newSha = sha256(strayNew);
        String weightsSha = sha256(weights);
        String configSha = sha256(config);
        StoreCheck.Report report = check.run(false);
        assertThat(report.unreferenced()).extracting(StoreCheck.Unreferenced::sha256).contains(oldSha, newSha)
                .doesNotContain(weightsSha, configSha);
        assertThat(report.damaged()).noneMatch(d -> d.sha256().equals(weightsSha) || d.sha256().equals(configSha));
        assertThat(old).exists();

        report = check.run(true);
        assertThat(report.unreferenced()).filteredOn(u -> u.sha256().equals(oldSha)).singleElement()
                .satisfies(u -> assertThat(u.deleted()).isTrue());
        assertThat(report.unreferenced()).filteredOn(u -> u.sha256().equals(newSha)).singleElement()
                .satisfies(u -> assertThat(u.deleted()).isFalse());
        assertThat(old).doesNotExist();
        assertThat(young).exists();
        assertThat(blobs.path(sha256(weights))).exists();
        mvc.perform(seedDownload("weights/model.bin")).andExpect(status().isOk()).andExpect(content().bytes(weights));
        Files.delete(young);
    }

    private Path stray(byte[] content) throws Exception {
        Path file = blobs.path(sha256(content));
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }
}
