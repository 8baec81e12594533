package io.modellibrary.hub;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.modellibrary.blob.MissingBlobException;
import io.modellibrary.catalog.Repo;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.CommitMessages;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.LfsObjects;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.RevisionReads;
import io.modellibrary.content.StagedUpload;
import io.modellibrary.content.TreeEntry;
import io.modellibrary.content.Uploads;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Edit;
import io.modellibrary.versioning.NoSuchRevisionException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Hub's upload flow (docs/hub-api.md §5.1, §5.3): preupload decides per file whether it goes
 * by Git LFS, and the NDJSON commit makes one commit of inline files, LFS objects uploaded
 * before ({@link LfsObjects}) and deletions, on a branch, honouring {@code parentCommit}.
 */
@Service
class HubUploads {

    /** At most this many files per preupload call (HH sends 256, HJ 100). */
    static final int MAX_PREUPLOAD_FILES = 1000;

    /**
     * The longest line of an NDJSON commit, in characters: 64 Mi, the base64 of a 48 MiB file,
     * well above the 10 MiB up to which the clients send a file inline ({@link HubLfs#THRESHOLD};
     * larger ones go by LFS). A line is read whole before it is parsed, so without a bound one
     * line could fill the heap.
     */
    static final int MAX_LINE_CHARS = 64 * 1024 * 1024;

    private final HubRepoWrites writes;
    private final RepoAccess access;
    private final RevisionReads reads;
    private final GitBlobIds gitIds;
    private final Uploads uploads;
    private final JsonMapper json;
    private final LfsObjects lfsObjects;

    HubUploads(HubRepoWrites writes, RepoAccess access, RevisionReads reads, GitBlobIds gitIds, Uploads uploads,
               JsonMapper json, LfsObjects lfsObjects) {
        this.lfsObjects = lfsObjects;
        this.writes = writes;
        this.access = access;
        this.reads = reads;
        this.gitIds = gitIds;
        this.uploads = uploads;
        this.json = json;
    }

    /** A file of a preupload call: its path, the base64 of its first 512 bytes, its size in bytes. */
    record PreuploadFile(String path, String sample, Long size) {
    }

    /** The answer for one file ({@code oid} omitted when the path holds no file of that size). */
    record PreuploadAnswer(String path, String uploadMode, boolean shouldIgnore, String oid) {
    }

    /**
     * {@code uploadMode}: {@code regular} for an empty file (HH refuses empty LFS files), {@code lfs} when
     * larger than {@link HubLfs#THRESHOLD} or when the sample holds a NUL byte (binary), else {@code regular}.
     * {@code oid}: the current file's id in the form HH compares for that mode ({@code _commit_api.py
     * CommitOperationAdd._local_oid}: sha256 for lfs, git blob sha1 for regular); only for a file of the same size.
     */
    List<PreuploadAnswer> preupload(HubRepoId id, String revision, List<PreuploadFile> files, CurrentUser user) {
        Repo repo = writes.writable(id, user);
        if (files == null) {
            throw HubException.badRequest("files is required");
        }
        if (files.size() > MAX_PREUPLOAD_FILES) {
            throw HubException.badRequest("at most " + MAX_PREUPLOAD_FILES + " files per preupload call");
        }
        RepoAccess.Snapshot at = snapshot(id, repo, revision, user);
        List<PreuploadAnswer> answers = new ArrayList<>();
        for (PreuploadFile file : files) {
            if (file == null || file.path() == null || file.size() == null || file.size() < 0) {
                throw HubException.badRequest("each file needs path and size");
            }
            RepoPath path = RepoPath.of(file.path()).forWriting(); // refused before the client uploads its bytes
            boolean lfs = file.size() > 0 && (HubLfs.isLfs(file.size()) || binary(file.sample()));
            String oid = null;
            TreeEntry existing = at == null || at.commit() == null ? null : existing(at, path);
            if (existing != null && existing.size() == file.size()) {
                oid = lfs ? existing.sha256() : gitIds.of(existing.sha256(), existing.size());
            }
            answers.add(new PreuploadAnswer(file.path(), lfs ? "lfs" : "regular", false, oid));
        }
        return answers;
    }

    /**
     * Line {@code number} (1-based, blank lines counted) of the NDJSON commit as a JSON object.
     *
     * @throws HubException 400 {@code line <n> is not a JSON object} when it is not JSON, is nested past the
     *                      parser's limit (a deep or malformed line was a 500 before: found by the hostile-input
     *                      suite), or is another JSON value. The parser's own words are left out: they named its
     *                      internals ({@code StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION}), nothing a client can act on.
     */
    private JsonNode ndjsonLine(String line, int number) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (tools.jackson.core.JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw HubException.badRequest("line " + number + " is not a JSON object");
        }
        return node;
    }

    /** What the commit answered: the commit's id (the head, unmoved, when nothing changed). */
    record Committed(String commitOid, String repoName) {
    }

    /**
     * The NDJSON commit: a {@code header} line first ({@code summary}, {@code description},
     * {@code parentCommit}), then {@code file} (base64 or utf-8 content), {@code lfsFile}
     * ({@code path}, {@code algo}, {@code oid}, {@code size}: uploaded before; without {@code size}, as
     * {@code huggingface_hub} sends a copy of an LFS file, the stored object's size), {@code deletedFile},
     * {@code deletedFolder} lines. One commit with the message summary, blank line, description.
     *
     * @throws HubException 400 naming an {@code lfsFile} never uploaded, or one the caller may not name without
     *                      sending its bytes ({@link LfsObjects#mayName}: another user's private object), in the same
     *                      words for both (nothing committed)
     */
    Committed commit(HubRepoId id, String revision, InputStream body, CurrentUser user) throws IOException {
        Repo repo = writes.writable(id, user);
        String branch = branch(revision);
        BufferedReader lines = new BufferedReader(new LineLengthLimit(new InputStreamReader(body, StandardCharsets.UTF_8)));
        String message = null;
        String parentCommit = null;
        List<Deleted> deletes = new ArrayList<>();
        List<String> lfsPaths = new ArrayList<>();
        int number = 0;
        try (StagedUpload upload = uploads.open()) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = ndjsonLine(line, number);
                String key = node.path("key").asString("");
                JsonNode value = node.path("value");
                switch (key) {
                    case "header" -> {
                        String summary = value.path("summary").asString("").strip();
                        String description = value.path("description").asString("").strip();
                        message = description.isEmpty() ? summary : summary + "\n\n" + description;
                        parentCommit = value.hasNonNull("parentCommit") ? value.get("parentCommit").asString() : null;
                    }
                    case "file" -> {
                        byte[] bytes = content(value.path("path").asString(), value.path("content").asString(""),
                                value.path("encoding").asString("base64"));
                        upload.add(RepoPath.of(text(value, "path")), new ByteArrayInputStream(bytes));
                    }
                    case "lfsFile" -> {
                        String algo = value.path("algo").asString("sha256");
                        if (!algo.equals("sha256") && !algo.equals("sha_256")) {
                            throw HubException.badRequest("lfsFile " + text(value, "path") + ": algo must be sha256");
                        }
                        String oid = text(value, "oid");
                        if (!LfsObjects.OID.matcher(oid).matches()) {
                            throw HubException.badRequest("lfsFile " + text(value, "path") + ": oid must be a sha256");
                        }
                        // no size: a copy of an LFS file (HH _prepare_commit_payload); the stored object's size, -1 when
                        // not stored, which the commit then refuses like any object never uploaded
                        long size = value.hasNonNull("size") ? value.path("size").asLong(-1) : lfsObjects.storedSize(repo, user, oid);
                        if (size < 0) {
                            throw notUploaded(text(value, "path") + " (" + oid + ")", size);
                        }
                        upload.putStored(RepoPath.of(text(value, "path")), oid, size);
                        lfsPaths.add(text(value, "path") + " (" + oid + ")");
                    }
                    // @huggingface/hub sends every delete as deletedFile, a folder's path ending in "/" (lib/commit.ts
                    // convertOperationToNdJson): no file's path ends so, so it names the folder, as deletedFolder would
                    case "deletedFile" -> deletes.add(Deleted.of(text(value, "path"), text(value, "path").endsWith("/")));
                    case "deletedFolder" -> deletes.add(Deleted.of(text(value, "path"), true));
                    default -> throw HubException.badRequest("unknown commit line key: " + key);
                }
            }
            if (message == null) {
                throw HubException.badRequest("the first line must be the header");
            }
            String text = CommitMessages.orDefault(message.length() > CommitMessages.MAX_LENGTH
                    ? message.substring(0, CommitMessages.MAX_LENGTH) : message, "Upload files");
            List<Edit> deletions = deletions(id, repo, revision, deletes, user);
            CommitResult result;
            try {
                result = upload.commit(repo, branch, user, text, parentCommit, deletions);
            } catch (MissingBlobException e) {
                String named = lfsPaths.stream().filter(p -> p.contains(e.sha256())).findFirst().orElse(e.sha256());
                throw notUploaded(named, e.size());
            }
            return new Committed(result.commit() == null ? null : result.commit().id(), repo.getName());
        }
    }

    private static HubException notUploaded(String named, long size) {
        return HubException.badRequest("lfsFile " + named + " was not uploaded" + (size < 0 ? "" : " (" + size + " bytes expected)")
                + "; upload it with the LFS batch API before committing");
    }

    /** The branch a commit goes to: {@code main} for {@code HEAD}, {@code refs/heads/x} as {@code x}; pull requests refused. */
    static String branch(String revision) {
        return io.modellibrary.content.UrlRevisions.branch(HubRevision.parse(revision)); // its refusals already in the Hub's form
    }

    private RepoAccess.Snapshot snapshot(HubRepoId id, Repo repo, String revision, CurrentUser user) {
        try {
            return access.snapshot(id.type(), repo.getName(), branch(revision), user);
        } catch (NoSuchRevisionException e) {
            return null; // a new branch or an empty repository: nothing to compare with
        }
    }

    private TreeEntry existing(RepoAccess.Snapshot at, RepoPath path) {
        try {
            return reads.file(at, path);
        } catch (NoSuchItemException e) {
            return null;
        }
    }

    private static boolean binary(String sample) {
        if (sample == null || sample.isEmpty()) {
            return false;
        }
        try {
            for (byte b : Base64.getDecoder().decode(sample)) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            throw HubException.badRequest("sample must be base64");
        }
    }

    /**
     * A {@code file}'s bytes from its {@code content} in {@code encoding}: {@code utf-8}, or base64
     * (the default, also when absent), decoded strictly (RFC 4648 §4 alphabet and padding, no line
     * breaks): the clients send it so ({@code huggingface_hub _commit_api.py CommitOperationAdd.b64content},
     * {@code base64.b64encode}; {@code @huggingface/hub utils/base64FromBytes.ts}, {@code Buffer.toString("base64")}
     * or {@code btoa}), and the MIME decoder used before skipped every character outside the alphabet, so
     * {@code "!!!"} was stored as an empty file (a probe). Shared by the NDJSON commit and the create's {@code files}.
     *
     * @param content the content, "" for an empty file
     * @throws HubException 400 naming the path without content, for another encoding, or when base64 content is not base64
     */
    static byte[] content(String path, String content, String encoding) {
        if (content == null) {
            // it made an empty file (a probe): an empty file is sent as "" by every client
            throw HubException.badRequest("file " + path + ": content is required (\"\" for an empty file)");
        }
        String text = content;
        if ("utf-8".equalsIgnoreCase(encoding)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (encoding != null && !encoding.equalsIgnoreCase("base64")) {
            // any other word was read as base64 (a probe): a typo must not store other bytes than meant
            throw HubException.badRequest("file " + path + ": encoding must be base64 or utf-8, not " + encoding);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw HubException.badRequest("file " + path + ": content is not base64");
        }
    }

    /** A {@code deletedFile} or {@code deletedFolder} line: the path as sent, and whether it must name a folder. */
    private record Deleted(String sent, RepoPath path, boolean folder) {
        static Deleted of(String sent, boolean folder) {
            RepoPath path = folder ? RepoPath.folder(sent) : RepoPath.of(sent);
            if (path.equals(RepoPath.ROOT)) {
                throw HubException.badRequest("cannot delete the repository's root folder: name the files or folders to delete");
            }
            return new Deleted(sent, path, folder);
        }
    }

    /**
     * The deletions, each checked against the branch's head before anything is committed: a path that is not
     * there is 404 {@code EntryNotFound} (it was the commit's {@code RepoNotFound}, which the clients report as a
     * missing repository), and a folder's path ({@code deletedFolder}, or a {@code deletedFile} ending in "/") that
     * names a file is a 400 (it deleted the file).
     */
    private List<Edit> deletions(HubRepoId id, Repo repo, String revision, List<Deleted> deletes, CurrentUser user) {
        if (deletes.isEmpty()) {
            return List.of();
        }
        RepoAccess.Snapshot at = snapshot(id, repo, revision, user);
        List<Edit> edits = new ArrayList<>(deletes.size());
        for (Deleted d : deletes) {
            Optional<TreeEntry> there = at == null || at.commit() == null ? Optional.empty() : reads.entry(at, d.path());
            if (there.isEmpty()) {
                throw HubException.entryNotFound(d.sent(), at == null || at.commit() == null ? null : at.commit().id());
            }
            if (d.folder() && !there.get().folder()) {
                throw HubException.badRequest(d.sent() + " names a file, not a folder: delete it as a file (deletedFile without the final /)");
            }
            edits.add(Edit.delete(d.path().toString()));
        }
        return edits;
    }

    private static String text(JsonNode value, String field) {
        JsonNode node = value.get(field);
        if (node == null || !node.isString() || node.asString().isEmpty()) {
            throw new HubException(HttpStatus.BAD_REQUEST, null, field + " is required in every commit line", null);
        }
        return node.asString();
    }

    /**
     * A reader that fails once more than {@link #MAX_LINE_CHARS} characters come without a line
     * break: a 413 in the Hub's form, nothing committed (the staged files are discarded with the
     * upload). Counts in the chunks {@code BufferedReader} asks for, so lines cost one scan.
     */
    private static final class LineLengthLimit extends FilterReader {

        private long sinceBreak;

        LineLengthLimit(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c == '\n') {
                sinceBreak = 0;
            } else if (c != -1) {
                check(++sinceBreak);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            int firstBreak = -1;
            int lastBreak = -1;
            for (int i = 0; i < n; i++) {
                if (buffer[offset + i] == '\n') {
                    if (firstBreak < 0) {
                        firstBreak = i;
                    }
                    lastBreak = i;
                }
            }
            if (firstBreak < 0) {
                sinceBreak += Math.max(n, 0);
                check(sinceBreak);
            } else {
                check(sinceBreak + firstBreak); // the line this chunk ends
                sinceBreak = n - lastBreak - 1;
            }
            return n;
        }

        private static void check(long lineChars) {
            if (lineChars > MAX_LINE_CHARS) {
                throw new HubException(HttpStatus.CONTENT_TOO_LARGE, null, "a line of the commit is longer than "
                        + (MAX_LINE_CHARS >> 20) + " Mi characters; send files over " + (HubLfs.THRESHOLD >> 20)
                        + " MiB by LFS (preupload answers lfs for them)", null);
            }
        }
    }
}
