package io.modellibrary.org;

/** Descriptions for the OpenAPI document of the organisation endpoints. */
final class OrgDocs {

    private OrgDocs() {
    }

    static final String CREATE = """
            `{name}`: 1 to 32 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit. Users \
            and organisations share one name space, unique regardless of case: a taken name answers 409.""";

    static final String PAGE = """
            Anyone may read the name, avatar and the repositories they may see; `members` and `yourRole` are \
            shown to members only. An unknown organisation answers 404.""";

    static final String ROLES = """
            Roles: `read` sees private repositories, downloads and history; `write` also creates repositories \
            in the namespace and changes files; `admin` also renames, deletes and changes the visibility of \
            repositories and manages members.""";
}
