package io.modellibrary.catalog;

/** Descriptions for the OpenAPI document of the repository writes. */
final class RepoDocs {

    private RepoDocs() {
    }

    static final String CREATE = """
            Body: `name` (letters, digits, `-`, `_`, `.`, one optional `/`, at most 96 characters), \
            `isPrivate`, optional `activeFilters` (facet → labels, at most 20 labels of at most 64 \
            characters each) and `description`. `alice/x` may be created only by alice, `team/x` only by \
            a member of that team, a bare name by anyone signed in. The server sets owner, author, \
            avatar, downloads, likes, times and id; such fields in the body are ignored. A taken name \
            answers code 0 `item already exists`.""";

    static final String UPDATE = """
            Owner or team member only. Any of `activeFilters`, `description`, `isPrivate`, and `newName` \
            (moves the repository; the namespace rules apply and the new name must be free). A repository \
            the caller may not see answers 404 `no such item`; one they may see but not change, 403.""";

    static final String DELETE = """
            Owner or team member only. Removes the repository, its likes, files and history; stored file \
            contents no other repository references are reclaimed.""";

    static final String LIKE = """
            Parameters `name` and `type` (query or form). Liking twice counts once; `data` tells whether \
            the caller now likes it and the repository's like count.""";

    static final String PERSONAL = """
            `data.list`: the caller's repositories and their team's, private ones included, newest change \
            first. Needs a token (401 `no login` otherwise).""";

    static final String TRENDING = """
            `data.list`: public repositories with the most downloads and likes over the last 7 days, \
            most recent activity breaking ties; when fewer than 20 had activity, the most downloaded \
            public repositories complete the list.""";
}
