package io.modellibrary.content;

import io.modellibrary.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Whether a blob is displayable text (valid UTF-8, no NUL, up to 1 MB) and if so its text. */
public final class TextContent {

    private TextContent() {
    }

    /**
     * The text of the stored blob of {@code size} bytes, if displayable; at most
     * {@value FilesProperties#MAX_TEXT_BYTES} bytes are read, from whichever store holds it.
     *
     * @throws IOException when the blob cannot be read
     */
    public static Optional<String> read(BlobStore blobs, String sha256, long size) throws IOException {
        if (size > FilesProperties.MAX_TEXT_BYTES) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = blobs.open(sha256, 0, size)) {
            bytes = in.readNBytes(FilesProperties.MAX_TEXT_BYTES + 1);
        }
        return decode(bytes);
    }

    /** The bytes as text, if displayable. */
    public static Optional<String> decode(byte[] bytes) {
        if (bytes.length > FilesProperties.MAX_TEXT_BYTES) {
            return Optional.empty();
        }
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
