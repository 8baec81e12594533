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
            `team` and an optional `avatar` (PNG, JPEG, GIF or WebP up to 2 MB, recognised by its content; \
            anything else is a 400, a larger file a 413). The caller is signed in at once: the response's \
            `Authorization` header holds the token.""";

    static final String LOGIN = """
            The token comes back in the `Authorization` response header, without `Bearer `; send it as \
            `Authorization: Bearer <token>`. A wrong name and a wrong password answer alike. After 5 failed \
            logins for one name or from one address within 5 minutes, attempts answer 429 until the window \
            ends. Names are compared without case.""";

    static final String PROFILE = """
            The caller's name, team and avatar URL. Without a valid token: code 0 `no login`, `data: null`. \
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
            {"code":1,"msg":"success","data":{"username":"fwnidk","team":"iSS",\
            "avatar":"/images/3cd5fe9833ac4c766468d1e1f5157060.jpg","likes":[{"_id":"647de13137bf2df4147b8157",\
            "name":"dslim/bert-base-NER","author":"dslim","lastModified":"2023-05-09T16:37:00.000Z",\
            "type":"model","downloads":717311,"likes":12,"isPrivate":false}]}}""";
    static final String NO_SUCH_IMAGE = """
            {"code":0,"msg":"no such image","data":null}""";
    static final String NO_LOGIN = """
            {"code":0,"msg":"no login","data":null}""";
}
