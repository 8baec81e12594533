package io.modellibrary.web;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoPermissions;
import io.modellibrary.catalog.RepoType;
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
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repository pages' content, from the same application services as the API: the access
 * check and snapshot ({@link RepoAccess}), folder pages and file reads ({@link RevisionReads}),
 * history ({@link History}) and a commit's changes. A repository the caller may not see is
 * {@link NoSuchItemException}, exactly as a missing one.
 */
@Service
class RepoPages {

    /** Entries on one folder page. */
    static final int TREE_PAGE = 50;
    /** Commits on one history page. */
    static final int HISTORY_PAGE = 30;
    /** Changed files of a commit page that get a diff, and the largest side diffed. */
    static final int DIFFED_FILES = 20;
    static final long DIFFED_BYTES = 256 * 1024;
    /** Changed files listed on a commit page. */
    static final int LISTED_CHANGES = 300;

    private final RepoAccess access;
    private final RevisionReads reads;
    private final History history;
    private final RepoPermissions permissions;
    private final MarkdownCards cards;

    RepoPages(RepoAccess access, RevisionReads reads, History history, RepoPermissions permissions, MarkdownCards cards) {
        this.access = access;
        this.reads = reads;
        this.history = history;
        this.permissions = permissions;
        this.cards = cards;
    }

    /** The main page: the card from README.md at the default branch, and the "use this" lines. */
    WebViews.RepoPage main(RepoType type, String name, CurrentUser user, String endpoint) {
        RepoAccess.Snapshot at = access.snapshot(type, name, null, user);
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
        return new WebViews.RepoPage(header(at, user), tags, html, useThis(at.repo(), endpoint));
    }

    /** One page of a folder ({@value #TREE_PAGE} entries), from {@code cursor}. */
    WebViews.TreePage tree(RepoType type, String name, String revision, String folder, String cursor, CurrentUser user) {
        RepoAccess.Snapshot at = access.snapshot(type, name, revision, user);
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
        return new WebViews.TreePage(header(at, user), crumbs(urls, at.revision(), path, true), rows, total, next, first);
    }

    /** A file: its text with line numbers when displayable, its size and sha256 always. */
    WebViews.BlobPage blob(RepoType type, String name, String revision, String filePath, CurrentUser user) {
        RepoAccess.Snapshot at = access.snapshot(type, name, revision, user);
        if (at.commit() == null) {
            throw new NoSuchItemException("no such file: " + filePath);
        }
        RepoPath path = RepoPath.of(filePath);
        TreeEntry file = reads.file(at, path);
        List<WebViews.Line> lines = null;
        Optional<String> text = read(file);
        if (text.isPresent()) {
            lines = new ArrayList<>();
            String[] split = text.get().split("\\r?\\n", -1);
            int count = split.length > 1 && split[split.length - 1].isEmpty() ? split.length - 1 : split.length;
            for (int i = 0; i < count; i++) {
                lines.add(new WebViews.Line(i + 1, split[i]));
            }
        }
        RepoUrls urls = urls(at);
        return new WebViews.BlobPage(header(at, user), crumbs(urls, at.revision(), path, false), path.toString(), path.name(),
                lines, file.size(), Formats.size(file.size()), file.sha256(),
                urls.resolve(at.revision(), path.toString()) + "?download=true", urls.resolve(at.revision(), path.toString()),
                urls.commit(file.commit()), file.lastModifiedInformation(), urls.commits(at.revision()));
    }

    /** One page of the revision's history, newest first. */
    WebViews.HistoryPage history(RepoType type, String name, String revision, int page, CurrentUser user) {
        RepoAccess.Snapshot at = access.snapshot(type, name, revision, user);
        History.Page log = history.log(at.repo().getId(), at.commit(), null, page, HISTORY_PAGE);
        RepoUrls urls = urls(at);
        List<WebViews.CommitRow> rows = log.commits().stream().map(c -> row(urls, c)).toList();
        int pages = (int) Math.max(1, (log.total() + HISTORY_PAGE - 1) / HISTORY_PAGE);
        return new WebViews.HistoryPage(header(at, user), rows, log.total(),
                Pager.links(page, pages, p -> urls.commits(at.revision()) + "?p=" + p));
    }

    /** A commit: its message, author, time, parent, changed files and their diffs where cheap. */
    WebViews.CommitPage commit(RepoType type, String name, String id, CurrentUser user) {
        RepoAccess.Snapshot at = access.snapshot(type, name, id, user);
        CommitDoc commit = at.commit();
        if (commit == null) {
            throw new NoSuchItemException("no such commit: " + id);
        }
        RepoUrls urls = urls(at);
        List<WebViews.ChangedFile> files = new ArrayList<>();
        List<Change> changes = commit.changes() == null ? List.of() : commit.changes();
        for (Change c : changes) {
            if (files.size() >= LISTED_CHANGES) {
                break;
            }
            List<WebViews.DiffLine> diff = files.size() < DIFFED_FILES ? diff(c) : null;
            String url = c.op() == Change.Op.DELETE ? null : urls.blob(commit.id(), c.path());
            files.add(new WebViews.ChangedFile(c.op().name().toLowerCase(), c.path(), url,
                    c.oldSha256() == null ? "" : Formats.size(c.oldSize()),
                    c.newSha256() == null ? "" : Formats.size(c.newSize()), diff));
        }
        String parent = commit.parent() == null ? null : urls.commit(commit.parent());
        RepoAccess.Snapshot atCommit = new RepoAccess.Snapshot(at.repo(), commit.id(), commit);
        return new WebViews.CommitPage(header(atCommit, user), row(urls, commit), parent, files, commit.changeCount(),
                commit.changeCount() > files.size());
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
        boolean mayWrite = user != null && user.mayWrite()
                && permissions.roleOn(repo, user).map(r -> r.atLeast(Role.WRITE)).orElse(false);
        String branch = at.revision() == null || at.revision().length() == 40 ? "main" : at.revision();
        return new WebViews.RepoHeader(repo.repoType().id(), name, slash < 0 ? "" : name.substring(0, slash),
                slash < 0 ? name : name.substring(slash + 1), repo.getAvatar(), repo.isPrivateRepo(),
                repo.getDownloads(), repo.getLikes(), Formats.day(repo.getLastModified()), labels, at.revision(),
                at.commit() == null ? null : at.commit().id(), mayWrite, urls.home(), urls.tree(at.revision(), ""),
                urls.commits(at.revision()), urls.upload(branch));
    }

    private static WebViews.UseThis useThis(Repo repo, String endpoint) {
        boolean dataset = repo.repoType() == RepoType.DATASET;
        String name = repo.getName();
        String auth = repo.isPrivateRepo() ? " -H \"Authorization: Bearer $HF_TOKEN\"" : "";
        String hf = "HF_ENDPOINT=" + endpoint + " hf download " + name + (dataset ? " --repo-type dataset" : "");
        String setEndpoint = "import os\nos.environ[\"HF_ENDPOINT\"] = \"" + endpoint + "\"\n";
        String python = dataset
                ? setEndpoint + "from datasets import load_dataset\n\nds = load_dataset(\"" + name + "\")"
                : setEndpoint + "from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained(\"" + name + "\")";
        String curl = "curl -L" + auth + " -O " + endpoint + new RepoUrls(repo.repoType(), name).resolve("main", "README.md");
        return new WebViews.UseThis(hf, python, curl);
    }

    private static WebViews.CommitRow row(RepoUrls urls, CommitDoc c) {
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

    private List<WebViews.DiffLine> diff(Change c) {
        if ((c.oldSha256() != null && c.oldSize() > DIFFED_BYTES) || (c.newSha256() != null && c.newSize() > DIFFED_BYTES)) {
            return null;
        }
        Optional<String> before = c.oldSha256() == null ? Optional.of("") : read(blob(c.path(), c.oldSha256(), c.oldSize()));
        Optional<String> after = c.newSha256() == null ? Optional.of("") : read(blob(c.path(), c.newSha256(), c.newSize()));
        return before.isPresent() && after.isPresent() ? LineDiff.of(before.get(), after.get()) : null;
    }

    private static TreeEntry blob(String path, String sha256, long size) {
        return new TreeEntry(path, false, sha256, size, null, null, null);
    }

    private Optional<String> text(RepoAccess.Snapshot at, String path) {
        try {
            return read(reads.file(at, RepoPath.of(path)));
        } catch (NoSuchItemException e) {
            return Optional.empty();
        }
    }

    private Optional<String> read(TreeEntry file) {
        try {
            return reads.text(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RepoUrls urls(RepoAccess.Snapshot at) {
        return new RepoUrls(at.repo().repoType(), at.repo().getName());
    }
}
