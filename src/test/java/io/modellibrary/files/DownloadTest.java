package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoRepository;
import io.modellibrary.catalog.RepoUpdates;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.Arrays;

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

@EmptyCatalogueTest
class DownloadTest {

    private static final int SIZE = 300_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    RepoRepository repos;
    @Autowired
    RepoUpdates updates;

    private String name;
    byte[] weights;
    private byte[] tokenizer;

    @BeforeEach
    void repositoryWithTwoFiles() throws Exception {
        name = uniqueName("download");
        fixtures.model(name).owner("alice").save();
        weights = bytes(SIZE, 7);
        tokenizer = bytes(1234, 8);
        upload(mvc, alice(), new MultipartBody().field("name", name).file("weights/model.safetensors", weights)
                .file("tokenizer ü.json", tokenizer)).andExpect(status().isOk());
    }

    private MockHttpServletRequestBuilder download(String path) {
        return get("/api/files/download").param("name", name).param("type", "model").param("path", path);
    }

    @Test
    void downloadGivesTheSameBytesWithTheHeadersOfTheContract() throws Exception {
        MvcResult result = mvc.perform(download("weights/model.safetensors"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Length", String.valueOf(SIZE)))
                .andExpect(header().string("Accept-Ranges", "bytes"))
                .andExpect(header().string("ETag", "\"" + sha256(weights) + "\""))
                .andExpect(header().string("Content-Type", "application/octet-stream"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"model.safetensors\"; filename*=UTF-8''model.safetensors"))
                .andReturn();
        byte[] body = result.getResponse().getContentAsByteArray();
        assertThat(sha256(body)).isEqualTo(sha256(weights));
        assertThat(body).isEqualTo(weights);

        mvc.perform(download("tokenizer ü.json"))
                .andExpect(content().bytes(tokenizer))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"tokenizer _.json\"; filename*=UTF-8''tokenizer%20%C3%BC.json"));
    }

    @Test
    void rangesGiveFirstByteMiddleAndSuffix() throws Exception {
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=0-0"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 0-0/" + SIZE))
                .andExpect(header().string("Content-Length", "1"))
                .andExpect(content().bytes(Arrays.copyOfRange(weights, 0, 1)));
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=1000-200999"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 1000-200999/" + SIZE))
                .andExpect(content().bytes(Arrays.copyOfRange(weights, 1000, 201_000)));
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=-100"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes " + (SIZE - 100) + "-" + (SIZE - 1) + "/" + SIZE))
                .andExpect(content().bytes(Arrays.copyOfRange(weights, SIZE - 100, SIZE)));
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() throws Exception {
        for (String first : new String[] {String.valueOf(SIZE), "99999999999999999999"}) {
            mvc.perform(download("weights/model.safetensors").header("Range", "bytes=" + first + "-"))
                    .andExpect(status().isRequestedRangeNotSatisfiable())
                    .andExpect(header().string("Content-Range", "bytes */" + SIZE))
                    .andExpect(jsonPath("$.code").value(0));
        }
    }

    @Test
    void aMatchingEtagIsNotModifiedAndIfRangeWithAnotherTagSendsTheWholeFile() throws Exception {
        String etag = "\"" + sha256(weights) + "\"";
        mvc.perform(download("weights/model.safetensors").header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", etag))
                .andExpect(content().bytes(new byte[0]));
        mvc.perform(download("weights/model.safetensors").header("If-None-Match", "\"other\""))
                .andExpect(status().isOk());
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=10-19").header("If-Range", etag))
                .andExpect(status().isPartialContent());
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=10-19").header("If-Range", "\"stale\""))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Length", String.valueOf(SIZE)));
    }

    @Test
    void headGivesTheHeadersWithoutABody() throws Exception {
        mvc.perform(head("/api/files/download").param("name", name).param("path", "weights/model.safetensors"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Length", String.valueOf(SIZE)))
                .andExpect(header().string("ETag", "\"" + sha256(weights) + "\""))
                .andExpect(content().bytes(new byte[0]));
    }

    @Test
    void onlyADownloadFromTheFirstByteCounts() throws Exception {
        long before = downloads();
        mvc.perform(download("weights/model.safetensors")).andExpect(status().isOk());
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=0-99")).andExpect(status().isPartialContent());
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=100-")).andExpect(status().isPartialContent());
        mvc.perform(head("/api/files/download").param("name", name).param("path", "weights/model.safetensors"));
        assertThat(downloads()).isEqualTo(before + 2);
    }

    @Test
    void aProbeAHeadAndA304AreNotDownloads() throws Exception {
        long before = downloads();
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=0-0"))
                .andExpect(status().isPartialContent()).andExpect(header().string("Content-Range", "bytes 0-0/" + SIZE));
        mvc.perform(head("/api/files/download").param("name", name).param("path", "weights/model.safetensors"));
        mvc.perform(download("weights/model.safetensors").header("If-None-Match", "\"" + sha256(weights) + "\""))
                .andExpect(status().isNotModified());
        mvc.perform(download("weights/model.safetensors").header("Range", "bytes=" + SIZE + "-"))
                .andExpect(status().isRequestedRangeNotSatisfiable());
        assertThat(downloads()).isEqualTo(before);
    }

    @Test
    void aHeadIgnoresRangeAsRfc9110Says() throws Exception {
        mvc.perform(head("/api/files/download").param("name", name).param("path", "weights/model.safetensors")
                        .header("Range", "bytes=0-9"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Length", String.valueOf(SIZE)));
    }

    @Test
    void missingFilesRevisionsAndRepositoriesAre404() throws Exception {
        mvc.perform(download("nope.bin")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.msg").value("no such file: nope.bin"));
        mvc.perform(download("weights")).andExpect(status().isNotFound());
        mvc.perform(download("weights/model.safetensors").param("revision", "0".repeat(40)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.msg").value("no such revision: " + "0".repeat(40)));
        mvc.perform(get("/api/files/download").param("name", "alice/none").param("path", "a"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.msg").value("no such item"));
        mvc.perform(download("../etc/passwd")).andExpect(status().isBadRequest());
    }

    /** The repository's download count once the downloads recorded so far are written (in the background). */
    private long downloads() throws Exception {
        updates.awaitDownloadsWritten();
        return repos.findByTypeAndNameLower("model", name.toLowerCase()).map(Repo::getDownloads).orElseThrow();
    }
}
