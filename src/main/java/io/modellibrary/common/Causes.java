package io.modellibrary.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks an exception's cause chain ({@link Throwable#getCause()}), the one place that does: a
 * chain is followed at most {@value #MAX_DEPTH} links deep and stops at the first throwable seen
 * before, so a cycle built with {@code initCause} (or a driver's exception that names itself)
 * ends the walk instead of looping. Used wherever a failure is recognised by what it wraps: the
 * faces' exception handlers ({@link TransientRefusal}), {@link StorageFull}, {@link SendAgainException},
 * {@link Outage}, the body-read valve's stalled read, the blob collector's interrupt and the blob
 * store settings' failure report.
 */
public final class Causes {

    /** The most links followed: deeper chains are cut there (none in this code base comes near). */
    public static final int MAX_DEPTH = 32;

    private Causes() {
    }

    /**
     * {@code e} and its causes in order, {@code e} first: at most {@value #MAX_DEPTH}, each once.
     *
     * @param e the outermost throwable; null gives an empty list
     */
    public static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && chain.size() < MAX_DEPTH && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The first throwable of {@link #chain} that is a {@code type}, or empty. */
    public static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        return find(e, type::isInstance).map(type::cast);
    }

    /** The first throwable of {@link #chain} that passes {@code test}, or empty. */
    public static Optional<Throwable> find(Throwable e, Predicate<Throwable> test) {
        return chain(e).stream().filter(test).findFirst();
    }
}
