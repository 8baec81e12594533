package io.modellibrary.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@link BlobStoreContract} against {@link DiskBlobStore}. */
class DiskBlobStoreContractTest extends BlobStoreContract {

    @Override
    BlobStore store() {
        return new DiskBlobStore(dir.resolve("blobs"));
    }

    @Override
    List<String> stored() throws IOException {
        return files(dir.resolve("blobs")).stream().filter(p -> !p.startsWith(dir.resolve("blobs/tmp"))).map(Path::toString).toList();
    }

    @Override
    List<String> incomplete() throws IOException {
        return files(dir.resolve("blobs/tmp")).stream().map(Path::toString).toList();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
