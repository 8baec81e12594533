package io.modellibrary.content;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.Versions;

/**
 * A revision as a Hub-shaped URL carries it, decoded, read the same way by every face that takes
 * one in its path (the Hub routes and the web pages): a branch, a tag, a full or short commit id,
 * {@code refs/heads/x}, {@code refs/tags/x}, or {@code HEAD} for the default branch
 * ({@code @huggingface/hub lib/model-info.ts} asks {@code revision/HEAD}; huggingface.co answers
 * {@code /tree/HEAD} with the default branch). {@code huggingface_hub} sends a revision as
 * {@code quote(revision, safe="")}, so {@code refs/heads/dev} arrives as {@code refs%2Fheads%2Fdev}.
 * Pull requests ({@code refs/pr/N}) do not exist here. What the name then points at is
 * {@code versioning.Revisions}' business.
 */
public final class UrlRevisions {

    /** What {@code HEAD} names: the default branch. */
    public static final String DEFAULT_BRANCH = Versions.MAIN;
    private static final String HEAD = "HEAD";
    private static final String HEADS = "refs/heads/";
    private static final int MAX_LENGTH = 256;

    private UrlRevisions() {
    }

    /**
     * The revision to read at: {@code main} for null, blank or {@code HEAD}, otherwise as it is.
     *
     * @throws BadRequestException     for {@code refs/pr/...} ("pull requests are not supported")
     * @throws NoSuchRevisionException for one longer than 256 characters
     */
    public static String parse(String raw) {
        if (raw == null || raw.isBlank() || raw.equals(HEAD)) {
            return DEFAULT_BRANCH;
        }
        if (raw.startsWith("refs/pr/")) {
            throw new BadRequestException("pull requests are not supported by this server: " + raw);
        }
        if (raw.length() > MAX_LENGTH) {
            throw new NoSuchRevisionException("no such revision: " + raw.substring(0, 40) + "...");
        }
        return raw;
    }

    /**
     * The branch a commit goes to: as {@link #parse}, and {@code refs/heads/x} is the branch {@code x}.
     *
     * @throws BadRequestException     as {@link #parse}
     * @throws NoSuchRevisionException as {@link #parse}
     */
    public static String branch(String raw) {
        String rev = parse(raw);
        return rev.startsWith(HEADS) ? rev.substring(HEADS.length()) : rev;
    }
}
