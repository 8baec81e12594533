package io.modellibrary.files;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@EmptyCatalogueTest
@TestPropertySource(properties = {"modellibrary.files.max-file-size=4KB", "modellibrary.files.max-request-size=16KB"})
class UploadLimitsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ModelLibraryProperties properties;

    private long blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(properties.dataDir().resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aFileOverTheLimitIs413AndNothingOfTheUploadIsStored() throws Exception {
        String name = uniqueName("limits");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("ok.bin", bytes(4096, 1))).andExpect(status().isOk());
        long before = blobFiles();

        upload(mvc, alice(), new MultipartBody().field("name", name).file("fine.bin", bytes(1000, 2)).file("big.bin", bytes(4097, 3)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.msg").value("a file is larger than the limit of 4KB"));
        assertThat(blobFiles()).isEqualTo(before);
        assertThat(json(mvc.perform(get("/api/commits").param("name", name)).andReturn()).at("/data/commits").size()).isEqualTo(1);
    }

    @Test
    void aRequestOverTheLimitIs413() throws Exception {
        String name = uniqueName("limits");
        fixtures.model(name).owner("alice").save();
        MultipartBody body = new MultipartBody().field("name", name);
        for (int i = 0; i < 5; i++) {
            body.file("part-" + i + ".bin", bytes(4000, 10 + i));
        }
        long before = blobFiles();
        upload(mvc, alice(), body)
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.msg").value("the upload is larger than the limit of 16KB"));
        assertThat(blobFiles()).isEqualTo(before);
    }
}
