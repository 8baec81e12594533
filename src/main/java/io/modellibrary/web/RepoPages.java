package io.modellibrary.web;

import io.modellibrary.catalog.DownloadHistory;
import io.modellibrary.catalog.LikeService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoPermissions;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.RevisionReads;
import io.modellibrary.content.TreeEntry;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import io.modellibrary.versioning.Change;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.History;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.Refs;
import io.modellibrary.versioning.Revisions;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository pages' content, from the same application services as the API: the access
 * check and snapshot ({@link RepoAccess}, through the pages' lookup {@link PageRepos}, which also
 * redirects an old name's page to the current name's), folder pages and file reads ({@link RevisionReads}),
 * history ({@link History}), branches and tags ({@link Refs}), likes and downloads (catalogue) and a
 * commit's changes ({@link ChangeDiffs}). A repository the caller may not see is
 * {@link NoSuchItemException}, exactly as a missing one.
 */
@Service
class RepoPages {

    /** Entries on one folder page. */
    static final int TREE_PAGE = 50;
    /** Commits on one history page. */
    static final int HISTORY_PAGE = 30;
    /** Days of the downloads chart. */
    static final int CHART_DAYS = 30;
    /** Root entries looked at for a file to offer in the curl line when there is no README.md. */
    static final int CURL_CANDIDATES = 50;
    /** Folder levels looked into for that file. */
    static final int CURL_DEPTH = 8;

    private final PageRepos lookup;
    private final RevisionReads reads;
    private final History history;
    private final RepoPermissions permissions;
    private final MarkdownCards cards;
    private final ChangeDiffs diffs;
    private final Refs refs;
    private final Revisions revisions;
    private final LikeService likes;
    private final DownloadHistory downloads;
    private final RestoreNotices notices;

    RepoPages(PageRepos lookup, RevisionReads reads, History history, RepoPermissions permissions, MarkdownCards cards,
              ChangeDiffs diffs, Refs refs, Revisions revisions, LikeService likes, DownloadHistory downloads,
              RestoreNotices notices) {
        this.lookup = lookup;
        this.reads = reads;
        this.history = history;
        this.permissions = permissions;
        this.cards = cards;
        this.diffs = diffs;
        this.refs = refs;
        this.revisions = revisions;
        this.likes = likes;
        this.downloads = downloads;
        this.notices = notices;
    }

    /** The main page: the card from README.md at the default branch, and the "use this" lines. */
    WebViews.RepoPage main(RepoType type, String name, CurrentUser user, String endpoint) {
        RepoAccess.Snapshot at = lookup.snapshot(type, name, null, user);
        List<String> tags = List.of();
        String html = null;
        Optional<String> readme = at.commit() == null ? Optional.empty() : text(at, "README.md");
        if (readme.isPresent()) {
            RepoUrls urls = urls(at);
            MarkdownCards.Card card = cards.render(readme.get(), path -> urls.resolve(at.revision(), path),
                    path -> urls.blob(at.revision(), path));
            tags = card.tags();
            html = card.html();
        }
        WebViews.DownloadChart chart = DownloadCharts.of(downloads.lastDays(at.repo(), CHART_DAYS), at.repo().getDownloads());
        return new WebViews.RepoPage(header(at, user), tags, html, useThis(at, endpoint, curlFile(at, readme.isPresent())), chart);
    }

    /**
     * The file the curl line downloads: README.md when there is one, else the first file of the
     * first folder that holds one whose name does not start with "." (the root, else its first folder,
     * and so on down, {@value #CURL_DEPTH} levels at most): a model's weights or a dataset's data rather
     * than the {@code .gitattributes} of every new repository, which is the answer only when no other file
     * is found; null when there is no file at all (an empty repository).
     */
    private String curlFile(RepoAccess.Snapshot at, boolean hasReadme) {
        if (hasReadme) {
            return "README.md";
        }
        String hidden = null;
        RepoPath folder = RepoPath.ROOT;
        for (int depth = 0; at.commit() != null && depth < CURL_DEPTH; depth++) {
            List<TreeEntry> entries = reads.tree(at, folder, null, CURL_CANDIDATES).entries();
            for (TreeEntry e : entries) {
                if (!e.folder() && !RepoPath.of(e.path()).name().startsWith(".")) {
                    return e.path();
                }
                if (!e.folder() && hidden == null) {
                    hidden = e.path();
                }
            }
            Optional<TreeEntry> next = entries.stream().filter(TreeEntry::folder).findFirst();
            if (next.isEmpty()) {
                break;
            }
            folder = RepoPath.folder(next.get().path());
        }
        return hidden;
    }

    /** One page of a folder ({@value #TREE_PAGE} entries), from {@code cursor}. */
    WebViews.TreePage tree(RepoType type, String name, String revision, String folder, String cursor, CurrentUser user) {
        RepoAccess.Snapshot at = lookup.snapshot(type, name, revision, user);
        RepoPath path = RepoPath.folder(folder);
        RepoUrls urls = urls(at);
        List<WebViews.TreeRow> rows = new ArrayList<>();
        int total = 0;
        String next = null;
        if (at.commit() != null) {
            RevisionReads.TreePage page = reads.tree(at, path, cursor, TREE_PAGE);
            for (TreeEntry e : page.entries()) {
                String own = e.path().substring(e.path().lastIndexOf('/') + 1);
                rows.add(new WebViews.TreeRow(own, e.folder(),
                        e.folder() ? urls.tree(at.revision(), e.path()) : urls.blob(at.revision(), e.path()),
                        e.folder() ? "" : Formats.size(e.size()), urls.commit(e.commit()), e.lastModifiedInformation(),
                        Formats.day(e.lastModified())));
            }
            total = page.total();
            next = page.cursor() == null ? null : urls.tree(at.revision(), path.toString()) + "?cursor=" + page.cursor();
        } else if (!path.isRoot()) {
            throw new NoSuchItemException("no such folder: " + path);
        }
        String first = cursor == null ? null : urls.tree(at.revision(), path.toString());
        List<WebViews.RefRow> refRows = refRows(at, urls);
        boolean atBranch = refRows.stream().anyMatch(r -> r.kind().equals("branch") && r.name().equals(at.revision()))
                || Versions.MAIN.equals(at.revision());
        return new WebViews.TreePage(header(at, user), crumbs(urls, at.revision(), path, true), rows, total, next, first,
                refRows, atBranch, urls.newFile(at.revision(), path.toString()),
                path.isRoot() ? null : urls.delete(at.revision(), path.toString()), urls.commits(at.revision(), path.toString()));
    }

    /** The repository's branches, then its tags, each marked when it is the page's revision. */
    List<WebViews.RefRow> refRows(RepoAccess.Snapshot at, RepoUrls urls) {
        return refs.list(at.repo().getId()).stream().map(r -> new WebViews.RefRow(r.kind().id(), r.name(),
                r.targetCommit().substring(0, 7), urls.tree(r.name(), ""), r.name().equals(at.revision()))).toList();
    }

    /** A file: its text with line numbers when displayable, its size and sha256 always. */
    WebViews.BlobPage blob(RepoType type, String name, String revision, String filePath, CurrentUser user) {
        RepoAccess.Snapshot at = lookup.snapshot(type, name, revision, user);
        if (at.commit() == null) {
            throw new NoSuchItemException("no such file: " + filePath);
        }
        RepoPath path = RepoPath.of(filePath);
        TreeEntry file = reads.file(at, path);
        List<WebViews.Line> lines = null;
        Optional<String> text = diffs.wholeText(at, file);
        if (text.isPresent()) {
            lines = new ArrayList<>();
            String[] split = text.get().split("\\r?\\n", -1);
            int count = split.length > 1 && split[split.length - 1].isEmpty() ? split.length - 1 : split.length;
            for (int i = 0; i < count; i++) {
                lines.add(new WebViews.Line(i + 1, split[i]));
            }
        }
        RepoUrls urls = urls(at);
        WebViews.RepoHeader header = header(at, user);
        boolean atBranch = isBranch(at);
        // at a tag or commit, a writer may put this version back on main (the restore page shows what changes)
        String restore = header.mayWrite() && !atBranch ? urls.restore(at.commit().id(), path.toString()) : null;
        return new WebViews.BlobPage(header, crumbs(urls, at.revision(), path, false), path.toString(), path.name(),
                lines, file.size(), Formats.size(file.size()), file.sha256(),
                urls.resolve(at.revision(), path.toString()) + "?download=true", urls.resolve(at.revision(), path.toString()),
                urls.commit(file.commit()), file.lastModifiedInformation(), urls.commits(at.revision(), path.toString()),
                atBranch, urls.edit(at.revision(), path.toString()), urls.delete(at.revision(), path.toString()),
                language(path.name()), restore);
    }

    /** True when the snapshot's revision is a branch (where edits may be committed), not a tag or commit id. */
    boolean isBranch(RepoAccess.Snapshot at) {
        try {
            revisions.branchHead(at.repo().getId(), at.revision());
            return true;
        } catch (BadRequestException | NoSuchRevisionException tagOrCommit) {
            return false;
        }
    }

    /**
     * The snapshot itself when its revision is a branch.
     *
     * @throws BadRequestException when it is a tag or a commit id: changes (edits, new files,
     *                             uploads) are committed on a branch only, as on the Hub
     */
    RepoAccess.Snapshot requireBranch(RepoAccess.Snapshot at) {
        if (!isBranch(at)) {
            throw new BadRequestException(at.revision() + " is not a branch: changes are committed on a branch");
        }
        return at;
    }

    /**
     * What the file view's highlighter is told the file holds: its extension, lower-cased, or its
     * whole name when it has none ({@code Dockerfile}, {@code Makefile}); highlight.js knows both as aliases.
     */
    static String language(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return (dot < 0 ? fileName : fileName.substring(dot + 1)).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * One page of the revision's history, newest first: of every commit ({@code filePath} ""), or of
     * those that changed a file or folder ({@code git log -- path}).
     */
    WebViews.HistoryPage history(RepoType type, String name, String revision, String filePath, int page, CurrentUser user) {
        RepoAccess.Snapshot at = lookup.snapshot(type, name, revision, user);
        String path = RepoPath.folder(filePath).toString();
        History.Page log = history.log(at.repo().getId(), at.commit(), path, page, HISTORY_PAGE);
        RepoUrls urls = urls(at);
        List<WebViews.CommitRow> rows = log.commits().stream().map(c -> row(urls, c)).toList();
        int pages = (int) Math.max(1, (log.total() + HISTORY_PAGE - 1) / HISTORY_PAGE);
        WebViews.RepoHeader header = header(at, user);
        return new WebViews.HistoryPage(header, rows, log.total(),
                Pager.links(page, pages, p -> urls.commits(at.revision(), path) + "?p=" + p), path, urls.commits(at.revision()),
                header.mayWrite() && !path.isEmpty() ? restoreUrls(log.commits(), page, at, path, urls) : Map.of());
    }

    /**
     * "Restore this version" on a file's or folder's history ({@code page} from 1): each commit's version of
     * {@code path}, except the one main holds already (the newest commit that changed it, on main's history) and
     * a commit whose changes there are all deletions (its version is nothing; its parent's is the row below).
     */
    private static Map<String, String> restoreUrls(List<CommitDoc> commits, int page, RepoAccess.Snapshot at, String path,
                                                   RepoUrls urls) {
        Map<String, String> restore = new HashMap<>();
        for (int i = 0; i < commits.size(); i++) {
            CommitDoc c = commits.get(i);
            List<Change> there = c.changes() == null ? List.of() : c.changes().stream()
                    .filter(ch -> ch.path().equals(path) || ch.path().startsWith(path + "/")).toList();
            boolean deleted = !there.isEmpty() && there.stream().allMatch(ch -> ch.op() == Change.Op.DELETE);
            boolean current = page == 1 && i == 0 && Versions.MAIN.equals(at.revision());
            if (!deleted && !current) {
                restore.put(c.id(), urls.restore(c.id(), path));
            }
        }
        return restore;
    }

    /**
     * A commit: its message, author, time, parent, changed files and their diffs where cheap, and
     * what the restore that led here did ({@link RestoreNotices}; all four null on a page opened otherwise).
     */
    WebViews.CommitPage commit(RepoType type, String name, String id, CurrentUser user, RestoreQuery restored) {
        RepoAccess.Snapshot at = lookup.snapshot(type, name, id, user);
        CommitDoc commit = at.commit();
        if (commit == null) {
            throw new NoSuchItemException("no such commit: " + id);
        }
        RepoUrls urls = urls(at);
        RepoAccess.Snapshot atCommit = new RepoAccess.Snapshot(at.repo(), commit.id(), commit);
        WebViews.RepoHeader header = header(atCommit, user);
        List<Change> changes = commit.changes() == null ? List.of() : commit.changes();
        // a writer may put one deleted or changed file back as it was before this commit (its parent's version)
        List<WebViews.ChangedFile> files = diffs.files(changes, urls, commit.id(),
                header.mayWrite() ? commit.parent() : null);
        String parent = commit.parent() == null ? null : urls.commit(commit.parent());
        WebViews.RestoreNotice notice = restored == null ? null : notices.notice(at.repo().getId(), commit, urls,
                restored.restored(), restored.unchanged(), restored.from(), restored.path(), restored.before());
        return new WebViews.CommitPage(header, row(urls, commit), parent, files, commit.changeCount(),
                commit.changeCount() > files.size(), urls.restore(commit.id()), notice);
    }

    /** The query of a commit page after a restore ({@link RestoreNotices}): each null when absent. */
    record RestoreQuery(String restored, String unchanged, String from, String path, String before) {
    }

    /** What every repository page shows at its top. */
    WebViews.RepoHeader header(RepoAccess.Snapshot at, CurrentUser user) {
        Repo repo = at.repo();
        RepoUrls urls = urls(at);
        String name = repo.getName();
        int slash = name.indexOf('/');
        List<String> labels = new ArrayList<>();
        if (repo.getActiveFilters() != null) {
            repo.getActiveFilters().forEach((facet, values) -> labels.addAll(values));
        }
        Optional<Role> role = user == null ? Optional.empty() : permissions.roleOn(repo, user);
        boolean mayWrite = user != null && user.mayWrite() && role.map(r -> r.atLeast(Role.WRITE)).orElse(false);
        boolean mayAdmin = user != null && user.mayWrite() && role.map(r -> r.atLeast(Role.ADMIN)).orElse(false);
        boolean namespaced = slash >= 0;
        // A tag or commit view offers the upload to the default branch: a tag or commit takes no commits.
        String branch = mayWrite && at.revision() != null && isBranch(at) ? at.revision() : Versions.MAIN;
        return new WebViews.RepoHeader(repo.repoType().id(), name, slash < 0 ? "" : name.substring(0, slash),
                slash < 0 ? name : name.substring(slash + 1), repo.getAvatar(), repo.isPrivateRepo(),
                repo.getDownloads(), repo.getLikes(), Formats.day(repo.getLastModified()), labels, at.revision(),
                at.commit() == null ? null : at.commit().id(), mayWrite, urls.home(), urls.tree(at.revision(), ""),
                urls.commits(at.revision()), urls.upload(branch), mayAdmin, likes.likes(repo, user),
                namespaced ? urls.like() : null, namespaced ? urls.refs() : null, namespaced ? urls.settings() : null);
    }

    /**
     * The "Use this" snippets: the hf CLI, Python ({@code transformers}, or {@code datasets} for a
     * dataset) and curl for one file; for a private repository each passes the access token in
     * {@code HF_TOKEN} (a newcomer's probe, session 15: only the curl line did); each laid out by {@link Snippets}
     * to fit the panel's box (W17).
     */
    private static WebViews.UseThis useThis(RepoAccess.Snapshot at, String endpoint, String curlFile) {
        Repo repo = at.repo();
        boolean dataset = repo.repoType() == RepoType.DATASET;
        String name = repo.getName();
        boolean secret = repo.isPrivateRepo();
        List<String> hfParts = new ArrayList<>(List.of("HF_ENDPOINT=" + endpoint, "hf download " + name));
        if (dataset) {
            hfParts.add("--repo-type dataset");
        }
        if (secret) {
            hfParts.add("--token \"$HF_TOKEN\"");
        }
        String hf = Snippets.shell(hfParts.toArray(String[]::new));
        String setEndpoint = "import os\nos.environ[\"HF_ENDPOINT\"] = \"" + endpoint + "\"\n";
        String[] args = secret ? new String[]{"\"" + name + "\"", "token=os.environ[\"HF_TOKEN\"]"} : new String[]{"\"" + name + "\""};
        String python = dataset
                ? setEndpoint + "from datasets import load_dataset\n\n" + Snippets.pythonCall("ds = load_dataset", args)
                : setEndpoint + "from transformers import AutoModel\n\n" + Snippets.pythonCall("model = AutoModel.from_pretrained", args);
        String url = curlFile == null ? null : endpoint + new RepoUrls(repo.repoType(), name).resolve(Versions.MAIN, curlFile);
        String curl = url == null ? null : secret ? Snippets.shell("curl -L", "-H \"Authorization: Bearer $HF_TOKEN\"", "-O " + url)
                : Snippets.shell("curl -L", "-O " + url);
        return new WebViews.UseThis(hf, python, curl);
    }

    static WebViews.CommitRow row(RepoUrls urls, CommitDoc c) {
        return new WebViews.CommitRow(c.id(), c.id().substring(0, Math.min(7, c.id().length())), c.message(), c.author(),
                Formats.minute(c.time()), urls.commit(c.id()), urls.tree(c.id(), ""));
    }

    private static List<WebViews.Crumb> crumbs(RepoUrls urls, String revision, RepoPath path, boolean lastIsFolder) {
        List<WebViews.Crumb> crumbs = new ArrayList<>();
        crumbs.add(new WebViews.Crumb(urls.name().substring(urls.name().indexOf('/') + 1), urls.tree(revision, "")));
        List<RepoPath> above = new ArrayList<>(path.ancestors());
        java.util.Collections.reverse(above);
        for (RepoPath p : above) {
            crumbs.add(new WebViews.Crumb(p.name(), urls.tree(revision, p.toString())));
        }
        if (!path.isRoot()) {
            crumbs.add(new WebViews.Crumb(path.name(), lastIsFolder ? urls.tree(revision, path.toString())
                    : urls.blob(revision, path.toString())));
        }
        return crumbs;
    }

    private Optional<String> text(RepoAccess.Snapshot at, String path) {
        try {
            return diffs.text(reads.file(at, RepoPath.of(path)));
        } catch (NoSuchItemException e) {
            return Optional.empty();
        }
    }

    static RepoUrls urls(RepoAccess.Snapshot at) {
        return new RepoUrls(at.repo().repoType(), at.repo().getName());
    }
}
