package io.modellibrary.blob;

/**
 * Whether the server is serving requests: the collector's background runs sleep between
 * slices of work only when it is, and run at full speed when the server is idle.
 */
public interface Foreground {

    /**
     * True when a request was in progress at any moment since {@code nanos}
     * (a {@link System#nanoTime()} reading).
     */
    boolean activeSince(long nanos);
}
