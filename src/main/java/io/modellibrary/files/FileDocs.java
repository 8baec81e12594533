package io.modellibrary.files;

/** Descriptions and example responses for the OpenAPI document of the file endpoints. */
final class FileDocs {

    private FileDocs() {
    }

    static final String NAME = "the repository name, such as alice/tiny-bert";
    static final String TYPE = "model (default) or dataset";
    static final String REVISION = "a branch (`main`, the default), a tag, a commit id or a unique prefix of at least 7 hex characters";

    static final String BRANCH = "the branch to commit on (default `main`); it must exist, and a tag is refused (tags never move)";

    static final String FILES_TABLE = """
            Folders first, then files, each by name ignoring case. `path` is the folder (default the root), \
            `revision` a branch (`main`, the default), a tag, a commit id or a unique 7+ hex prefix. Folders have no `size` and no `fileURL`. A folder of up \
            to 1,000 entries comes whole (the seed's plain array); a larger one in pages of 1,000: the answer's \
            `cursor` (absent on the last page) passed back as `cursor` gives the next page. `numTotalItems` \
            counts the folder's entries. A missing or invisible repository answers code 0 `no such item`.""";

    static final String CURSOR = "the `cursor` of the previous page of a folder of more than 1,000 entries";

    static final String PARENT_COMMIT = """
            the head commit id this change is based on (Hugging Face's parent_commit); if the branch has moved \
            past it the change answers 409 naming the current head, and nothing is stored""";

    static final String CHANGES_PAGE = "the page of the commit's changes, 1,000 a page, from 1 (default)";

    static final String NO_CHANGE = """
             A change that changes nothing (the same bytes again) makes no commit: `changed` is false and \
            `commit` is the unmoved head.""";

    static final String FILES_TABLE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"filesTable":[{"key":"weights","fileName":"weights",\
            "isAFolder":true,"lastModified":"2024-05-09T16:37:00.314Z","lastModifiedInformation":"Add weights"},\
            {"key":"README.md","fileName":"README.md","isAFolder":false,"lastModified":"2024-05-09T16:38:12.440Z",\
            "lastModifiedInformation":"Add README","size":26,\
            "fileURL":"http://localhost:3000/api/files/download?name=alice%2Ftiny-bert&type=model&path=README.md&revision=main"}],\
            "numTotalItems":2}}""";

    static final String BLOB = """
            `filepath` = `/<type>/<url-encoded name>/blob/<revision>/<path>`. `displayData` holds the text \
            when `displayable` (UTF-8 text up to 1 MB), and is null otherwise.""";

    static final String BLOB_EXAMPLE = """
            {"code":0,"msg":"success","data":{"fileName":"README.md","path":"README.md","revision":"main",\
            "lastModified":"2024-05-09T16:38:12.440Z","lastModifiedInformation":"Add README","size":26,\
            "sha256":"2dec111b116ca0f4291f2c624a6eb30e15ed6317994ca318581324222adae987",\
            "fileURL":"http://localhost:3000/api/files/download?name=alice%2Ftiny-bert&type=model&path=README.md&revision=main",\
            "displayable":true,"displayData":"# tiny-bert\\nA small BERT.\\n"}}""";

    static final String DOWNLOAD = """
            The file's bytes as `application/octet-stream`, with `Content-Disposition: attachment`. \
            `ETag` is the quoted SHA-256 of the content; `If-None-Match` with it answers 304. One `Range` \
            (`bytes=0-1023`, `bytes=1024-`, `bytes=-512`) answers 206 with `Content-Range`; an unsatisfiable \
            one 416 in the envelope. `If-Range` with a different tag sends the whole file. HEAD answers the \
            same headers without the body. A download from byte 0 counts for the repository's downloads.""";

    static final String DOWNLOAD_200 = "the file's bytes (whole file)";
    static final String DOWNLOAD_206 = "the requested range of the file's bytes";
    static final String ETAG = "the quoted SHA-256 of the content, such as \"2dec111b...\"";
    static final String RANGE = "one byte range, such as bytes=0-1023; answers 206";
    static final String IF_NONE_MATCH = "an ETag from an earlier download; a match answers 304 without a body";
    static final String IF_RANGE = "the ETag the Range is meant for; another tag sends the whole file";
    static final String RANGE_NOT_SATISFIABLE = """
            {"code":0,"msg":"range not satisfiable: the file has 26 bytes","data":null}""";




    static final String DIFF = """
            The commit's changes in path order, 1,000 a page (`page`, default 1). Text up to 1 MB comes in `prevData`/`newData`; an added file has no `oldFileName` and empty \
            `prevData`, a deleted one no `newFileName` and empty `newData`; a side that is not such text has \
            null data and `displayable` false. `status` is add, modify or delete. One response carries at \
            most 4 MB of text (`prevData` and `newData` together): from the first entry that would go past \
            it on, entries have null data, `displayable` false and `truncated` true (absent otherwise); \
            read those files through getBlob.""";

    static final String DIFF_EXAMPLE = """
            {"code":0,"msg":"success","data":[{"oldFileName":"README.md","newFileName":"README.md",\
            "prevData":"# tiny-bert\\nA small BERT.\\n","newData":"# tiny-bert\\nA small BERT, 4 layers.\\n",\
            "status":"modify","displayable":true}]}""";

    static final String UPLOAD = """
            multipart/form-data: `name`, `type` (default model), `path` (target folder), `message`, then one \
            or more file parts; a part's filename may hold sub-folders (`weights/part-001.bin`); a file part \
            with an empty filename answers 400 (one without bytes, as a browser's empty file input sends, \
            is passed over beside named ones). `name`, \
            `type` and `path` may also be query parameters, and must precede the file parts in the form. \
            Any other form field, or one sent twice, answers 400. The body is streamed; over the configured \
            size limits the upload answers 413 and nothing is stored. A repository deleted while its upload \
            runs answers 404 `no such item`, and nothing of the upload is kept. `parentCommit` (a field or query \
            parameter): the head the upload is based on; 409 if the branch has moved past it. `branch` (a field \
            or query parameter): the branch to commit on, default main. Owner or team member only.""" + NO_CHANGE;

    static final String UPLOAD_EXAMPLE = """
            {"code":0,"msg":"success","data":{"commit":{"id":"f1d431cffe5ad9fb98257268581d4c789ab5bce6",\
            "message":"Add weights","author":"alice","time":"2024-05-09T16:37:00.314Z"},\
            "files":[{"path":"weights/model.bin","size":100,\
            "sha256":"3770a8500462cf51d0b13d47acc3f92a93d23624bc0367c91c42a4ae9b056dba"}],"changed":true}}""";

    static final String TEXT = """
            Body `{name, type, path, content, message, parentCommit, branch}`; the message defaults to \
            `Update <path>`; `branch` defaults to main; 409 if the branch has moved past `parentCommit`. Owner or team member only.""" + NO_CHANGE;

    static final String TEXT_EXAMPLE = """
            {"code":0,"msg":"success","data":{"commit":{"id":"dfaa5a64ccb39f75f73d27390ae63df6cc55d9d4",\
            "message":"Update README","author":"alice","time":"2024-05-09T16:40:54.349Z"},\
            "files":[{"path":"README.md","size":36,\
            "sha256":"69b7b8af27400c58e2d3a83111247439832848bd013dad467a10254745866c7e"}],"changed":true}}""";

    static final String DELETE = """
            `files` lists what was removed; the message defaults to `Delete <path>`; 409 if the branch has moved \
            past `parentCommit`. Owner or team member only.""";

    static final String DELETE_EXAMPLE = """
            {"code":0,"msg":"success","data":{"commit":{"id":"0ac205dc9be11c309e711d20de23d10b4cb0fac8",\
            "message":"Remove weights","author":"alice","time":"2024-05-09T16:41:55.654Z"},\
            "files":[{"path":"weights/model.bin","size":100,\
            "sha256":"3770a8500462cf51d0b13d47acc3f92a93d23624bc0367c91c42a4ae9b056dba"}],"changed":true}}""";
}
