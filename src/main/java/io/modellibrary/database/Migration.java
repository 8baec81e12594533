package io.modellibrary.database;

import java.util.function.BooleanSupplier;

/**
 * One step of the start-up list that {@link Migrations} runs in order before the server
 * takes requests: a conversion of stored data, a change of indexes, a first load. Each is a
 * bean of the feature package whose data it touches, placed in the list by an
 * {@code @Order} value from {@link MigrationOrder}.
 *
 * <p>Done once per database: after {@link #run} the step is recorded under its
 * {@link #name} and skipped at every later start, so a name never changes and a changed
 * step (another index, say) is a new step with a new name. A step must be idempotent: a
 * start that dies after running it and before recording it runs it again. A step that does
 * not {@link #applies apply} now is neither run nor recorded, and is asked again at the
 * next start.
 */
public interface Migration {

    /** The name it is recorded under ({@code migrations._id}); never changes once released. */
    String name();

    /** Whether it has something to do on this database now (cheap); true unless a step says otherwise. */
    default boolean applies() {
        return true;
    }

    /** Does the work; an exception stops the start, and the step runs again at the next one. */
    void run();

    /** A step that always applies. */
    static Migration of(String name, Runnable run) {
        return of(name, () -> true, run);
    }

    /** A step that runs (and is recorded) only once {@code applies} says so. */
    static Migration of(String name, BooleanSupplier applies, Runnable run) {
        return new Migration() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean applies() {
                return applies.getAsBoolean();
            }

            @Override
            public void run() {
                run.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
