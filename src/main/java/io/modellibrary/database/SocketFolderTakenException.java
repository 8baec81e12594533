package io.modellibrary.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.nio.file.Path;

/**
 * The folder under {@code /tmp} where the embedded database's socket goes when the data directory's
 * own path cannot hold it ({@code EmbeddedMongoServer.socketPath}) is not this server's own: another
 * local user made a folder or a symbolic link of that predictable name first, or something else
 * stands there. The server refuses to start rather than put its unauthenticated database socket where
 * someone else could reach, replace or take it over; the {@link Analyzer} says what stands in the way
 * and the ways out (README, "The database, two ways").
 */
public class SocketFolderTakenException extends IllegalStateException {

    private final transient Path folder;
    private final String what;

    /**
     * @param folder the folder, {@code /tmp/modellibrary-db-<uid>-<hash>}
     * @param what   what is wrong with it, e.g. {@code is a symbolic link}
     */
    SocketFolderTakenException(Path folder, String what) {
        super("The embedded database's socket folder " + folder + " " + what);
        this.folder = folder;
        this.what = what;
    }

    /** The folder that is not this server's. */
    public Path folder() {
        return folder;
    }

    /** Spring Boot's failure report for it (registered in {@code META-INF/spring.factories}). */
    public static class Analyzer extends AbstractFailureAnalyzer<SocketFolderTakenException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, SocketFolderTakenException cause) {
            return new FailureAnalysis(
                    "The embedded database's socket would go into " + cause.folder + ", but that " + cause.what
                            + ". The socket goes there, under the shared temporary directory, because the data directory's"
                            + " own path cannot hold it (capital letters, ':', characters outside printable ASCII or over "
                            + EmbeddedMongoServer.MAX_SOCKET_PATH_BYTES + " bytes with the socket's name); another local user may have taken this predictable name.",
                    "Remove " + cause.folder + " (its owner or root can) if nothing needs it, or give this server a data"
                            + " directory whose real path is lower-case ASCII without ':' and at most "
                            + EmbeddedMongoServer.MAX_DATA_DIRECTORY_CHARS + " characters"
                            + " (--modellibrary.data-dir; the socket then lives inside it), or set MONGODB_URI to a"
                            + " MongoDB of your own (README, \"The database, two ways\").",
                    cause);
        }
    }
}
