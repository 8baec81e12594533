package io.modellibrary.web;

import java.util.List;

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
     */
    record RepoHeader(String typeWord, String name, String namespace, String shortName, String avatar, boolean isPrivate,
                      long downloads, long likes, String lastModified, List<String> labels, String revision, String commit,
                      boolean mayWrite, String home, String filesUrl, String historyUrl, String uploadUrl) {
    }

    /** The "use this" panel's lines. */
    record UseThis(String hfDownload, String python, String curl) {
    }

    /** A repository's main page: its card (null without README.md) and the panel. */
    record RepoPage(RepoHeader repo, List<String> tags, String cardHtml, UseThis useThis) {
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
     * @param nextUrl the next page's URL, or null on the last
     */
    record TreePage(RepoHeader repo, List<Crumb> crumbs, List<TreeRow> rows, int total, String nextUrl, String firstUrl) {
    }

    /** A numbered line of a text file. */
    record Line(int number, String text) {
    }

    /**
     * A file page: its lines when it is displayable text (else null), its size and sha256, and
     * where to download it.
     */
    record BlobPage(RepoHeader repo, List<Crumb> crumbs, String path, String name, List<Line> lines, long bytes,
                    String size, String sha256, String downloadUrl, String rawUrl, String lastCommitUrl,
                    String lastMessage, String historyUrl) {
    }

    /** One commit of a history page. */
    record CommitRow(String id, String shortId, String message, String author, String time, String url, String treeUrl) {
    }

    /** A history page. */
    record HistoryPage(RepoHeader repo, List<CommitRow> commits, long total, List<PageLink> pages) {
    }

    /** A changed file of a commit, with the lines of its diff when both sides are small text. */
    record ChangedFile(String op, String path, String url, String oldSize, String newSize, List<DiffLine> diff) {
    }

    /** A diff line: {@code +}, {@code -} or a space, and its text. */
    record DiffLine(String kind, String text) {
    }

    /** A commit page. */
    record CommitPage(RepoHeader repo, CommitRow commit, String parentUrl, List<ChangedFile> files, int changeCount,
                      boolean truncated) {
    }

    /** The upload page. */
    record UploadPage(RepoHeader repo, String branch, String action, String maxFileSize) {
    }
}
