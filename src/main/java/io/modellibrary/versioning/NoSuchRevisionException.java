package io.modellibrary.versioning;

/**
 * A revision (branch, tag, commit id or prefix) that names nothing in the repository, or
 * more than one commit; the message names it. The web layer answers 404 with it, also on
 * the seed's endpoints (whose missing repositories answer 200 {@code no such item}), since
 * the repository itself was found.
 */
public class NoSuchRevisionException extends RuntimeException {

    /** @param message the revision and what is wrong with it, as the caller is told */
    public NoSuchRevisionException(String message) {
        super(message);
    }
}
