package io.modellibrary.common;

import java.io.IOException;
import java.util.Locale;

/**
 * Recognises a write that failed because the data directory's file system is full: the
 * kernel's {@code ENOSPC} ("No space left on device") or {@code EDQUOT} ("Disk quota
 * exceeded"), as the JDK reports them in the message of the {@link IOException} thrown by
 * {@code FileChannel.write}, {@code Files.move} or {@code Files.createDirectories}
 * ({@link java.nio.file.FileSystemException#getReason()} is part of the message), anywhere in
 * a cause chain (the embedded database wraps its own). The faces answer it with 507
 * Insufficient Storage (RFC 4918 §11.5) in their own error form: the request is fine, the
 * server cannot store it now; nothing of it is kept.
 */
public final class StorageFull {

    /** The answer's message. */
    public static final String MESSAGE = "the server's storage is full: nothing of this request was stored; try again later";

    private static final String[] REASONS = {"no space left on device", "disk quota exceeded", "enospc", "edquot"};

    private StorageFull() {
    }

    /** True when {@code e} or one of its causes ({@link Causes}) is an {@link IOException} saying the disk is full. */
    public static boolean causedBy(Throwable e) {
        return Causes.find(e, StorageFull::saysFull).isPresent();
    }

    private static boolean saysFull(Throwable t) {
        if (t instanceof IOException || t.getClass().getName().contains("MVStoreException")
                || t instanceof java.io.UncheckedIOException) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            for (String reason : REASONS) {
                if (message.contains(reason)) {
                    return true;
                }
            }
        }
        return false;
    }
}
