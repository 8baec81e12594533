package io.modellibrary.web;

import java.util.List;
import java.util.Map;

/** The view models the page templates render: plain values, escaped by the templates. */
final class WebViews {

    private WebViews() {
    }

    /**
     * A catalogue card.
     *
     * @param url          the repository's page
     * @param lastModified the last change, {@code yyyy-MM-dd}
     */
    record Card(String name, String url, String avatar, String task, long downloads, long likes,
                String lastModified, boolean isPrivate) {
    }

    /** One label of a facet filter, and whether the current query selects it. */
    record FacetLabel(String label, boolean selected) {
    }

    /** A facet filter: its name and its labels (the selected ones first). */
    record Facet(String name, List<FacetLabel> labels, int selectedCount) {
    }

    /** A link of the pager. */
    record PageLink(String label, String url, boolean current) {
    }

    /**
     * The catalogue page.
     *
     * @param type  {@code model} or {@code dataset}
     * @param query the name fragment searched for, or ""
     */
    record CataloguePage(String type, String title, List<Card> cards, long total, String query, String sort,
                         List<String> sorts, List<Facet> facets, List<PageLink> pages, String typeUrl) {
    }

    /**
     * What every repository page shows at its top.
     *
     * @param typeWord     {@code model} or {@code dataset}
     * @param revision     the revision the page is at, as asked for
     * @param commit       the commit it names (40 hex), or null for an empty repository
     * @param mayWrite     true when the caller may upload to it
     * @param mayAdmin     true when the caller may rename, hide or delete it (its settings)
     * @param liked        true when the caller likes it
     * @param likeUrl      where the like button posts; null for a namespace-less repository (no such pages)
     * @param refsUrl      the branches and tags page; null likewise
     * @param settingsUrl  the settings page; null likewise
     */
    record RepoHeader(String typeWord, String name, String namespace, String shortName, String avatar, boolean isPrivate,
                      long downloads, long likes, String lastModified, List<String> labels, String revision, String commit,
                      boolean mayWrite, String home, String filesUrl, String historyUrl, String uploadUrl,
                      boolean mayAdmin, boolean liked, String likeUrl, String refsUrl, String settingsUrl) {
    }

    /**
     * A bar chart of downloads a day, drawn as SVG by the page (coordinates in SVG user units).
     *
     * @param bars  one a day, oldest first
     * @param total downloads over the days shown
     * @param max   the highest day (the chart's top)
     * @param uncharted downloads of the repository's all-time count not in the days shown (counted
     *                  before them, or imported as one figure): said under the chart when over 0
     */
    record DownloadChart(List<Bar> bars, long total, long max, int days, int width, int height, String from, String to,
                         long uncharted) {
    }

    /** One day's bar: its place, its height and its tooltip ({@code 2026-05-01: 3 downloads}). */
    record Bar(int x, int y, int width, int height, String label) {
    }

    /** A branch or tag: its name, the short id of its commit and its folder page. */
    record RefRow(String kind, String name, String shortId, String treeUrl, boolean current) {
    }

    /**
     * The "use this" panel's code, as copied; {@code curl} downloads a file that exists, null when there is none.
     * The {@code …Html} forms are what the page shows ({@link Snippets#html}: a URL may wrap at its slashes).
     */
    record UseThis(String hfDownload, String python, String curl) {

        /** {@link #hfDownload} as the page shows it. */
        public String hfDownloadHtml() {
            return Snippets.html(hfDownload);
        }

        /** {@link #python} as the page shows it. */
        public String pythonHtml() {
            return Snippets.html(python);
        }

        /** {@link #curl} as the page shows it; null without one. */
        public String curlHtml() {
            return Snippets.html(curl);
        }
    }

    /** A repository's main page: its card (null without README.md), the panel and the downloads of the last days. */
    record RepoPage(RepoHeader repo, List<String> tags, String cardHtml, UseThis useThis, DownloadChart downloads) {
    }

    /** One entry of a folder listing. */
    record TreeRow(String name, boolean folder, String url, String size, String lastCommitUrl, String lastMessage,
                   String lastModified) {
    }

    /** A step of the breadcrumb above a folder or file. */
    record Crumb(String name, String url) {
    }

    /**
     * A folder page.
     *
     * @param nextUrl    the next page's URL, or null on the last
     * @param refs       the branches and tags, for the revision selector
     * @param newFileUrl the new-file form in this folder (shown to writers at a branch)
     * @param deleteUrl  the folder's delete confirmation; null at the root
     * @param historyUrl the folder's history
     */
    record TreePage(RepoHeader repo, List<Crumb> crumbs, List<TreeRow> rows, int total, String nextUrl, String firstUrl,
                    List<RefRow> refs, boolean atBranch, String newFileUrl, String deleteUrl, String historyUrl) {
    }

    /** A numbered line of a text file. */
    record Line(int number, String text) {
    }

    /**
     * A file page: its lines when it is displayable text (else null), its size and sha256, and
     * where to download it; {@code restoreUrl}: at a tag or commit, for a writer, the confirmation page
     * restoring this version of the file on main (else null).
     */
    record BlobPage(RepoHeader repo, List<Crumb> crumbs, String path, String name, List<Line> lines, long bytes,
                    String size, String sha256, String downloadUrl, String rawUrl, String lastCommitUrl,
                    String lastMessage, String historyUrl, boolean atBranch, String editUrl, String deleteUrl,
                    String language, String restoreUrl) {
    }

    /** One commit of a history page. */
    record CommitRow(String id, String shortId, String message, String author, String time, String url, String treeUrl) {

        /** The message with its bidirectional controls written as {@code <U+202E>} ({@link VisibleText#plain}): for the page title. */
        public String plainMessage() {
            return VisibleText.plain(message);
        }
    }

    /**
     * A history page: of the whole repository ({@code path} "") or of one file or folder; {@code restoreUrls}:
     * for a writer on a file's or folder's history, commit id to the confirmation page restoring that version of
     * it on main (none for the version main holds, nor for a commit that deleted it).
     */
    record HistoryPage(RepoHeader repo, List<CommitRow> commits, long total, List<PageLink> pages, String path,
                       String allUrl, Map<String, String> restoreUrls) {
    }

    /**
     * A changed file of a commit, with the lines of its diff when both sides are small text; {@code restoreUrl}: the
     * confirmation page restoring this one file as before the commit (commit page, writers; else null).
     */
    record ChangedFile(String op, String path, String url, String oldSize, String newSize, List<DiffLine> diff,
                       String restoreUrl) {
    }

    /** A diff line: {@code +}, {@code -} or a space, and its text. */
    record DiffLine(String kind, String text) {
    }

    /**
     * A commit page; {@code restoreAction} is where its "restore as a new commit" button leads (the confirmation
     * page, {@link RestorePage}, whose form posts to the same URL), and
     * {@code restoreNotice} what the last restore did (null: nothing to tell, {@link RestoreNotices}).
     */
    record CommitPage(RepoHeader repo, CommitRow commit, String parentUrl, List<ChangedFile> files, int changeCount,
                      boolean truncated, String restoreAction, RestoreNotice restoreNotice) {
    }

    /**
     * What a restore did, told on the commit page it leads to.
     *
     * @param changed   true: this page's commit is the new one, on {@code branch}, with {@code path} as at
     *                  {@code fromShort}; false: nothing was committed, {@code branch} holding {@code path}
     *                  exactly as this page's commit does already
     * @param path      the file or folder restored; "" for every file
     * @param fromShort the first 7 hex digits of the commit restored from (null when {@code changed} is false)
     * @param fromUrl   that commit's page (null when {@code changed} is false)
     * @param branchUrl the branch's files
     * @param beforeShort the first 7 hex digits of the commit whose parent was restored from, when the restore was
     *                    asked for as the version before it (W18); else null
     * @param beforeUrl   that commit's page, or null
     */
    record RestoreNotice(boolean changed, String branch, String path, String fromShort, String fromUrl, String branchUrl,
                         String beforeShort, String beforeUrl) {
    }

    /**
     * The comparison of two revisions: what turns {@code from} into {@code to}, file by file.
     *
     * @param truncated true when more files differ than are listed
     */
    record ComparePage(RepoHeader repo, String from, String to, CommitRow fromCommit, CommitRow toCommit,
                       List<ChangedFile> files, boolean truncated, String formAction) {
    }

    /**
     * The edit form of a text file ({@code creating} false) or the new-file form.
     *
     * @param parentCommit the head the form was read at: a change committed meanwhile refuses the edit (409)
     * @param message      the commit message entered, when the form is shown again; null on a fresh form
     * @param moved        why the form is shown again (the branch moved), null on a fresh form
     * @param currentUrl   the file as it is now on the branch, when the form is shown again and it exists
     */
    record EditPage(RepoHeader repo, boolean creating, String path, String content, String branch, String parentCommit,
                    String action, String cancelUrl, String message, String moved, String currentUrl) {
    }

    /** The confirmation of deleting a file or a folder. */
    record DeletePage(RepoHeader repo, String path, boolean folder, String branch, String parentCommit, String action,
                      String cancelUrl) {
    }

    /**
     * The confirmation of restoring {@code path} (every file when empty) on {@code branch} as it was in {@code commit}.
     *
     * @param folder    true when {@code path} is a folder at {@code commit} (the restore then covers every file in it)
     * @param files     what the restore changes: the branch's files now turned into the commit's
     * @param truncated    true when more files change than are listed
     * @param parentCommit the branch's head the page was shown at (the form posts it: the restore is refused if the
     *                     branch moved since); null for a branch without commits
     * @param moved        why the restore just posted was refused (the branch moved), or null
     * @param message      the commit message typed in the refused form, or null for the default
     * @param before       the commit whose parent {@code commit} is, when the page was reached from that commit's
     *                     "Restore this file as it was before this commit" link ({@code ?before=}): the page then says
     *                     "as it was before commit …" (W18); null otherwise, and for a {@code before} that is no child of
     *                     {@code commit}
     */
    record RestorePage(RepoHeader repo, CommitRow commit, String path, boolean folder, String branch, List<ChangedFile> files,
                       boolean truncated, String action, String cancelUrl, String parentCommit, String moved,
                       String message, CommitRow before) {
    }

    /** The branches and tags page, with its create and delete forms. */
    record RefsPage(RepoHeader repo, List<RefRow> branches, List<RefRow> tags, String action, String deleteAction) {
    }

    /** The settings page: rename, visibility, delete (typed full name). */
    record SettingsPage(RepoHeader repo, String renameAction, String visibilityAction, String deleteAction) {
    }

    /**
     * The upload page. The script sends files larger than {@code lfsAbove} bytes through the Git LFS
     * batch API at {@code lfsBatch}, in parts it can resume, and the rest in the form; it refuses a
     * file over {@code maxFileBytes} (shown as {@code maxFileSize}, e.g. {@code 1MB}) before sending.
     */
    record UploadPage(RepoHeader repo, String branch, String action, String maxFileSize, long maxFileBytes, String lfsBatch,
                      long lfsAbove) {
    }

    /**
     * The new-repository form ({@code /new} or {@code /new-dataset}), with what was entered when it is shown again.
     *
     * @param typeWord {@code model} or {@code dataset}
     * @param owners   the caller's own name, then every organisation where they may create repositories
     * @param tasks    the task labels offered (the type's taxonomy); {@code task} "" for none
     * @param otherUrl the form of the other type
     */
    record NewRepoPage(String typeWord, String action, List<String> owners, String owner, String name, boolean isPrivate,
                       List<String> tasks, String task, String otherUrl) {
    }
}
