package io.modellibrary.catalog;

/** Descriptions and example responses for the OpenAPI document of the repository writes. */
final class RepoDocs {

    private RepoDocs() {
    }

    static final String NAME = "the repository name, such as alice/tiny-bert";
    static final String LIKE_TYPE = "model (default) or dataset";

    static final String CREATE = """
            Body: `name` (letters, digits, `-`, `_`, `.`, one optional `/`, at most 96 characters), \
            `isPrivate` (or `private`), optional `activeFilters` (facet → labels, at most 20 labels of at \
            most 64 characters each; empty facets the type does not have are ignored), `description` and \
            `author`. `alice/x` may be created only by alice, `acme/x` only by a member of the organisation \
            acme with the `write` or `admin` role; a bare name is created under `author` when given, else \
            under the caller's username. The server sets owner, author, avatar, downloads, likes, times \
            and id; such fields in the body are ignored, but a misspelt visibility (`IsPrivate`) is a 400. \
            A name taken ignoring case answers code 0 `item already exists`.""";

    static final String UPDATE = """
            `activeFilters` and `description` need the `write` role (the owner of a user namespace, an \
            organisation's writers and admins); `isPrivate` (or `private`) and `newName` need `admin` (the \
            owner, an organisation's admins; moving also needs `write` in the new namespace, the new name \
            must be free, and the old name keeps answering for the repository). A repository \
            the caller may not see answers 404 `no such item`; one they may see but not change, 403.""";

    static final String DELETE = """
            Needs the `admin` role: the owner of a user namespace, an organisation's admins. Removes the repository, its likes, files and history; stored file \
            contents no other repository references are reclaimed.""";

    static final String LIKE = """
            Parameters `name` and `type` (query or form). Liking twice counts once; `data` tells whether \
            the caller now likes it and the repository's like count.""";

    static final String PERSONAL = """
            `data.list`: the caller's repositories and their organisations', private ones included, newest change \
            first; the same list also as `list` beside `code`, `msg` and `data`. Needs a token (401 `no login` otherwise).""";

    static final String TRENDING = """
            `data.list`: public repositories with the most downloads and likes over the last 7 days, \
            most recent activity breaking ties; when fewer than 20 had activity, the most downloaded \
            public repositories complete the list.""";

    static final String EXISTS_EXAMPLE = """
            {"code":0,"msg":"item already exists","data":null}""";

    static final String UPDATE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"activeFilters":{"task":["Fill-Mask"],"library":["PyTorch"],\
            "dataset":[],"language":["English"],"other":[]},"options":{"lastModified":"2024-05-09T16:41:55.567Z",\
            "lastModifiedInformation":"update alice/tiny-bert","name":"alice/tiny-bert","author":"alice",\
            "avatar":"/images/defaultAvatar.png","downloads":0,"id":"6b0a8cc4f3569a70cc85d63e","type":"model",\
            "isPrivate":false,"likes":1,"description":"A small BERT for tests"}}}""";

    static final String DELETE_EXAMPLE = """
            {"code":0,"msg":"success","data":null}""";

    static final String LIKE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"name":"alice/tiny-bert","type":"model","liked":true,"likes":1}}""";

    static final String UNLIKE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"name":"alice/tiny-bert","type":"model","liked":false,"likes":0}}""";

    static final String PERSONAL_EXAMPLE = """
            {"code":0,"msg":"success","data":{"list":[{"_id":"6b0a8cc4f3569a70cc85d63e","name":"alice/tiny-bert",\
            "author":"alice","lastModified":"2024-05-09T16:41:55.567Z","type":"model","downloads":0,"likes":1,\
            "isPrivate":false}]},"list":[{"_id":"6b0a8cc4f3569a70cc85d63e","name":"alice/tiny-bert",\
            "author":"alice","lastModified":"2024-05-09T16:41:55.567Z","type":"model","downloads":0,"likes":1,\
            "isPrivate":false}]}""";

    static final String TRENDING_EXAMPLE = """
            {"code":0,"msg":"no login","data":{"list":[{"_id":"6b0a8cc4f3569a70cc85d63e","name":"alice/tiny-bert",\
            "author":"alice","lastModified":"2024-05-09T16:41:55.567Z","type":"model","downloads":0,"likes":1,\
            "isPrivate":false},{"_id":"6b0a8cb0f3569a70cc85d4d3","name":"BAAI/segformer-b0-summarize",\
            "author":"BAAI","lastModified":"2024-02-20T09:56:00.000Z","type":"model","downloads":1999595,\
            "likes":5463,"isPrivate":false}]}}""";
}
