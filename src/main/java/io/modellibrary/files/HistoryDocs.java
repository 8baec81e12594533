package io.modellibrary.files;

/** Descriptions and examples for the OpenAPI document of the history endpoints. */
final class HistoryDocs {

    private HistoryDocs() {
    }

    static final String LOG = """
            Newest first along first parents, 30 a page (`pageIndex` from 1). `revision`: a branch (`main`, the \
            default), a tag, a commit id or a unique prefix of at least 7 hex characters. `path` narrows the log \
            to the commits that changed that file or folder (found through each entry's last change, not by \
            scanning); `complete` is false if that search stopped after 20,000 steps. `changes` holds the first \
            1,000 of `changeCount` changes. A private repository the caller may not read is `no such item` (404).""";

    static final String LOG_EXAMPLE = """
            {"code":0,"msg":"success","data":{"list":[{"id":"97a00e2d0b27d9fc3c424a6a7ae3fa1c3957f482",\
            "parents":["f1d431cffe5ad9fb98257268581d4c789ab5bce6"],"parent":"f1d431cffe5ad9fb98257268581d4c789ab5bce6",\
            "message":"Add README","author":"alice","time":"2024-05-09T16:38:12.440Z","changeCount":1,\
            "changes":[{"op":"add","path":"README.md","size":26}]}],"numTotalItems":2,"complete":true}}""";

    static final String COMPARE = """
            The files that differ from `from` to `to` (`to` defaults to `main`, `from` to `to`'s parent; each any \
            revision). Equal folders are skipped unread, so the cost follows what changed. Up to 1,000 files, in \
            the file table's order; if more differ, `complete` is false and `cursor` passed back reads on. Each \
            with old and new size and sha256; \
            text up to 1 MB a side in `prevData`/`newData`, otherwise `noText` says why: `binary`, `tooLarge`, \
            or `budget` (a response carries at most 4 MB of text).""";

    static final String RESTORE = """
            Body `{name, type, revision, path, message, branch}`. The file or folder at `path` (without it: \
            everything) becomes as it was at `revision`, as one new commit on `branch` (default `main`); nothing \
            is stored again (the same blobs). No commit when nothing differs (`changed` false). Write role needed.""";

    static final String REFS = """
            `branches` (`main` first) and `tags`, each `{name, ref, targetCommit}` with `ref` the full git name \
            (`refs/heads/main`, `refs/tags/v1.0`).""";

    static final String CREATE_REF = """
            Body `{name, type, ref: branch|tag, refName, revision}` (revision default `main`). Names: up to 100 of \
            letters, digits, `. _ - /`, as git allows; not `refs/...`, `HEAD` or 7-40 hex characters. A branch \
            and a tag never share a name: 409. Writes take `branch`; tags never move. Write role needed.""";

    static final String PREV_AND_NEW = """
            Two forms. A bare JSON string body (`"alice/tiny-bert"`, as the web client sends) means the newest \
            commit of that model and answers the bare list `[{oldFileName, newFileName, prevData, newData, ...}]`. \
            An object `{name, type, commit, page}` (`commit` any revision, default main) answers in the envelope. """
            + FileDocs.DIFF;

    static final String COMPARE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"from":"f1d431cffe5ad9fb98257268581d4c789ab5bce6",\
            "to":"97a00e2d0b27d9fc3c424a6a7ae3fa1c3957f482","files":[{"status":"modify","oldFileName":"README.md",\
            "newFileName":"README.md","oldSize":26,"newSize":36,\
            "oldSha256":"2dec111b116ca0f4291f2c624a6eb30e15ed6317994ca318581324222adae987",\
            "newSha256":"69b7b8af27400c58e2d3a83111247439832848bd013dad467a10254745866c7e",\
            "prevData":"# tiny-bert\\nA small BERT.\\n","newData":"# tiny-bert\\nA small BERT, 4 layers.\\n"},\
            {"status":"add","newFileName":"model.bin","newSize":4096,\
            "newSha256":"3770a8500462cf51d0b13d47acc3f92a93d23624bc0367c91c42a4ae9b056dba","noText":"binary"}],\
            "complete":true}}""";

    static final String RESTORE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"commit":{"id":"0ac205dc9be11c309e711d20de23d10b4cb0fac8",\
            "message":"Restore README.md as of f1d431c","author":"alice","time":"2024-05-09T16:45:10.021Z"},\
            "files":[{"path":"README.md","size":26,\
            "sha256":"2dec111b116ca0f4291f2c624a6eb30e15ed6317994ca318581324222adae987"}],"changed":true}}""";

    static final String REFS_EXAMPLE = """
            {"code":0,"msg":"success","data":{"branches":[{"name":"main","ref":"refs/heads/main",\
            "targetCommit":"97a00e2d0b27d9fc3c424a6a7ae3fa1c3957f482"},{"name":"dev","ref":"refs/heads/dev",\
            "targetCommit":"0ac205dc9be11c309e711d20de23d10b4cb0fac8"}],"tags":[{"name":"v1.0","ref":"refs/tags/v1.0",\
            "targetCommit":"f1d431cffe5ad9fb98257268581d4c789ab5bce6"}]}}""";

    static final String REF_EXAMPLE = """
            {"code":0,"msg":"success","data":{"name":"v1.0","ref":"refs/tags/v1.0",\
            "targetCommit":"f1d431cffe5ad9fb98257268581d4c789ab5bce6"}}""";

    static final String DELETED_EXAMPLE = """
            {"code":0,"msg":"success","data":null}""";
}
