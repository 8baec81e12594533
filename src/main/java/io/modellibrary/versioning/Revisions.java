package io.modellibrary.versioning;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a caller calls a revision into a commit, as {@code git rev-parse} and the Hub's
 * {@code revision} parameter do ({@code huggingface_hub} sends it URL-encoded, so
 * {@code refs/pr/1} arrives as one string): in this order a branch, a tag
 * ({@code refs/heads/<b>} and {@code refs/tags/<t>} name them explicitly), a full commit id,
 * then a unique prefix of at least {@value CommitPrefixes#LENGTH} hex characters. Each step is
 * one {@code _id} lookup. Blank means {@code main}.
 */
@Service
public class Revisions {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{" + CommitPrefixes.LENGTH + ",40}");
    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

    private final MongoTemplate mongo;
    private final Versions versions;
    private final CommitPrefixes prefixes;

    Revisions(MongoTemplate mongo, Versions versions, CommitPrefixes prefixes) {
        this.mongo = mongo;
        this.versions = versions;
        this.prefixes = prefixes;
    }

    /**
     * The commit the revision names; empty only for {@code main} of a repository without
     * commits (an empty tree).
     *
     * @param revision null or blank for {@code main}; any string, however long or strange
     * @throws NoSuchRevisionException naming the revision when it names no commit, or when a
     *                                 prefix names several ("ambiguous")
     */
    public Optional<CommitDoc> resolve(String repoId, String revision) {
        String rev = revision == null || revision.isBlank() ? Versions.MAIN : revision;
        if (rev.startsWith(HEADS)) {
            return ref(repoId, RefDoc.BRANCH, rev.substring(HEADS.length()))
                    .map(r -> Optional.of(versions.commit(repoId, r.head())))
                    .orElseGet(() -> emptyMain(rev.substring(HEADS.length()), rev));
        }
        if (rev.startsWith(TAGS)) {
            return Optional.of(ref(repoId, RefDoc.TAG, rev.substring(TAGS.length()))
                    .map(r -> versions.commit(repoId, r.head())).orElseThrow(() -> unknown(rev)));
        }
        Optional<RefDoc> ref = ref(repoId, RefDoc.BRANCH, rev).or(() -> ref(repoId, RefDoc.TAG, rev));
        if (ref.isPresent()) {
            return Optional.of(versions.commit(repoId, ref.get().head()));
        }
        if (rev.equals(Versions.MAIN)) {
            return Optional.empty();
        }
        return Optional.of(commit(repoId, rev));
    }

    /**
     * Like {@link #resolve}, but a repository without commits has no revision at all.
     *
     * @throws NoSuchRevisionException as {@link #resolve}, and for {@code main} of an empty repository
     */
    public CommitDoc require(String repoId, String revision) {
        return resolve(repoId, revision).orElseThrow(() -> unknown(revision == null || revision.isBlank() ? Versions.MAIN : revision));
    }

    /**
     * The head of a branch to write on; empty for {@code main} before the first commit.
     *
     * @throws io.modellibrary.common.BadRequestException when {@code branch} is a tag (tags never move)
     * @throws NoSuchRevisionException when there is no such branch
     */
    public Optional<CommitDoc> branchHead(String repoId, String branch) {
        Optional<RefDoc> ref = ref(repoId, RefDoc.BRANCH, branch);
        if (ref.isPresent()) {
            return Optional.of(versions.commit(repoId, ref.get().head()));
        }
        if (branch.equals(Versions.MAIN)) {
            return Optional.empty();
        }
        if (ref(repoId, RefDoc.TAG, branch).isPresent()) {
            throw new io.modellibrary.common.BadRequestException("branch: " + branch + " is a tag, and tags never move");
        }
        throw new NoSuchRevisionException("no such branch: " + branch);
    }

    private Optional<CommitDoc> emptyMain(String branch, String rev) {
        if (branch.equals(Versions.MAIN)) {
            return Optional.empty();
        }
        throw unknown(rev);
    }

    private CommitDoc commit(String repoId, String rev) {
        if (!HEX.matcher(rev).matches()) {
            throw unknown(rev);
        }
        String id = rev.toLowerCase(Locale.ROOT);
        if (id.length() == 40) {
            try {
                return versions.commit(repoId, id);
            } catch (io.modellibrary.common.NoSuchItemException e) {
                throw unknown(rev);
            }
        }
        List<String> matches = prefixes.find(repoId, id).stream().filter(c -> exists(repoId, c)).toList();
        if (matches.size() > 1) {
            throw new NoSuchRevisionException("ambiguous revision: " + rev + " is the prefix of " + matches.size() + " commits");
        }
        if (matches.isEmpty()) {
            throw unknown(rev);
        }
        return versions.commit(repoId, matches.get(0));
    }

    private boolean exists(String repoId, String commitId) {
        try {
            versions.commit(repoId, commitId);
            return true;
        } catch (io.modellibrary.common.NoSuchItemException e) {
            return false;
        }
    }

    private Optional<RefDoc> ref(String repoId, String kind, String name) {
        if (name.isEmpty() || name.length() > RefNames.MAX_LENGTH) {
            return Optional.empty();
        }
        // main exists without a head from a repository's first write until its first commit lands
        return Optional.ofNullable(mongo.findById(RefDoc.id(repoId, kind, name), RefDoc.class)).filter(r -> r.head() != null);
    }

    static NoSuchRevisionException unknown(String revision) {
        return new NoSuchRevisionException("no such revision: " + revision);
    }
}
