package io.modellibrary.content;

import io.modellibrary.blob.BlobCollector;
import org.springframework.stereotype.Service;

/**
 * The write path of uploads: {@link #open} a {@link StagedUpload}, stream each file into the
 * blob store through it (one pass, SHA-256 computed on the way), then commit them all at
 * once, or close it without committing. Limits: {@code modellibrary.files.*} ({@link FilesProperties}).
 */
@Service
public class Uploads {

    private final BlobCollector collector;
    private final FileCommits commits;
    private final FilesProperties limits;
    private final LfsObjects objects;

    Uploads(BlobCollector collector, FileCommits commits, FilesProperties limits, LfsObjects objects) {
        this.objects = objects;
        this.collector = collector;
        this.commits = commits;
        this.limits = limits;
    }

    /** A new upload, storing nothing yet; close it (try-with-resources) whether or not it commits. */
    public StagedUpload open() {
        return new StagedUpload(collector.writer(), commits, objects, limits.maxFileSize().toBytes());
    }

    /** The largest upload request, all its files together, in bytes ({@code modellibrary.files.max-request-size}). */
    public long maxRequestBytes() {
        return limits.maxRequestSize().toBytes();
    }
}
