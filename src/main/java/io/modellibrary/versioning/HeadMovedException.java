package io.modellibrary.versioning;

import io.modellibrary.common.ApiException;
import org.springframework.http.HttpStatus;

/** A write based on a revision that is no longer the head of its branch: 409, naming the head. */
public class HeadMovedException extends ApiException {

    private final String head;

    public HeadMovedException(String parentCommit, String head) {
        this(Versions.MAIN, parentCommit, head);
    }

    /** The same on {@code branch}. */
    public HeadMovedException(String branch, String parentCommit, String head) {
        super(HttpStatus.CONFLICT, branch + " has moved: parentCommit " + parentCommit + " is not the head, "
                + (head == null ? "the repository has no commits" : head + " is"));
        this.head = head;
    }

    /** The current head, or null for a repository without commits. */
    public String head() {
        return head;
    }
}
