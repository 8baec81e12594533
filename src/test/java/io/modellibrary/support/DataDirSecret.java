package io.modellibrary.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The content of {@code <data-dir>/jwt-secret}, the file traversal tests try to reach.
 * On the embedded database the server generated it; with a configured secret (the
 * container database) there is none, so a stand-in with random content is written.
 */
public final class DataDirSecret {

    private DataDirSecret() {
    }

    public static String read(Path dataDir) throws IOException {
        Path file = dataDir.resolve("jwt-secret");
        if (!Files.exists(file)) {
            Files.writeString(file, "stand-in-" + UUID.randomUUID());
        }
        return Files.readString(file).trim();
    }
}
