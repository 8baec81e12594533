package io.modellibrary.web;

import io.modellibrary.catalog.LikeService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoService;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.ReservedNameException;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.FileCommits;
import io.modellibrary.content.FileEdits;
import io.modellibrary.content.HistoryWrites;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.RevisionReads;
import io.modellibrary.content.TreeEntry;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Change;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Diffs;
import io.modellibrary.versioning.HeadMovedException;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.Versions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the change pages show and do, through the same application services as the API: text
 * edits and deletes ({@link FileEdits}), branches, tags and restores ({@link HistoryWrites}),
 * rename, visibility and deletion ({@link RepoService}), likes ({@link LikeService}). Forms need
 * the write role ({@link RepoAccess#writable}), settings the admin role: 404 for a repository the
 * caller may not see, 403 when it may see it only. Each action answers the URL to go to next.
 */
@Service
class RepoChanges {

    /** Times {@link #save} checks the file again when the head moved between its check and its commit. */
    static final int SAVE_ATTEMPTS = 5;
    /** {@link #state} of a path with nothing there, and of a folder; a file's is its 64-hex sha256. */
    private static final String ABSENT = "", FOLDER = "/";
    /** What a restore page's {@code before} may be: a commit id or a prefix of one, never a branch or tag name. */
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{7,64}");

    private final PageRepos lookup;
    private final RevisionReads reads;
    private final FileEdits edits;
    private final HistoryWrites history;
    private final RepoService repos;
    private final LikeService likes;
    private final RepoPages pages;
    private final ChangeDiffs diffs;
    private final Diffs between;

    RepoChanges(PageRepos lookup, RevisionReads reads, FileEdits edits, HistoryWrites history,
                RepoService repos, LikeService likes, RepoPages pages, ChangeDiffs diffs, Diffs between) {
        this.lookup = lookup;
        this.reads = reads;
        this.edits = edits;
        this.history = history;
        this.repos = repos;
        this.likes = likes;
        this.pages = pages;
        this.diffs = diffs;
        this.between = between;
    }

    /**
     * The edit form of a text file at a branch, with the head it was read at.
     *
     * @throws BadRequestException when the revision is not a branch, or the file is binary or over 1 MB
     */
    WebViews.EditPage editPage(RepoType type, String name, String branch, String filePath, CurrentUser user) {
        RepoAccess.Snapshot at = writableAtBranch(type, name, branch, user);
        RepoPath path = RepoPath.of(filePath);
        TreeEntry file = reads.file(requireCommit(at, path.toString()), path);
        String text = diffs.wholeText(at, file).orElseThrow(
                () -> new BadRequestException(path + " is binary or larger than 1 MB; it cannot be edited here"));
        RepoUrls urls = RepoPages.urls(at);
        return new WebViews.EditPage(pages.header(at, user), false, path.toString(), text, branch, at.commit().id(),
                urls.edit(branch, path.toString()), urls.blob(branch, path.toString()), null, null, null);
    }

    /**
     * The new-file form in {@code folder} at a branch (an empty repository's {@code main} too); {@code fileName}
     * (optional, {@code ?filename=}) is put after the folder in the path field, and a root {@code README.md} (the
     * repository page's "Create model card") starts with a short card outline.
     */
    WebViews.EditPage newPage(RepoType type, String name, String branch, String folder, String fileName, CurrentUser user) {
        RepoAccess.Snapshot at = writableAtBranch(type, name, branch, user);
        String prefix = RepoPath.folder(folder).toString();
        String file = fileName == null ? "" : fileName.strip();
        String path = (prefix.isEmpty() ? "" : prefix + "/") + file;
        String content = path.equals("README.md") ? cardOutline(at.repo()) : "";
        RepoUrls urls = RepoPages.urls(at);
        return new WebViews.EditPage(pages.header(at, user), true, path, content, branch,
                at.commit() == null ? null : at.commit().id(), urls.newFile(branch, ""), urls.tree(branch, prefix), null, null, null);
    }

    /** The text a new card starts with: the repository's name as its title and what a reader looks for. */
    private static String cardOutline(Repo repo) {
        boolean dataset = repo.repoType() == RepoType.DATASET;
        return "# " + repo.getName() + "\n\n"
                + (dataset ? "What this dataset holds, where it comes from, and how it was collected.\n"
                : "What this model does, what it was trained on, and how to use it.\n")
                + "\n## Limitations\n\n"
                + (dataset ? "Known gaps, biases and licence terms.\n" : "Where it fails, known biases, and its licence.\n");
    }

    /**
     * The edit (or new-file) form shown again when {@link #save} was refused because the file changed,
     * was deleted or was created since the form was read ({@link HeadMovedException}; the message says
     * which): the user's path, text and commit message kept, a link to the file as it is now, and the branch's current head as {@code parentCommit}, so that saving again (the
     * user's confirmation, after looking) commits on top of what is there now; nothing is saved until then.
     */
    WebViews.EditPage movedPage(RepoType type, String name, String branch, String filePath, String content, String message,
                                boolean creating, CurrentUser user) {
        RepoAccess.Snapshot at = writableAtBranch(type, name, branch, user);
        String path = filePath == null ? "" : filePath.strip();
        RepoUrls urls = RepoPages.urls(at);
        boolean exists = at.commit() != null && !path.isEmpty() && reads.entry(at, RepoPath.of(path)).isPresent();
        String what = creating ? (exists ? "someone created " + path + " there" : "someone committed there")
                : (exists ? "someone changed " + path + " there" : "someone deleted " + path + " there");
        String moved = branch + " has moved since this form was opened: " + what + ", and nothing of yours"
                + " was saved. Your text is kept below; look at the current file, then commit again to save your text"
                + " over it.";
        return new WebViews.EditPage(pages.header(at, user), creating, path, content == null ? "" : content, branch,
                at.commit() == null ? null : at.commit().id(), creating ? urls.newFile(branch, "") : urls.edit(branch, path),
                exists ? urls.blob(branch, path) : urls.tree(branch, ""), message, moved, exists ? urls.blob(branch, path) : null);
    }

    /**
     * The edit (or new-file) form shown again when {@link #save} refused what was typed (a path with
     * {@code ..} segments, a new file's path that exists): path, text, commit message and the head the form
     * was read at kept as sent, so that correcting the path and committing again still refuses a file
     * changed or created meanwhile; nothing was saved.
     */
    WebViews.EditPage refusedPage(RepoType type, String name, String branch, String filePath, String content, String message,
                                  String parentCommit, boolean creating, CurrentUser user) {
        RepoAccess.Snapshot at = writableAtBranch(type, name, branch, user);
        String path = filePath == null ? "" : filePath.strip();
        RepoUrls urls = RepoPages.urls(at);
        return new WebViews.EditPage(pages.header(at, user), creating, path, content == null ? "" : content, branch,
                blankToNull(parentCommit), creating ? urls.newFile(branch, "") : urls.edit(branch, path),
                creating ? urls.tree(branch, "") : urls.blob(branch, path), message, null, null);
    }

    /**
     * Commits the edit form: {@code content} (the browser's CRLF line ends turned into LF) as
     * {@code filePath} on {@code branch}; {@code creating}: refused with 409 when the file exists.
     * The check is the file's, not the branch's: when the branch moved since the form was read at
     * {@code parentCommit}, the text is still committed on top of the current head as long as the
     * file there is the one the form was opened on (the same blob, still present; for a new file,
     * still absent), so a commit to another file refuses nothing. Each commit is made on the head it
     * was checked against (compare-and-set); when that head moves before the commit lands, the
     * check is made again on the new head, up to {@value #SAVE_ATTEMPTS} times.
     *
     * @param parentCommit the head the form was read at (40 hex), or blank for none (no file-level check)
     * @return the file's page at the branch
     * @throws HeadMovedException (409) when the file changed, was deleted or (for a new file) was created since
     *         the form was read, or the branch kept moving through every attempt
     * @throws BadRequestException when {@code parentCommit} is not a full commit id, or the path is invalid
     */
    String save(RepoType type, String name, String branch, String filePath, String content, String message,
                String parentCommit, boolean creating, CurrentUser user) throws IOException {
        RepoAccess.Snapshot at = writableAtBranch(type, name, branch, user);
        RepoPath path = RepoPath.of(filePath == null ? "" : filePath.strip());
        String opened = blankToNull(parentCommit);
        FileCommits.requireCommitId(opened);
        // the file as the form was opened on it; null for an id that names no commit here, which matches nothing
        String base = opened == null ? null : openedState(type, at.repo().getName(), opened, path, user);
        String text = content == null ? "" : content.replace("\r\n", "\n");
        for (int attempt = 1; ; attempt++) {
            String head = at.commit() == null ? null : at.commit().id();
            String now = state(at, path);
            if (opened != null && !opened.equals(head) && !now.equals(base)) {
                throw new HeadMovedException(branch, opened, head);
            }
            if (creating && !now.equals(ABSENT)) {
                throw new ApiException(HttpStatus.CONFLICT, path + " exists already at " + branch + "; edit it instead");
            }
            try {
                edits.writeText(type, at.repo().getName(), path.toString(), text, message, head, branch, user);
                return RepoPages.urls(at).blob(branch, path.toString());
            } catch (HeadMovedException moved) {
                if (attempt == SAVE_ATTEMPTS) {
                    throw moved;
                }
                at = writableAtBranch(type, name, branch, user);
            }
        }
    }

    /** What is at {@code path} in the snapshot: a file's sha256, {@link #FOLDER} or {@link #ABSENT}. */
    private String state(RepoAccess.Snapshot at, RepoPath path) {
        return at.commit() == null ? ABSENT : reads.entry(at, path).map(e -> e.folder() ? FOLDER : e.sha256()).orElse(ABSENT);
    }

    /** {@link #state} in the commit {@code id} of the repository; null when the id names none of its commits. */
    private String openedState(RepoType type, String name, String id, RepoPath path, CurrentUser user) {
        RepoAccess.Snapshot opened;
        try {
            opened = lookup.snapshot(type, name, id, user);
        } catch (NoSuchRevisionException unknown) {
            return null;
        }
        return opened.commit() == null || !opened.commit().id().equals(id) ? null : state(opened, path);
    }

    /** The confirmation page of deleting a file or folder at a branch. */
    WebViews.DeletePage deletePage(RepoType type, String name, String branch, String filePath, CurrentUser user) {
        RepoAccess.Snapshot at = writableAtBranch(type, name, branch, user);
        RepoPath path = RepoPath.folder(filePath);
        TreeEntry entry = reads.entry(requireCommit(at, path.toString()), path)
                .orElseThrow(() -> new NoSuchItemException("no such file or folder: " + path));
        RepoUrls urls = RepoPages.urls(at);
        return new WebViews.DeletePage(pages.header(at, user), path.toString(), entry.folder(), branch, at.commit().id(),
                urls.delete(branch, path.toString()), entry.folder() ? urls.tree(branch, path.toString())
                : urls.blob(branch, path.toString()));
    }

    /** Deletes the file or folder; answers the folder that held it (the root when that went too, being empty). */
    String delete(RepoType type, String name, String branch, String filePath, String message, String parentCommit,
                  CurrentUser user) throws IOException {
        RepoPath path = RepoPath.folder(filePath);
        edits.delete(type, name, path.toString(), message, blankToNull(parentCommit), branch, user);
        RepoAccess.Snapshot after = lookup.snapshot(type, name, branch, user);
        RepoPath parent = path.parent();
        boolean kept = after.commit() != null && !parent.isRoot() && reads.entry(after, parent).isPresent();
        return RepoPages.urls(after).tree(branch, kept ? parent.toString() : "");
    }

    /** The branches and tags page; its forms are shown to writers. */
    WebViews.RefsPage refsPage(RepoType type, String name, CurrentUser user) {
        RepoAccess.Snapshot at = lookup.snapshot(type, name, null, user);
        RepoUrls urls = RepoPages.urls(at);
        List<WebViews.RefRow> rows = pages.refRows(at, urls);
        return new WebViews.RefsPage(pages.header(at, user), rows.stream().filter(r -> r.kind().equals("branch")).toList(),
                rows.stream().filter(r -> r.kind().equals("tag")).toList(), urls.refs(), urls.refs() + "/delete");
    }

    /** Creates a branch or tag at a revision; answers the refs page. */
    String createRef(RepoType type, String name, String kind, String refName, String revision, CurrentUser user) {
        history.createRef(type, name, kind, refName == null ? "" : refName.strip(), revision, user);
        return urlsOf(type, name, user).refs();
    }

    /** Deletes a branch or tag; answers the refs page. */
    String deleteRef(RepoType type, String name, String kind, String refName, CurrentUser user) {
        history.deleteRef(type, name, kind, refName, user);
        return urlsOf(type, name, user).refs();
    }

    /**
     * The confirmation page of restoring everything (or {@code path}) as at {@code revision} on {@code branch}
     * (main when blank), as {@link #deletePage} is deletion's: what the new commit would change, file by
     * file (what the branch holds now turned into what the revision held), and the form that does it.
     *
     * @throws io.modellibrary.versioning.NoSuchRevisionException when the revision or the branch names no commit (404)
     * @throws NoSuchItemException when {@code path} is neither a file nor a folder at the revision (404), as the restore says
     */
    WebViews.RestorePage restorePage(RepoType type, String name, String revision, String path, String branch, String before,
                                     CurrentUser user) {
        return restorePage(type, name, revision, path, branch, before, null, null, user);
    }

    /**
     * The confirmation page shown again (409) when the restore posted from it was refused because the branch moved
     * since it was shown: what restoring would change now, the new head to confirm at, a message saying that
     * nothing was restored, and the commit message as typed.
     */
    WebViews.RestorePage movedRestorePage(RepoType type, String name, String revision, String path, String branch,
                                          String before, String message, CurrentUser user) {
        String onto = branch == null || branch.isBlank() ? Versions.MAIN : branch.strip();
        return restorePage(type, name, revision, path, branch, before, onto + " has moved since this page was shown: someone"
                + " committed there, and nothing was restored. Below is what restoring would change now; restore again"
                + " to confirm.", message, user);
    }

    private WebViews.RestorePage restorePage(RepoType type, String name, String revision, String path, String branch,
                                             String before, String moved, String message, CurrentUser user) {
        String onto = branch == null || branch.isBlank() ? Versions.MAIN : branch.strip();
        RepoAccess.Snapshot at = writableAtBranch(type, name, onto, user);
        RepoAccess.Snapshot from = lookup.snapshot(at.repo(), revision);
        if (from.commit() == null) {
            throw new NoSuchItemException("no such revision: " + revision);
        }
        String folder = RepoPath.folder(path).toString();
        // what the path is at the commit (the restore itself refuses a path that is nothing there, 404)
        boolean isFolder = !folder.isEmpty() && reads.entry(from, RepoPath.of(folder)).orElseThrow(() -> new NoSuchItemException(
                "no such file or folder at " + from.commit().id() + ": " + folder)).folder();
        Diffs.Result result = between.between(at.commit(), from.commit(), ChangeDiffs.LISTED_CHANGES);
        List<Change> changes = result.changes().stream()
                // the path, what is in it, and a file where one of its folders was (the restore deletes it: versioning/Restore)
                .filter(c -> folder.isEmpty() || c.path().equals(folder) || c.path().startsWith(folder + "/")
                        || folder.startsWith(c.path() + "/")).toList();
        RepoUrls urls = RepoPages.urls(at);
        CommitDoc child = child(at.repo(), from.commit(), before);
        return new WebViews.RestorePage(pages.header(at, user), RepoPages.row(urls, from.commit()), folder, isFolder, onto,
                diffs.files(changes, urls, from.commit().id()), !result.complete(), urls.restore(from.commit().id()),
                urls.commit((child == null ? from.commit() : child).id()), at.commit() == null ? null : at.commit().id(),
                moved, message, child == null ? null : RepoPages.row(urls, child));
    }

    /**
     * The commit {@code before} names when {@code parent} is its parent: the commit whose "as it was before" link
     * led to the restore of {@code parent}'s version; null for none, a revision that names no commit, or a commit
     * of another parent (a hand-made link cannot make the page claim what is not so). Only a commit id (or its
     * prefix) is looked up, never a branch or tag name.
     */
    private CommitDoc child(Repo repo, CommitDoc parent, String before) {
        if (before == null || !COMMIT_ID.matcher(before).matches()) {
            return null;
        }
        try {
            CommitDoc child = lookup.snapshot(repo, before).commit();
            return child != null && parent.id().equals(child.parent()) ? child : null;
        } catch (BadRequestException | NoSuchRevisionException e) {
            return null;
        }
    }

    /**
     * Restores everything (or {@code path}) as at {@code revision} in a new commit on {@code branch};
     * answers that commit's page, or, when the branch held those files already and nothing was
     * committed, the restored commit's page; each saying so ({@link RestoreNotices}).
     *
     * @param parentCommit the head the confirmation page was shown at; blank: none (the restore is made on any head)
     * @param before       the confirmation's {@code before} (a child of {@code revision}, named by the notice), or null
     * @throws HeadMovedException when the branch's head is no longer {@code parentCommit} (nothing restored)
     */
    String restore(RepoType type, String name, String revision, String path, String branch, String message,
                   String parentCommit, String before, CurrentUser user) throws IOException {
        CommitResult result = history.restore(type, name, revision, path, message, branch, blankToNull(parentCommit), user);
        // the revision as it is now: the commit just restored (a branch restored on itself changes nothing)
        RepoAccess.Snapshot from = lookup.snapshot(type, name, revision, user);
        String onto = branch == null || branch.isBlank() ? Versions.MAIN : branch.strip();
        return RestoreNotices.after(RepoPages.urls(from), result, from.commit(), onto, RepoPath.folder(path).toString(),
                child(from.repo(), from.commit(), before));
    }

    /** The settings page: admin on the repository. */
    WebViews.SettingsPage settingsPage(RepoType type, String name, CurrentUser user) {
        Repo repo = lookup.administrable(type, name, user);
        RepoAccess.Snapshot at = lookup.snapshot(repo, null);
        String base = RepoPages.urls(at).settings();
        return new WebViews.SettingsPage(pages.header(at, user), base + "/rename", base + "/visibility", base + "/delete");
    }

    /**
     * Renames (or moves) the repository; {@code newName} without a namespace stays in the current
     * one. The old name keeps answering in the API (the catalogue's alias rules); its pages redirect to the new
     * name's ({@link PageRepos}). Answers the settings page at the new name.
     *
     * @throws ApiException 409 when another repository has that name (the API's "item already exists"),
     *                      or it is kept as another holder's old name ({@link ReservedNameException})
     */
    String rename(RepoType type, String name, String newName, CurrentUser user) {
        Repo repo = lookup.administrable(type, name, user);
        String wanted = newName == null ? "" : newName.strip();
        int slash = repo.getName().indexOf('/');
        if (wanted.indexOf('/') < 0 && slash >= 0) {
            wanted = repo.getName().substring(0, slash + 1) + wanted;
        }
        try {
            Repo renamed = repos.update(type, repo.getName(), wanted, null, user);
            return new RepoUrls(type, renamed.getName()).settings();
        } catch (RuntimeException e) {
            throw NewRepoPages.nameRefused(e, type, wanted);
        }
    }

    /** Makes the repository private or public; answers the settings page. */
    String visibility(RepoType type, String name, boolean privateRepo, CurrentUser user) {
        Repo repo = repos.update(type, name, null, privateRepo, user);
        return new RepoUrls(type, repo.getName()).settings();
    }

    /**
     * Deletes the repository when {@code confirmation} is its full name, as shown (400 otherwise).
     * Answers the catalogue with the notice saying so ({@code ?deleted=owner/name}).
     */
    String deleteRepo(RepoType type, String name, String confirmation, CurrentUser user) {
        Repo repo = lookup.administrable(type, name, user);
        if (confirmation == null || !confirmation.strip().equals(repo.getName())) {
            throw new BadRequestException("type the full name " + repo.getName() + " to confirm the deletion");
        }
        repos.deleteRepo(type, repo.getName(), user);
        return (type == RepoType.DATASET ? "/datasets" : "/models") + "?deleted="
                + UriUtils.encodeQueryParam(repo.getName(), StandardCharsets.UTF_8);
    }

    /** Likes ({@code like} true) or unlikes the repository; answers its page. */
    String like(RepoType type, String name, boolean like, CurrentUser user) {
        if (like) {
            likes.like(type, name, user);
        } else {
            likes.unlike(type, name, user);
        }
        return urlsOf(type, name, user).home();
    }

    private RepoAccess.Snapshot writableAtBranch(RepoType type, String name, String branch, CurrentUser user) {
        Repo repo = lookup.writable(type, name, user);
        return pages.requireBranch(lookup.snapshot(repo, branch));
    }

    private static RepoAccess.Snapshot requireCommit(RepoAccess.Snapshot at, String path) {
        if (at.commit() == null) {
            throw new NoSuchItemException("no such file or folder: " + path);
        }
        return at;
    }

    private RepoUrls urlsOf(RepoType type, String name, CurrentUser user) {
        return new RepoUrls(type, lookup.readable(type, name, user).getName());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
