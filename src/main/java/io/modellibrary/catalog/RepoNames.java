package io.modellibrary.catalog;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;

import java.util.regex.Pattern;

/**
 * Repository names (CONTRACT.md "Names"): letters, digits, {@code - _ .}, one optional
 * {@code /} after a namespace, at most 96 characters. {@code alice/x} belongs to alice,
 * {@code acme/x} to the organisation acme; a bare name belongs to whoever creates it.
 */
final class RepoNames {

    static final int MAX_LENGTH = 96;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private RepoNames() {
    }

    /** The name, checked; a 400 naming the field otherwise. */
    static String valid(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new BadRequestException(field + " must be at most " + MAX_LENGTH + " characters");
        }
        String[] segments = name.split("/", -1);
        if (segments.length > 2) {
            throw new BadRequestException(field + " may contain at most one /");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new BadRequestException(field + " may only use letters, digits, -, _, . and one /");
            }
        }
        return name;
    }

    /**
     * The namespace owning the name: the part before the slash, or the creator for a bare
     * name. Whether the caller may write there is {@link RepoPermissions#requireCreateIn}'s call.
     */
    static String owner(String name, CurrentUser user) {
        int slash = name.indexOf('/');
        return slash < 0 ? user.username() : name.substring(0, slash);
    }
}
