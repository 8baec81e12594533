package io.modellibrary.web;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.RepoPath;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.Restore;
import io.modellibrary.versioning.Revisions;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the commit page says after its "restore" form (issue 20), carried by the redirect's query,
 * as the other forms' results are ({@code /settings/password?changed}):
 * <ul>
 *   <li>{@code /commit/<new>?restored=<branch>&from=<restored commit>[&path=<path>][&before=<child>]}: the
 *   restore made this new commit on the branch ({@code before}: it was asked for as the version before that
 *   commit, a child of the restored one, W18);</li>
 *   <li>{@code /commit/<restored commit>?unchanged=<branch>[&path=<path>]}: nothing was committed,
 *   the branch holding those files already (restoring the head, or any commit with the head's files).</li>
 * </ul>
 * The page shows a notice only when it is true now: the branch exists and the two commits named hold
 * the same files at {@code path} ({@link Restore#changesNothing}), so a hand-made
 * link cannot make the page claim what did not happen.
 */
@Component
class RestoreNotices {

    /** Longest query value looked at; longer ones are no branch or path this server holds. */
    private static final int MAX_VALUE = 1100;

    private final Revisions revisions;
    private final Restore restore;

    RestoreNotices(Revisions revisions, Restore restore) {
        this.revisions = revisions;
        this.restore = restore;
    }

    /**
     * The commit page the restore form leads to: the new commit's when {@code result} changed the
     * branch, else the restored commit's, each with the query of its notice.
     *
     * @param from   the commit restored from
     * @param branch the branch restored on
     * @param path   the file or folder restored, "" for everything
     * @param before the commit whose parent {@code from} is, when the restore was asked for as "before" it; else null
     */
    static String after(RepoUrls urls, CommitResult result, CommitDoc from, String branch, String path, CommitDoc before) {
        String where = path.isEmpty() ? "" : "&path=" + encode(path);
        return result.changed()
                ? urls.commit(result.commit().id()) + "?restored=" + encode(branch) + "&from=" + from.id() + where
                        + (before == null ? "" : "&before=" + before.id())
                : urls.commit(from.id()) + "?unchanged=" + encode(branch) + where;
    }

    /**
     * The notice of the commit page {@code shown} (of repository {@code repoId}) for its query; null
     * when the query asks for none or its claim is not true ({@code before} is named only when it is a child of
     * {@code from}).
     */
    WebViews.RestoreNotice notice(String repoId, CommitDoc shown, RepoUrls urls, String restored, String unchanged,
                                  String from, String rawPath, String before) {
        String branch = restored != null ? restored : unchanged;
        if (branch == null || branch.length() > MAX_VALUE || (rawPath != null && rawPath.length() > MAX_VALUE)) {
            return null;
        }
        try {
            String path = RepoPath.folder(rawPath).toString();
            Optional<CommitDoc> head = revisions.branchHead(repoId, branch);
            if (head.isEmpty()) {
                return null;
            }
            if (restored != null) {
                CommitDoc source = from == null ? null : revisions.resolve(repoId, from).orElse(null);
                if (source == null || !source.id().equals(from) || !restore.changesNothing(shown, source, path)) {
                    return null;
                }
                CommitDoc child = before == null || before.length() > MAX_VALUE ? null
                        : revisions.resolve(repoId, before).filter(c -> c.id().equals(before) && source.id().equals(c.parent()))
                        .orElse(null);
                return new WebViews.RestoreNotice(true, branch, path, source.id().substring(0, 7), urls.commit(source.id()),
                        urls.tree(branch, ""), child == null ? null : child.id().substring(0, 7),
                        child == null ? null : urls.commit(child.id()));
            }
            return restore.changesNothing(head.get(), shown, path)
                    ? new WebViews.RestoreNotice(false, branch, path, null, null, urls.tree(branch, ""), null, null) : null;
        } catch (BadRequestException | NoSuchRevisionException e) {
            return null; // no such path, branch or commit: nothing to tell
        }
    }

    private static String encode(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }
}
