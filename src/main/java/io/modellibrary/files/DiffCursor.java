package io.modellibrary.files;

import io.modellibrary.content.RepoPath;
import io.modellibrary.common.BadRequestException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A comparison's {@code cursor}: the path of the last file of the previous page, as base64url. Opaque to clients. */
final class DiffCursor {

    private DiffCursor() {
    }

    static String encode(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    /** The path to read on after, or null for none. */
    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return RepoPath.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)).toString();
        } catch (IllegalArgumentException | BadRequestException e) {
            throw new BadRequestException("cursor is not one this server gave out");
        }
    }
}
