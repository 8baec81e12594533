package io.modellibrary.files;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.blobFiles;
import static io.modellibrary.files.FilesTestSupport.commitCount;
import static io.modellibrary.files.FilesTestSupport.bob;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@EmptyCatalogueTest
class FileAccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ModelLibraryProperties properties;



    @Test
    void aPrivateRepositorysFilesAreInvisibleToOthers() throws Exception {
        String name = uniqueName("secret");
        fixtures.model(name).owner("alice").privateRepo().save();
        String commit = json(upload(mvc, alice(), new MultipartBody().field("name", name).file("secret.txt", "classified"))
                .andExpect(status().isOk()).andReturn()).at("/data/commit/id").asString();
        String filepath = "/model/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/blob/main/secret.txt";

        for (var who : new org.springframework.test.web.servlet.request.RequestPostProcessor[] {bob(), r -> r}) {
            mvc.perform(get("/api/filesTable").param("name", name).with(who)).andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/getBlob").param("filepath", filepath).with(who)).andExpect(status().isNotFound());
            mvc.perform(get("/api/files/download").param("name", name).param("path", "secret.txt").with(who))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/commits").param("name", name).with(who)).andExpect(status().isNotFound());
            mvc.perform(get("/api/getPrevAndNewFile").param("name", name).param("commit", commit).with(who))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(get("/api/files/download").param("name", name).param("path", "secret.txt").with(alice()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/getBlob").param("filepath", filepath).with(alice()))
                .andExpect(jsonPath("$.data.displayData").value("classified"));
    }

    @Test
    void writesNeedASignedInOwner() throws Exception {
        String name = uniqueName("guarded");
        fixtures.model(name).owner("alice").save();
        long before = blobFiles(properties.dataDir());
        mvc.perform(post("/api/files").contentType(MultipartBody.contentType())
                        .content(new MultipartBody().field("name", name).file("a.bin", bytes(100, 50)).build()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.msg").value("no login"));
        upload(mvc, bob(), new MultipartBody().field("name", name).file("a.bin", bytes(100, 51)))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).with(bob())
                .content("{\"name\":\"" + name + "\",\"path\":\"a.txt\",\"content\":\"x\"}")).andExpect(status().isForbidden());
        mvc.perform(delete("/api/files").param("name", name).param("path", "a.txt").with(bob())).andExpect(status().isForbidden());
        assertThat(blobFiles(properties.dataDir())).isEqualTo(before);
        assertThat(commitCount(mvc, name)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.bin", "../../../../etc/passwd", "a/../../b.bin", "/etc/passwd", "a\\\\b.bin",
            "..\\\\..\\\\win.ini", "a//b.bin", "./a.bin", ".git/config", "sub/.git/hooks/post-checkout", "tab\there.bin"})
    void everyBadUploadPathIs400AndNothingIsWritten(String filename) throws Exception {
        String name = uniqueName("badpath");
        fixtures.model(name).owner("alice").save();
        long before = blobFiles(properties.dataDir());
        upload(mvc, alice(), new MultipartBody().field("name", name).file("good.bin", bytes(1000, filename.hashCode()))
                .file(filename, bytes(10, 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(before);
        assertThat(commitCount(mvc, name)).isZero();
    }

    @Test
    void tooLongPathsAndBadTargetFoldersAre400Everywhere() throws Exception {
        String name = uniqueName("badpaths");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("a".repeat(1025), "x")).andExpect(status().isBadRequest());
        upload(mvc, alice(), new MultipartBody().field("name", name).field("path", "../up").file("a.txt", "x"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).with(alice())
                .content("{\"name\":\"" + name + "\",\"path\":\"../a.txt\",\"content\":\"x\"}")).andExpect(status().isBadRequest());
        mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).with(alice())
                .content("{\"name\":\"" + name + "\",\"path\":\"a\\u0000.txt\",\"content\":\"x\"}")).andExpect(status().isBadRequest());
        mvc.perform(delete("/api/files").param("name", name).param("path", "../../x").with(alice())).andExpect(status().isBadRequest());
        mvc.perform(get("/api/filesTable").param("name", name).param("path", "../..")).andExpect(status().isBadRequest());
        assertThat(commitCount(mvc, name)).isZero();
    }

    /**
     * A file part with {@code filename=""}: a 400 in the envelope saying the part has no file name (it said
     * "file is required" before, though a file part was there); one without bytes beside named files, as a
     * browser's empty file input sends it, is passed over.
     */
    @Test
    void aFilePartWithoutAFileNameIsA400SayingSo() throws Exception {
        String name = uniqueName("nameless");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("", "weights")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("a file part has no file name (filename=\"\"); its filename is its path under the target folder"));
        upload(mvc, alice(), new MultipartBody().field("name", name).file("", "")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("a file part has no file name (filename=\"\"): name each file "
                        + "(filename=\"weights/model.bin\"), its path under the target folder"));
        upload(mvc, alice(), new MultipartBody().field("name", name).file("a.txt", "x").file("", "lost bytes"))
                .andExpect(status().isBadRequest());
        assertThat(commitCount(mvc, name)).isZero();

        upload(mvc, alice(), new MultipartBody().field("name", name).file("a.txt", "x").file("", ""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.files.length()").value(1))
                .andExpect(jsonPath("$.data.files[0].path").value("a.txt"));
    }

    @Test
    void malformedUploadsAre400() throws Exception {
        String name = uniqueName("malformed");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("file is required: send at least one file part"));
        upload(mvc, alice(), new MultipartBody().file("a.txt", "x")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("name is required"));
        upload(mvc, alice(), new MultipartBody().file("a.txt", "x").field("name", name)).andExpect(status().isBadRequest());
        upload(mvc, alice(), new MultipartBody().field("name", name).file("a.txt", "x").file("a.txt", "y"))
                .andExpect(status().isBadRequest());
        byte[] cut = new MultipartBody().field("name", name).file("a.bin", bytes(5000, 3)).build();
        mvc.perform(post("/api/files").contentType(MultipartBody.contentType())
                .content(java.util.Arrays.copyOf(cut, 3000)).with(alice())).andExpect(status().isBadRequest());
        assertThat(commitCount(mvc, name)).isZero();
    }
}
