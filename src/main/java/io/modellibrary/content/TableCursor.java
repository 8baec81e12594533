package io.modellibrary.content;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.versioning.Entry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A tree page's {@code cursor} (filesTable's): the last entry of the previous page, as base64url of
 * {@code d:<name>} (a folder) or {@code f:<name>} (a file). Opaque to clients.
 */
final class TableCursor {

    private TableCursor() {
    }

    static String encode(Entry last) {
        String raw = (last.folder() ? "d:" : "f:") + last.name();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The entry to list after, or null for none. */
    static Entry decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.length() < 3 || raw.charAt(1) != ':' || (raw.charAt(0) != 'd' && raw.charAt(0) != 'f')) {
                throw new IllegalArgumentException(raw);
            }
            return new Entry(raw.substring(2), raw.charAt(0) == 'd', null, 0, null);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not one this server gave out");
        }
    }
}
