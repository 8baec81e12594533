package io.modellibrary.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders of the data directory readable by the server's own user only: folders
 * {@code rwx------} (0700), files {@code rw-------} (0600). The data directory holds the
 * embedded database (password hashes, private repositories), the JWT signing secret and
 * every blob, so no other local user may read it or reach the database socket in it.
 * On a file system without POSIX permissions (Windows) these are no-ops.
 */
public final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);

    /** Whether the default file system has POSIX permissions at all. */
    public static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /**
     * Creates a folder and its missing parents as 0700 (the process's umask can only remove
     * bits, never add group or other ones).
     *
     * @return the folder
     * @throws UncheckedIOException when it cannot be created
     */
    public static Path folders(Path folder) {
        try {
            return POSIX ? Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER))
                    : Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    /**
     * The data directory: created 0700 when missing; an existing one that group or others
     * may enter (made by an earlier version, or by hand) is narrowed to 0700 with a WARN.
     *
     * @throws UncheckedIOException when it cannot be created or its permissions changed
     */
    public static Path dataDirectory(Path dir) {
        folders(dir);
        if (!POSIX) {
            return dir;
        }
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
            if (!FOLDER.containsAll(now) || !now.containsAll(FOLDER)) {
                Files.setPosixFilePermissions(dir, FOLDER);
                log.warn("Data directory {} was {}; now rwx------ so that only this user can read the database, secret and blobs",
                        dir.toAbsolutePath(), PosixFilePermissions.toString(now));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of " + dir, e);
        }
    }

    /**
     * Makes an existing file 0600; creates it empty with 0600 when missing.
     *
     * @throws UncheckedIOException when it cannot be created or changed
     */
    public static Path file(Path file) {
        if (!POSIX) {
            return file;
        }
        try {
            if (Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.setPosixFilePermissions(file, FILE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of " + file, e);
        }
    }

    /** The attribute that creates a file as 0600, for {@code FileChannel.open} and {@code Files.createFile}; none without POSIX. */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }
}
