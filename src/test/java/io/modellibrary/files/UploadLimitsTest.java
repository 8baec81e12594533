package io.modellibrary.files;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;


import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.blobFiles;
import static io.modellibrary.files.FilesTestSupport.commitCount;
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


    @Test
    void aFileOverTheLimitIs413AndNothingOfTheUploadIsStored() throws Exception {
        String name = uniqueName("limits");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("ok.bin", bytes(4096, 1))).andExpect(status().isOk());
        long before = blobFiles(properties.dataDir());

        upload(mvc, alice(), new MultipartBody().field("name", name).file("fine.bin", bytes(1000, 2)).file("big.bin", bytes(4097, 3)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.msg").value("a file is larger than the limit of 4KB"));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(before);
        assertThat(json(mvc.perform(get("/api/commits").param("name", name)).andReturn()).at("/data/list").size()).isEqualTo(1);
    }

    @Test
    void aRequestOverTheLimitIs413() throws Exception {
        String name = uniqueName("limits");
        fixtures.model(name).owner("alice").save();
        MultipartBody body = new MultipartBody().field("name", name);
        for (int i = 0; i < 5; i++) {
            body.file("part-" + i + ".bin", bytes(4000, 10 + i));
        }
        long before = blobFiles(properties.dataDir());
        upload(mvc, alice(), body)
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.msg").value("the upload is larger than the limit of 16KB"));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(before);
    }

    @Test
    void aFormFieldTheUploadDoesNotTakeIs400AndNothingIsStored() throws Exception {
        String name = uniqueName("fields");
        fixtures.model(name).owner("alice").save();
        long before = blobFiles(properties.dataDir());

        upload(mvc, alice(), new MultipartBody().field("name", name).field("padding", "x".repeat(1000)).file("a.bin", bytes(1000, 4)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("unknown form field padding: an upload takes name, type, path, message, parentCommit, branch and file parts"));
        upload(mvc, alice(), new MultipartBody().field("name", name).file("a.bin", bytes(1000, 5)).field("extra", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("unknown form field extra: an upload takes name, type, path, message, parentCommit, branch and file parts"));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(before);
        assertThat(commitCount(mvc, name)).isZero();
    }

    @Test
    void aRepeatedFormFieldIs400AndNothingIsStored() throws Exception {
        String name = uniqueName("fields");
        fixtures.model(name).owner("alice").save();
        long before = blobFiles(properties.dataDir());

        upload(mvc, alice(), new MultipartBody().field("name", name).file("a.bin", bytes(1000, 6))
                .field("message", "one").field("message", "two"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("form field message appears more than once"));
        upload(mvc, alice(), new MultipartBody().field("name", name).field("name", name).file("a.bin", bytes(1000, 7)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("form field name appears more than once"));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(before);
        assertThat(commitCount(mvc, name)).isZero();
    }

    @Test
    void aMalformedlyEncodedFilenameIs400AndNothingIsStored() throws Exception {
        String name = uniqueName("fields");
        fixtures.model(name).owner("alice").save();
        long before = blobFiles(properties.dataDir());

        upload(mvc, alice(), new MultipartBody().field("name", name).file("fine.bin", bytes(1000, 8))
                .part("name=\"file\"; filename*=UTF-8''%zz.txt", bytes(1000, 9)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("the filename* of a part is not properly percent-encoded"));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(before);
        assertThat(commitCount(mvc, name)).isZero();
    }

}
