package io.modellibrary.files;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import io.modellibrary.support.OwnDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The cases that broke MongoDB's 16 MiB document limit: a folder of 100,000 files in one
 * upload, 12,000 files with 1,000-character names; folders and changes served in pages.
 */
@EmptyCatalogueTest
@OwnDataDirectory // 112,000 blobs that no other test should have to walk
class LargeRepositoryTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @Test
    void aFolderOfAHundredThousandFilesUploadsListsInPagesAndTakesAOneFileEdit() throws Exception {
        String name = uniqueName("huge");
        fixtures.dataset(name).owner("alice").save();
        MultipartBody body = new MultipartBody().field("name", name).field("type", "dataset");
        for (int i = 0; i < 100_000; i++) {
            body.file("images/img-" + i + ".txt", "image " + i);
        }
        upload(mvc, alice(), body).andExpect(status().isOk()).andExpect(jsonPath("$.data.changed").value(true));

        Set<String> listed = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/filesTable").param("name", name).param("type", "dataset").param("path", "images").with(alice());
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode data = json(mvc.perform(request).andExpect(status().isOk()).andReturn()).path("data");
            assertThat(data.path("numTotalItems").asInt()).isEqualTo(100_000);
            assertThat(data.path("filesTable").size()).isLessThanOrEqualTo(FileReads.TABLE_PAGE);
            data.path("filesTable").forEach(e -> listed.add(e.path("key").asText()));
            cursor = data.path("cursor").isMissingNode() || data.path("cursor").isNull() ? null : data.path("cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(100);
        assertThat(listed).hasSize(100_000).contains("images/img-99999.txt");

        String sha = json(mvc.perform(get("/api/commits").param("name", name).param("type", "dataset").with(alice())).andReturn())
                .at("/data/list/0/id").asText();
        JsonNode history = json(mvc.perform(get("/api/commits").param("name", name).param("type", "dataset").with(alice())).andReturn());
        assertThat(history.at("/data/list/0/changeCount").asInt()).isEqualTo(100_000);
        assertThat(history.at("/data/list/0/changes").size()).isEqualTo(1000);
        mvc.perform(get("/api/getPrevAndNewFile").param("name", name).param("type", "dataset").param("commit", sha).param("page", "100"))
                .andExpect(jsonPath("$.data.length()").value(1000));

        upload(mvc, alice(), new MultipartBody().field("name", name).field("type", "dataset").file("images/img-5.txt", "edited"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/files/download").param("name", name).param("type", "dataset").param("path", "images/img-5.txt"))
                .andExpect(content().string("edited"));
        mvc.perform(get("/api/files/download").param("name", name).param("type", "dataset").param("path", "images/img-5.txt")
                .param("revision", sha)).andExpect(content().string("image 5"));
    }

    @Test
    void twelveThousandFilesWithThousandCharacterNamesUploadInOneCommit() throws Exception {
        String name = uniqueName("long-names");
        fixtures.model(name).owner("alice").save();
        MultipartBody body = new MultipartBody().field("name", name);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            String file = String.format("%05d-", i) + "n".repeat(990) + ".bin";
            paths.add("deep/" + file);
            body.file("deep/" + file, ("content " + i).getBytes(StandardCharsets.UTF_8));
        }
        upload(mvc, alice(), body).andExpect(status().isOk());

        JsonNode first = json(mvc.perform(get("/api/filesTable").param("name", name).param("path", "deep").with(alice())).andReturn());
        assertThat(first.at("/data/numTotalItems").asInt()).isEqualTo(12_000);
        assertThat(first.at("/data/filesTable/0/key").asText()).isEqualTo(paths.get(0));
        mvc.perform(get("/api/files/download").param("name", name).param("path", paths.get(11_999)))
                .andExpect(content().string("content 11999"));
    }
}
