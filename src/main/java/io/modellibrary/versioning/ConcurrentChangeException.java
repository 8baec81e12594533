package io.modellibrary.versioning;

/**
 * A commit that lost the race for the head of its branch too many times in a row (other
 * writers kept moving it): nothing of it was kept, and the same write may be tried again.
 * The web layer answers 409 with the message.
 */
public class ConcurrentChangeException extends RuntimeException {

    private final int attempts;

    /** @param attempts how many times the commit was built and lost the race */
    public ConcurrentChangeException(int attempts) {
        super("the repository is changing too fast; try again");
        this.attempts = attempts;
    }

    /** How many times the commit was built and lost the race. */
    public int attempts() {
        return attempts;
    }
}
