package io.modellibrary.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.blob.BlobStore;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The text of small blobs for comparisons, kept in memory: a blob never changes, and a diff
 * across many commits reads hundreds of small files (measured with bench/history.sh: a
 * 500-commit diff of about 440 files spent most of its time opening them). Blobs up to
 * {@value #MAX_CACHED} bytes are kept, {@value #MAX_WEIGHT} bytes in all; larger text is read
 * each time, as {@link TextContent} does.
 */
@Component
public class TextCache {

    static final int MAX_CACHED = 64 * 1024;
    static final long MAX_WEIGHT = 32L * 1024 * 1024;

    private final BlobStore blobs;
    private final Cache<String, Optional<String>> texts = Caffeine.newBuilder()
            .maximumWeight(MAX_WEIGHT)
            .<String, Optional<String>>weigher((sha, text) -> 64 + text.map(String::length).orElse(0))
            .build();

    TextCache(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * The blob's text when it is UTF-8 text up to 1 MB (see {@link TextContent}); empty otherwise.
     *
     * @param size the blob's size in bytes
     * @throws IOException when the blob cannot be read
     */
    public Optional<String> text(String sha256, long size) throws IOException {
        if (size > MAX_CACHED) {
            return TextContent.read(blobs, sha256, size);
        }
        try {
            return texts.get(sha256, sha -> {
                try {
                    return TextContent.read(blobs, sha, size);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
