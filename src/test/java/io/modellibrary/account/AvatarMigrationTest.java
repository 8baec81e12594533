package io.modellibrary.account;

import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Images;
import io.modellibrary.support.OwnDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A data directory of the version that kept avatars in {@code <data-dir>/images/}: at start-up
 * they move into the blob store, and their URLs (in the users' documents) keep serving them.
 */
@FullStackTest
@OwnDataDirectory
class AvatarMigrationTest {

    private static final String OLD_AVATAR = "0123456789abcdef0123456789abcdef.png";
    private static final byte[] IMAGE = Images.png();
    private static Path dataDir;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void aDataDirectoryWithAnAvatarFolder(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "avatars-").toAbsolutePath();
        Files.createDirectories(dataDir.resolve("images"));
        Files.write(dataDir.resolve("images").resolve(OLD_AVATAR), IMAGE);
        registry.add("modellibrary.data-dir", dataDir::toString);
    }

    @Test
    void anAvatarOfTheOldFolderIsServedFromTheBlobStoreUnderItsOldUrl() throws Exception {
        mvc.perform(get("/images/" + OLD_AVATAR))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(content().bytes(IMAGE));
        assertThat(dataDir.resolve("images")).as("the per-server folder is gone").doesNotExist();
    }
}
