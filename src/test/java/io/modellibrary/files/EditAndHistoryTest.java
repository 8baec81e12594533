package io.modellibrary.files;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.table;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@EmptyCatalogueTest
class EditAndHistoryTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    private String newRepo() {
        String name = uniqueName("edit");
        fixtures.model(name).owner("alice").save();
        return name;
    }

    private ResultActions writeText(String name, String path, String content, String message) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"type\":\"model\",\"path\":\"" + path + "\",\"content\":" + quote(content)
                + (message == null ? "" : ",\"message\":\"" + message + "\"") + "}";
        return mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).content(body).with(alice()));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private ResultActions getBlob(String name, String path) throws Exception {
        String filepath = "/model/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/blob/main/" + path;
        return mvc.perform(get("/api/getBlob").param("filepath", filepath));
    }

    @Test
    void aTextFileIsCreatedEditedAndReadThroughGetBlob() throws Exception {
        String name = newRepo();
        writeText(name, "README.md", "# Model card\n", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.commit.message").value("Update README.md"))
                .andExpect(jsonPath("$.data.files[0].size").value(13));
        getBlob(name, "README.md")
                .andExpect(jsonPath("$.data.displayable").value(true))
                .andExpect(jsonPath("$.data.displayData").value("# Model card\n"));

        writeText(name, "README.md", "# Model card\n\nNow with \"quotes\" and ünïcode.\n", "Describe the model")
                .andExpect(status().isOk());
        getBlob(name, "README.md")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.data.displayData").value("# Model card\n\nNow with \"quotes\" and ünïcode.\n"))
                .andExpect(jsonPath("$.data.lastModifiedInformation").value("Describe the model"))
                .andExpect(jsonPath("$.data.size").value(47))
                .andExpect(jsonPath("$.data.fileURL").value(org.hamcrest.Matchers.containsString("/api/files/download?name=")));
    }

    @Test
    void aBinaryFileIsNotDisplayable() throws Exception {
        String name = newRepo();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("model.bin", bytes(4096, 9))).andExpect(status().isOk());
        getBlob(name, "model.bin")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.displayable").value(false))
                .andExpect(jsonPath("$.data.displayData").value(nullValue()))
                .andExpect(jsonPath("$.data.size").value(4096));
        getBlob(name, "absent.txt").andExpect(status().isNotFound());
    }

    @Test
    void textOverOneMegabyteIsRefused() throws Exception {
        writeText(newRepo(), "big.txt", "x".repeat(1024 * 1024 + 1), null)
                .andExpect(status().isContentTooLarge());
    }

    @Test
    void deletingAFileAndAFolderFollowsInTheTableAndDownloads() throws Exception {
        String name = newRepo();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("README.md", "hi")
                .file("weights/a.bin", "a").file("weights/sub/b.bin", "b").file("config.json", "{}")).andExpect(status().isOk());

        mvc.perform(delete("/api/files").param("name", name).param("path", "config.json").with(alice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.commit.message").value("Delete config.json"))
                .andExpect(jsonPath("$.data.files[0].path").value("config.json"));
        assertThat(table(mvc, name, "").findValuesAsString("fileName")).containsExactly("weights", "README.md");
        mvc.perform(get("/api/files/download").param("name", name).param("path", "config.json")).andExpect(status().isNotFound());

        mvc.perform(delete("/api/files").param("name", name).param("path", "weights/").param("message", "Drop weights").with(alice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.files.length()").value(2));
        assertThat(table(mvc, name, "").findValuesAsString("fileName")).containsExactly("README.md");
        mvc.perform(get("/api/files/download").param("name", name).param("path", "weights/sub/b.bin")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/files").param("name", name).param("path", "weights").with(alice())).andExpect(status().isNotFound());
    }

    @Test
    void historyIsNewestFirstAndACommitShowsItsChangesBeforeAndAfter() throws Exception {
        String name = newRepo();
        writeText(name, "config.json", "{\"a\": 1}", "first").andExpect(status().isOk());
        writeText(name, "config.json", "{\"a\": 2}", "second").andExpect(status().isOk());
        upload(mvc, alice(), new MultipartBody().field("name", name).field("message", "third").file("w.bin", bytes(100, 1)))
                .andExpect(status().isOk());

        JsonNode commits = json(mvc.perform(get("/api/commits").param("name", name)).andReturn()).at("/data/list");
        assertThat(commits.findValuesAsString("message")).containsExactly("third", "second", "first");
        assertThat(commits.get(0).get("parent").asString()).isEqualTo(commits.get(1).get("id").asString());
        assertThat(commits.get(2).get("parent").isNull()).isTrue();
        JsonNode page = json(mvc.perform(get("/api/commits").param("name", name).param("limit", "1")
                .param("revision", commits.get(1).get("id").asString())).andReturn()).at("/data/list");
        assertThat(page.findValuesAsString("message")).containsExactly("second");

        String second = commits.get(1).get("id").asString();
        mvc.perform(post("/api/getPrevAndNewFile").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"type\":\"model\",\"commit\":\"" + second + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].oldFileName").value("config.json"))
                .andExpect(jsonPath("$.data[0].newFileName").value("config.json"))
                .andExpect(jsonPath("$.data[0].prevData").value("{\"a\": 1}"))
                .andExpect(jsonPath("$.data[0].newData").value("{\"a\": 2}"));
        mvc.perform(get("/api/getPrevAndNewFile").param("name", name).param("commit", commits.get(0).get("id").asString()))
                .andExpect(jsonPath("$.data[0].oldFileName").value(nullValue()))
                .andExpect(jsonPath("$.data[0].newFileName").value("w.bin"))
                .andExpect(jsonPath("$.data[0].displayable").value(false));
        mvc.perform(get("/api/getPrevAndNewFile").param("name", name).param("commit", "a".repeat(40)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDiffCarriesAtMostItsTextBudgetAndMarksTheRestTruncated() throws Exception {
        String name = newRepo();
        MultipartBody body = new MultipartBody().field("name", name);
        for (int i = 0; i < 6; i++) {
            body.file("text-" + i + ".txt", String.valueOf((char) ('a' + i)).repeat(1_000_000));
        }
        String commit = json(upload(mvc, alice(), body).andExpect(status().isOk()).andReturn()).at("/data/commit/id").asString();

        JsonNode diff = json(mvc.perform(get("/api/getPrevAndNewFile").param("name", name).param("commit", commit))
                .andExpect(status().isOk()).andExpect(jsonPath("$.msg").value("success")).andReturn()).path("data");

        assertThat(diff.size()).isEqualTo(6);
        long text = 0;
        for (int i = 0; i < 6; i++) {
            JsonNode entry = diff.get(i);
            assertThat(entry.get("newFileName").asString()).isEqualTo("text-" + i + ".txt");
            boolean withinBudget = i < 4;
            assertThat(entry.get("displayable").asBoolean()).isEqualTo(withinBudget);
            assertThat(entry.has("truncated")).isEqualTo(!withinBudget);
            assertThat(entry.get("newData").isNull()).isEqualTo(!withinBudget);
            text += entry.get("newData").asString("").length() + entry.get("prevData").asString("").length();
        }
        assertThat(diff.get(5).get("truncated").asBoolean()).isTrue();
        assertThat(text).isEqualTo(4_000_000).isLessThanOrEqualTo(FileReads.DIFF_TEXT_BUDGET);
    }

    @Test
    void aMalformedlyEncodedGetBlobFilepathIs400() throws Exception {
        mvc.perform(get("/api/getBlob").param("filepath", "/model/alice%zz/blob/main/b.txt"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("filepath: the repository name is not properly percent-encoded"));
    }
}
