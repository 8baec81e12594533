package io.modellibrary.security;

import io.modellibrary.common.BadRequestException;

import java.util.Locale;

/**
 * What a caller may do with a repository, in increasing order (docs/http-contract.md#roles):
 * {@code read} sees private repositories, downloads and reads
 * history; {@code write} also creates repositories in the namespace and changes files;
 * {@code admin} also renames, deletes and changes the visibility of repositories and
 * manages an organisation's members. The owner of a user namespace holds {@code admin}
 * on it. Access tokens carry {@code read} or {@code write}.
 */
public enum Role {
    READ, WRITE, ADMIN;

    /** The lower-case name used on the wire and in the database: {@code read}, {@code write}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lower of two roles. */
    public Role min(Role other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** Parses {@code read|write|admin} (any case); a 400 naming the field otherwise. */
    public static Role parse(String field, String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.id().equalsIgnoreCase(value.strip())) {
                    return role;
                }
            }
        }
        throw new BadRequestException(field + " must be one of read, write, admin");
    }
}
