package io.modellibrary.account;

/** Descriptions and example responses for the OpenAPI document of the account endpoints. */
final class AccountDocs {

    private AccountDocs() {
    }

    static final String VERIFY = """
            The first step of signing up. A name is 3 to 32 letters, digits, `-`, `_` or `.`, starting and \
            ending with a letter or digit; names are unique regardless of case, and some (`api`, `images`, \
            `models`, ...) are reserved. A malformed or reserved name answers 400.""";

    static final String REGISTER = """
            The second step: a multipart form with `username`, `password` (8 to 72 bytes), an optional \
            `team` (an organisation: a new name creates it with you as admin, an existing one files a join \
            request that grants nothing until an admin accepts it) and an optional `avatar` (PNG, JPEG, GIF or WebP up to 2 MB, recognised by its content; \
            anything else is a 400, a larger file a 413). The caller is signed in at once: the response's \
            `Authorization` header holds the token.""";

    static final String LOGIN = """
            The token comes back in the `Authorization` response header, without `Bearer `; send it as \
            `Authorization: Bearer <token>`. A wrong name and a wrong password answer alike. Only failures \
            count: after 5 for one name from one address (30 from one address, 20 for one name from addresses \
            it never signed in from), each further attempt must wait a growing delay (1 s, 2 s, 4 s, ... at most \
            15 min) and answers 429 with `Retry-After` until then. A session ends 30 days after its sign-in \
            however often its token is renewed. Names are compared without case.""";

    static final String PROFILE = """
            The caller's name, team (with `teamStatus`: `active` member, `pending` request or invitation, or \
            empty) and avatar URL. Without a valid token: code 0 `no login`, `data: null`. \
            Like every response to a request with a valid token, it carries a renewed token in the \
            `Authorization` header. `likes` lists the repositories the caller likes and may still see, \
            most recent like first.""";

    static final String AVATAR = """
            The URL comes from `avatar` of the profile (or of a repository). The bytes are served with the \
            stored image type, `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy; \
            names are never reused, so responses may be cached for a year.""";

    static final String VERIFY_OK = """
            {"code":1,"msg":"verification successful","data":""}""";
    static final String REGISTER_OK = """
            {"code":1,"msg":"registration completed","data":""}""";
    static final String TAKEN = """
            {"code":0,"msg":"user name registered","data":null}""";
    static final String LOGIN_OK = """
            {"code":1,"msg":"success","data":""}""";
    static final String LOGIN_WRONG = """
            {"code":0,"msg":"wrong username or password","data":null}""";
    static final String THROTTLED = """
            {"code":0,"msg":"too many failed logins; try again in 287 seconds (after 2024-05-09T16:42:00.000Z)","data":null}""";
    static final String PROFILE_OK = """
            {"code":1,"msg":"success","data":{"username":"fwnidk","team":"iSS","teamStatus":"active",\
            "avatar":"/images/3cd5fe9833ac4c766468d1e1f5157060.jpg","likes":[{"_id":"647de13137bf2df4147b8157",\
            "name":"dslim/bert-base-NER","author":"dslim","lastModified":"2023-05-09T16:37:00.000Z",\
            "type":"model","downloads":717311,"likes":12,"isPrivate":false}]}}""";
    static final String PASSWORD = """
            Needs the current password and a session (not an access token). Every session signed in before \
            ends; access tokens stay. The answer's `Authorization` header holds a token for a new session.""";
    static final String LOGOUT = """
            Ends the caller's session: this token and every token renewed from it (or copied before) are refused \
            from now on, on every server; the caller's other sessions and access tokens stay. Needs a session.""";
    static final String LOGOUT_ALL = """
            Ends every session of the caller, this one included (their tokens are refused from now on); \
            access tokens stay. Needs a session.""";
    static final String DELETE_ACCOUNT = """
            Needs the password and a session. Deletes the repositories of your own namespace with their files, \
            your memberships, requests, invitations, likes and access tokens, then the account; the name becomes \
            free. Refused (409) while you are the last admin of an organisation that still has repositories, or while \
            another deletion of the account (or of such an organisation) runs. A repository created in your namespace \
            while the deletion runs is deleted with it or refused (403). `data.deletedRepositories` counts the \
            repositories deleted.""";
    static final String TOKENS = """
            Access tokens act as their user on every endpoint, with at most their role: `read` reads what the \
            user may read and changes nothing (403), `write` acts with the user's rights. Send one as \
            `Authorization: Bearer hf_...`. The token is shown once, when created; only its hash is kept. \
            Creating and revoking need a session.""";
    static final String WHOAMI = """
            The Hugging Face Hub's `whoami-v2` answer (read by `huggingface_hub`'s `whoami()`), not wrapped in \
            the envelope: `name`, `type: "user"`, `orgs` with `roleInOrg`, and `auth.accessToken.role` when an \
            access token was used.""";
    static final String NO_SUCH_IMAGE = """
            {"code":0,"msg":"no such image","data":null}""";
    static final String NO_LOGIN = """
            {"code":0,"msg":"no login","data":null}""";

    static final String DONE_EXAMPLE = """
            {"code":0,"msg":"success","data":null}""";
    static final String DELETED_EXAMPLE = """
            {"code":0,"msg":"success","data":{"deletedRepositories":2}}""";
    static final String TOKEN_CREATED_EXAMPLE = """
            {"code":0,"msg":"success","data":{"id":"9705c4ee8962ccd4","name":"ci","role":"read",\
            "createdAt":"2024-05-09T16:37:00.000Z","token":"hf_QjF2Ik5vincYR6iTooEiaUMFuAjBPTmPCoRMz3lnIsI"}}""";
    static final String TOKENS_EXAMPLE = """
            {"code":0,"msg":"success","data":[{"id":"9705c4ee8962ccd4","name":"ci","role":"read",\
            "createdAt":"2024-05-09T16:37:00.000Z","lastUsedAt":null}]}""";
    static final String TOKEN_ID = "the token's id, as listed by GET /api/tokens";
    static final String WHOAMI_EXAMPLE = """
            {"type":"user","id":"6b0d7f977607e09c712cce8e","name":"alice","fullname":"alice","email":null,"canPay":false,\
            "avatarUrl":"http://localhost:3000/images/defaultAvatar.png","periodEnd":null,"emailVerified":false,"isPro":false,\
            "orgs":[{"type":"org","id":"acme","name":"acme","fullname":"acme","email":null,"canPay":false,\
            "avatarUrl":"http://localhost:3000/images/defaultAvatar.png","periodEnd":null,"roleInOrg":"admin"}],\
            "auth":{"type":"access_token","accessToken":{"displayName":"ci","role":"read","createdAt":"2024-05-09T16:37:00.000Z"}}}""";
}
