package io.modellibrary.database;

import io.modellibrary.common.OwnerOnly;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded database's file is locked by another process: a second server started on the same
 * data directory (an operator's easy mistake), or one started while a consistency check or
 * {@code migrate-blobs} runs there. H2 holds the lock for as long as the file is open
 * ({@code DataUtils.ERROR_FILE_LOCKED}, "The file is locked"), and answered only that, deep in a
 * stack trace; the {@link Analyzer} turns it into Spring Boot's "APPLICATION FAILED TO START"
 * report saying what runs and what to do (README, "The database, two ways").
 */
public class DataDirectoryInUseException extends IllegalStateException {

    private final transient Path file;

    /** @param file the database file, {@code <data-dir>/mongo.mv} */
    DataDirectoryInUseException(Path file, Throwable cause) {
        super("The embedded database " + file + " is in use by another process", cause);
        this.file = file;
    }

    /** The database file another process holds. */
    public Path file() {
        return file;
    }

    /** Spring Boot's failure report for it (registered in {@code META-INF/spring.factories}). */
    public static class Analyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
            Path dataDir = cause.file().toAbsolutePath().getParent();
            // where the first server listens: the data directory, or its own folder under /tmp (the same on every start)
            Path socket = socketOf(dataDir);
            String host = socket != null && Files.exists(socket) ? URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8)
                    : "<the socket the first server's log names, percent-encoded>";
            return new FailureAnalysis(
                    "The embedded database " + cause.file() + " is locked by another process: another Model Library server"
                            + " runs on the data directory " + dataDir + ", or a consistency check or migrate-blobs does.",
                    "Stop that process first, or give this server a data directory of its own"
                            + " (--modellibrary.data-dir). To run a second server beside the first, join its database"
                            + " instead, keeping this --modellibrary.data-dir: MONGODB_URI=mongodb://" + host + "/"
                            + DatabaseConfiguration.DATABASE + " JWT_SECRET_FILE=" + shellWord(dataDir.resolve("jwt-secret").toString())
                            + " (README, \"The database, two ways\").",
                    cause);
        }

        /**
         * {@code text} as one POSIX shell word, so that the printed line can be pasted: as it is when it holds
         * only letters, digits and {@code _ . / - + , @ % :}, else in single quotes (a quote inside as
         * {@code '\''}); a data directory such as {@code My Models} broke the pasted line (a newcomer's trial).
         */
        static String shellWord(String text) {
            return text.matches("[A-Za-z0-9_./+,@%:-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
        }

        private static Path socketOf(Path dataDir) {
            if (!OwnerOnly.POSIX) {
                return null; // a loopback TCP port, which only the first server's log names
            }
            try {
                return EmbeddedMongoServer.socketPath(dataDir);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
