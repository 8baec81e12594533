package io.modellibrary.versioning;

/**
 * A write based on a revision that is no longer the head of its branch. The message names
 * the branch and its head; the web layer answers 409 with it.
 */
public class HeadMovedException extends RuntimeException {

    private final String branch;
    private final String parentCommit;
    private final String head;

    /** The same on {@code main}. */
    public HeadMovedException(String parentCommit, String head) {
        this(Versions.MAIN, parentCommit, head);
    }

    /**
     * @param branch       the branch written to
     * @param parentCommit the head the writer expected
     * @param head         the actual head, or null for a branch without commits
     */
    public HeadMovedException(String branch, String parentCommit, String head) {
        super(branch + " has moved: parentCommit " + parentCommit + " is not the head, "
                + (head == null ? "the repository has no commits" : head + " is"));
        this.branch = branch;
        this.parentCommit = parentCommit;
        this.head = head;
    }

    /** The branch written to. */
    public String branch() {
        return branch;
    }

    /** The head the writer expected. */
    public String parentCommit() {
        return parentCommit;
    }

    /** The current head, or null for a repository without commits. */
    public String head() {
        return head;
    }
}
