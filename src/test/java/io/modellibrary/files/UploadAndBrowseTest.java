package io.modellibrary.files;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.table;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@EmptyCatalogueTest
class UploadAndBrowseTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @Test
    void uploadingOneFileMakesACommitAndTheTableShowsIt() throws Exception {
        String name = uniqueName("one");
        fixtures.model(name).owner("alice").save();
        byte[] content = bytes(5000, 1);

        upload(mvc, alice(), new MultipartBody().field("name", name).field("message", "Add weights").file("model.bin", content))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.data.commit.id", matchesPattern("[0-9a-f]{40}")))
                .andExpect(jsonPath("$.data.commit.message").value("Add weights"))
                .andExpect(jsonPath("$.data.commit.author").value("alice"))
                .andExpect(jsonPath("$.data.files[0].path").value("model.bin"))
                .andExpect(jsonPath("$.data.files[0].size").value(5000))
                .andExpect(jsonPath("$.data.files[0].sha256").value(sha256(content)));

        mvc.perform(get("/api/filesTable").param("name", name))
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.filesTable[0].key").value("model.bin"))
                .andExpect(jsonPath("$.data.filesTable[0].fileName").value("model.bin"))
                .andExpect(jsonPath("$.data.filesTable[0].isAFolder").value(false))
                .andExpect(jsonPath("$.data.filesTable[0].size").value(5000))
                .andExpect(jsonPath("$.data.filesTable[0].lastModifiedInformation").value("Add weights"))
                .andExpect(jsonPath("$.data.filesTable[0].lastModified", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")))
                .andExpect(jsonPath("$.data.filesTable[0].fileURL", matchesPattern("http://localhost/api/files/download\\?name=alice%2Fone-\\d+&type=model&path=model.bin&revision=main")));

        mvc.perform(get("/api/model").param("name", name))
                .andExpect(jsonPath("$.data.options.lastModifiedInformation").value("Add weights"));
    }

    @Test
    void aFolderUploadKeepsItsTreeAsOneCommitAndEveryFolderLists() throws Exception {
        String name = uniqueName("tree");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("README.md", "# card")
                .file("weights/part-002.bin", bytes(10, 2)).file("weights/part-001.bin", bytes(10, 3))
                .file("weights/fp16/model.bin", bytes(10, 4)).file("config.json", "{}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.commit.message").value("Upload 5 files"));

        JsonNode root = table(mvc, name, "");
        assertThat(root.findValuesAsString("fileName")).containsExactly("weights", "config.json", "README.md");
        assertThat(root.get(0).get("isAFolder").asBoolean()).isTrue();
        assertThat(root.get(0).has("size")).isFalse();
        assertThat(root.get(0).has("fileURL")).isFalse();
        assertThat(root.get(0).get("lastModifiedInformation").asString()).isEqualTo("Upload 5 files");

        assertThat(table(mvc, name, "weights").findValuesAsString("key"))
                .containsExactly("weights/fp16", "weights/part-001.bin", "weights/part-002.bin");
        assertThat(table(mvc, name, "weights/fp16/").findValuesAsString("fileName")).containsExactly("model.bin");
        assertThat(json(mvc.perform(get("/api/commits").param("name", name)).andReturn()).at("/data/list").size()).isEqualTo(1);
    }

    @Test
    void uploadingIntoATargetFolderAndAFolderShowsItsNewestChange() throws Exception {
        String name = uniqueName("target");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("docs/a.txt", "a")).andExpect(status().isOk());
        upload(mvc, alice(), new MultipartBody().field("name", name).field("path", "docs/more").field("message", "more docs")
                .file("b.txt", "b")).andExpect(status().isOk());

        JsonNode root = table(mvc, name, "/");
        assertThat(root.get(0).get("fileName").asString()).isEqualTo("docs");
        assertThat(root.get(0).get("lastModifiedInformation").asString()).isEqualTo("more docs");
        JsonNode docs = table(mvc, name, "docs");
        assertThat(docs.findValuesAsString("key")).containsExactly("docs/more", "docs/a.txt");
        assertThat(docs.get(1).get("lastModifiedInformation").asString()).isEqualTo("Upload 1 file");
    }

    @Test
    void theTableOfAMissingRepositoryOrFolderIsTheSeedsNoSuchItem() throws Exception {
        mvc.perform(get("/api/filesTable").param("name", "nobody/nothing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("no such item"));
        String name = uniqueName("empty");
        fixtures.model(name).owner("alice").save();
        mvc.perform(get("/api/filesTable").param("name", name))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.filesTable").isEmpty());
        mvc.perform(get("/api/filesTable").param("name", name).param("path", "nope"))
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("no such folder: nope"));
    }

    @Test
    void anOlderRevisionStillListsItsOwnTree() throws Exception {
        String name = uniqueName("revisions");
        fixtures.model(name).owner("alice").save();
        String first = json(upload(mvc, alice(), new MultipartBody().field("name", name).file("a.txt", "1")).andReturn())
                .at("/data/commit/id").asString();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("b.txt", "2")).andExpect(status().isOk());

        mvc.perform(get("/api/filesTable").param("name", name).param("revision", first))
                .andExpect(jsonPath("$.data.filesTable.length()").value(1))
                .andExpect(jsonPath("$.data.filesTable[0].fileURL", matchesPattern(".*revision=" + first)));
        mvc.perform(get("/api/filesTable").param("name", name).param("revision", "f".repeat(40)))
                .andExpect(jsonPath("$.msg").value("no such revision: " + "f".repeat(40)));
    }
}
