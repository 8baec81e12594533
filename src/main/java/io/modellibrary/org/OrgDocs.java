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

    static final String DELETE = """
            Only an admin may delete an organisation (a member answers 403, anyone else 403 too, anonymous 401). \
            Its repositories are never deleted with it: while it holds any, private ones included, the answer is \
            409 naming how many; delete them or rename them into another namespace first. Then its members, \
            pending join requests and invitations go and its name is free to register again. Old names of \
            repositories renamed out of it keep leading to those repositories: whoever registers the name next \
            cannot create a repository under them. While the deletion runs, creating a repository in it or renaming \
            one into it answers 403 and keeps nothing (a repository written at the same instant makes the deletion \
            answer 409 instead); users whose registration `team` named it have no team any more. A second deletion \
            at the same time answers 409 `<org> is being deleted; try again`.""";

    static final String ORG_PARAM = "the organisation's name (any case)";
    static final String USER_PARAM = "a user's name (any case)";

    static final String DONE_EXAMPLE = """
            {"code":0,"msg":"success","data":null}""";
    static final String STILL_HOLDS_EXAMPLE = """
            {"code":0,"msg":"acme still holds 2 repositories: delete or move them to another namespace first","data":null}""";
    static final String PAGE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"name":"acme","avatar":"/images/defaultAvatar.png",\
            "createdAt":"2024-05-09T16:37:00.000Z","yourRole":"admin","members":[{"username":"alice","role":"admin",\
            "since":"2024-05-09T16:37:00.000Z"}],"repositories":[]}}""";
    static final String MINE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"organisations":[{"name":"acme","role":"admin"}],"requests":[],\
            "invitations":[{"org":"labs","username":"alice","role":"write","createdAt":"2024-05-09T16:37:00.000Z"}]}}""";
    static final String WAITING_EXAMPLE = """
            {"code":0,"msg":"success","data":{"requests":[{"org":"acme","username":"bob","role":null,\
            "createdAt":"2024-05-09T16:37:00.000Z"}],"invitations":[]}}""";
}
