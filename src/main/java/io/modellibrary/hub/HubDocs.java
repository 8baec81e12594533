package io.modellibrary.hub;

/** OpenAPI texts of the Hub routes (their protocol: docs/hub-api.md). */
final class HubDocs {

    static final String TYPE = "models or datasets (spaces: 404, not supported)";
    static final String NAMESPACE = "the repository's namespace (user or organisation); absent for a bare legacy name";
    static final String NAME = "the repository's name";
    static final String REVISION = "a branch, tag, full or short commit id, refs/heads/x, refs/tags/x or HEAD (the default branch); %2F-encoded slashes allowed";
    static final String PATH = "the file's or folder's path in the repository";
    static final String FLAG = "true or false (Python's True and False too)";
    static final String IGNORED = "accepted and ignored: every field is answered";

    static final String INFO_EXAMPLE = """
            {"_id":"66f1c2","id":"alice/bert","author":"alice","sha":"3f786850e387550fdab836ed7e6dc881de23001b",\
            "lastModified":"2024-05-09T16:37:00Z","createdAt":"2024-05-01T10:00:00Z","private":false,"gated":false,\
            "disabled":false,"downloads":12,"likes":3,"tags":["text-classification"],"cardData":{"license":"mit"},\
            "siblings":[{"rfilename":"config.json"},{"rfilename":"model.safetensors"}]}""";
    static final String LIST_EXAMPLE = """
            [{"_id":"66f1c2","id":"alice/bert","author":"alice","sha":null,"lastModified":"2024-05-09T16:37:00Z",\
            "createdAt":"2024-05-01T10:00:00Z","private":false,"gated":false,"disabled":false,"downloads":12,\
            "likes":3,"tags":[],"cardData":null,"siblings":null}]""";
    static final String TREE_EXAMPLE = """
            [{"type":"directory","oid":"3f786850e387550fdab836ed7e6dc881de23001b","size":0,"path":"sub"},\
            {"type":"file","oid":"9b74c9897bac770ffc029102a200c5de5d0a5be0","size":30000000,"path":"model.bin",\
            "lfs":{"oid":"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b","size":30000000,"pointerSize":134}}]""";
    static final String COMMITS_EXAMPLE = """
            [{"id":"3f786850e387550fdab836ed7e6dc881de23001b","title":"Upload folder","message":"Upload folder",\
            "authors":[{"user":"alice"}],"date":"2024-05-09T16:37:00Z"}]""";
    static final String REFS_EXAMPLE = """
            {"branches":[{"name":"main","ref":"refs/heads/main","targetCommit":"3f786850e387550fdab836ed7e6dc881de23001b"}],\
            "converts":[],"tags":[],"pullRequests":[]}""";
    static final String BRANCH = "the branch's name";
    static final String TAG = "the tag's name";
    static final String TARGET_REVISION = "the revision to tag: a branch, tag or commit id";
    static final String REPO_ID = "the repository's internal id, as the batch answer's href gives it";
    static final String OID = "the object's sha256 (64 hex)";
    static final String PART = "the part's number, from 1";
    static final String GIT_SERVICE = "git's smart HTTP service (git-upload-pack for clone and fetch, git-receive-pack for push)";
    static final String LFS_NAME = "the repository's name (the path has it followed by .git)";
    static final String EMPTY_EXAMPLE = "{}";
    static final String SQUASH_EXAMPLE = """
            {"error":"Squashing history (super_squash_history) is not supported by this server"}""";
    static final String CREATE_EXAMPLE = """
            {"url":"http://localhost:8080/alice/bert","name":"alice/bert","id":"66f1c2"}""";
    static final String MOVE_EXAMPLE = """
            {"url":"http://localhost:8080/alice/bert-v2"}""";
    static final String SETTINGS_EXAMPLE = """
            {"private":true}""";
    static final String PREUPLOAD_EXAMPLE = """
            {"files":[{"path":"config.json","uploadMode":"regular","shouldIgnore":false},\
            {"path":"model.safetensors","uploadMode":"lfs","shouldIgnore":false}]}""";
    static final String COMMIT_EXAMPLE = """
            {"commitUrl":"http://localhost:8080/alice/bert/commit/3f786850e387550fdab836ed7e6dc881de23001b",\
            "commitOid":"3f786850e387550fdab836ed7e6dc881de23001b","pullRequestUrl":null}""";
    static final String BATCH_EXAMPLE = """
            {"transfer":"basic","hash_algo":"sha256","objects":[{"oid":"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b",\
            "size":30000000,"authenticated":true,"actions":{"upload":{"href":"http://localhost:8080/api/lfs/66f1c2/6b86b2...?size=30000000&exp=1715273820&sig=...",\
            "expires_in":3600},"verify":{"href":"http://localhost:8080/api/lfs/66f1c2/6b86b2.../verify?size=30000000&exp=1715273820&sig=...",\
            "expires_in":3600}}}]}""";
    static final String BAD_ADDRESS_EXAMPLE = "{\"message\":\"this address holds something the server refuses (such as “..”, “//”, “;” or an encoded “/” or “%”)\"}";
    static final String BAD_SIGNATURE_EXAMPLE = "{\"message\":\"invalid transfer URL signature\"}";
    static final String GIT_UNSUPPORTED = "git clone and git push are not supported by this server;"
            + " with HF_ENDPOINT set to it, download with hf download <repo id> and upload with hf upload,"
            + " or use the Hub HTTP API (huggingface_hub, @huggingface/hub)";
    /** What any Space's route answers (404 {@code RepoNotFound}). */
    static final String SPACES_EXAMPLE = "{\"error\":\"Spaces are not supported by this server\"}";
    static final String FILE = "the file's bytes (206: the asked range of bytes), with X-Repo-Commit, ETag, X-Linked-Etag and X-Linked-Size";

    private HubDocs() {
    }
}
