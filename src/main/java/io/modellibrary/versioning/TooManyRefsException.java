package io.modellibrary.versioning;

/**
 * A branch or tag that cannot be created because the repository holds the most it may
 * ({@code main} aside); the message names that limit. The web layer answers 409 with it.
 */
public class TooManyRefsException extends RuntimeException {

    /** @param limit how many branches and tags a repository may hold besides {@code main} */
    public TooManyRefsException(int limit) {
        super("the repository has " + limit + " branches and tags; delete some first");
    }
}
