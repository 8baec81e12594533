package io.modellibrary.blob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One blob's multipart upload to its key (its sha256's, or a new pack's: {@link S3Packs#writeWhole}),
 * fed from its staging file: each {@code partSize} region is sent as soon as the file holds it ({@link #written}; while the body still arrives
 * when the store is told it as {@link HashingCopy.Progress}), at most {@value #IN_FLIGHT} parts
 * at once on the store's part threads; the feeding thread waits when that many are in flight.
 * The parts stream from the file (page cache), so no part is held in memory whatever the blob's
 * size: a 10 GiB upload runs at {@code -Xmx256m}.
 *
 * <p>Nothing is visible until {@link #complete}. {@link #abort} (any failure: the body cut, a
 * part failing, content not as announced, a duplicate) stops the parts not yet started, waits
 * for those running and aborts the upload; what an abort cannot reach (a crash, the store
 * unreachable) {@link S3BlobStore#abortIncompleteUploads} sweeps. Not thread-safe: one
 * request's thread drives it.
 */
final class S3PartUpload {

    /** Parts of one blob in flight at once (the store's part threads are shared by all uploads). */
    static final int IN_FLIGHT = 3;
    private static final Logger log = LoggerFactory.getLogger(S3PartUpload.class);

    private final S3Client client;
    private final ExecutorService threads;
    private final String bucket;
    private final String key;
    private final long partSize;
    private final List<Future<CompletedPart>> parts = new ArrayList<>();
    private String uploadId;
    private long sent;
    private volatile boolean aborted;
    /** True once {@link #complete} succeeded: the object is whole and an {@link #abort} leaves it be. */
    private boolean completed;
    /** No other upload ever writes to {@link #key} (a new pack's key): {@link #abort} may abort any upload there. */
    private final boolean ownKey;
    /** CreateMultipartUpload failed without an answer: the store may have begun the upload all the same. */
    private boolean unanswered;

    /** An upload to {@code key} in {@code bucket}, begun when its first part is sent. */
    S3PartUpload(S3Client client, ExecutorService threads, String bucket, String key, long partSize) {
        this(client, threads, bucket, key, partSize, false);
    }

    /**
     * As {@link #S3PartUpload(S3Client, ExecutorService, String, String, long)}; {@code ownKey}: no
     * other upload ever writes to {@code key} (a new pack's), so that {@link #abort} also aborts
     * an upload the store began for a CreateMultipartUpload whose answer was lost.
     */
    S3PartUpload(S3Client client, ExecutorService threads, String bucket, String key, long partSize, boolean ownKey) {
        this.client = client;
        this.threads = threads;
        this.bucket = bucket;
        this.key = key;
        this.partSize = partSize;
        this.ownKey = ownKey;
    }

    /** The object key the upload writes to. */
    String key() {
        return key;
    }

    /** True once a part was sent: the blob is larger than one part. */
    boolean started() {
        return uploadId != null;
    }

    /**
     * Sends every whole part of {@code file} that has a byte after it (so that the last part,
     * sent by {@link #finish}, is never empty); a blob of at most one part sends nothing here.
     *
     * @throws IOException when a part failed
     */
    void written(Path file, long bytes) throws IOException {
        while (bytes - sent > partSize) {
            send(file, sent, partSize);
        }
    }

    /** Sends the last part of the {@code size}-byte file and waits for all parts; no-op if none was sent. */
    void finish(Path file, long size) throws IOException {
        if (!started()) {
            return;
        }
        send(file, sent, size - sent);
        for (Future<CompletedPart> part : parts) {
            await(part, key);
        }
    }

    /** Makes the object whole and visible at {@link #key}: CompleteMultipartUpload. */
    void complete() throws IOException {
        List<CompletedPart> done = new ArrayList<>();
        for (Future<CompletedPart> part : parts) {
            done.add(await(part, key));
        }
        try {
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        } catch (SdkException e) {
            throw new IOException("cannot complete the upload of " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
        completed = true;
    }

    /**
     * Stops and aborts the upload, quietly (a failure is logged; the sweep removes what is left);
     * nothing once {@link #complete} succeeded (the object is whole, whoever owns it deletes it).
     * A thread interrupted (a shutdown stopping the request whose body this was) still aborts:
     * its flag is cleared meanwhile (see {@link S3BlobStore#abortQuietly}) and set again after.
     */
    void abort() {
        if (completed) {
            return;
        }
        aborted = true; // parts not yet started end at once
        boolean interrupted = Thread.interrupted();
        try {
            for (Future<CompletedPart> part : parts) {
                awaitQuietly(part);
            }
            if (uploadId != null) {
                S3BlobStore.abortQuietly(client, bucket, key, uploadId);
            } else if (unanswered && ownKey) {
                abortAllAtKey();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void send(Path file, long offset, long length) throws IOException {
        if (uploadId == null) {
            try {
                uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("application/octet-stream")).uploadId();
            } catch (SdkException e) {
                unanswered = true; // a request cut after it was sent (an interrupt, a timeout) may have begun one
                throw new IOException("cannot start an upload in bucket " + bucket + ": " + e.getMessage(), e);
            }
        }
        if (parts.size() >= IN_FLIGHT) {
            await(parts.get(parts.size() - IN_FLIGHT), key); // back-pressure: the reader waits for the oldest part in flight
        }
        int number = parts.size() + 1;
        parts.add(threads.submit(() -> uploadPart(file, number, offset, length)));
        sent = offset + length;
    }

    private CompletedPart uploadPart(Path file, int number, long offset, long length) {
        if (aborted) {
            throw new CancellationException("upload of " + key + " aborted");
        }
        String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength(length),
                RequestBody.fromContentProvider(new Slices(file, offset, length), length, "application/octet-stream")).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** Aborts every multipart upload at {@link #key} (only for a key no other upload uses), quietly. */
    private void abortAllAtKey() {
        try {
            client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key)).uploads().stream()
                    .filter(u -> key.equals(u.key()))
                    .forEach(u -> S3BlobStore.abortQuietly(client, bucket, key, u.uploadId()));
        } catch (SdkException e) {
            log.warn("Cannot list the multipart uploads of {}; abortIncompleteUploads removes them later", key, e);
        }
    }

    /** The part's result; its failure as an IOException. */
    static CompletedPart await(Future<CompletedPart> part, String key) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload of " + key + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot store a part of " + key + ": " + cause.getMessage(), cause);
        }
    }

    /** Waits up to a minute for a part to end, whatever its outcome. */
    private void awaitQuietly(Future<CompletedPart> part) {
        try {
            part.get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // the upload is being aborted; this part's failure is no news
        } catch (TimeoutException e) {
            log.warn("A part of {} is still being sent while its upload is aborted", key);
        }
    }

    /**
     * Byte ranges of files, one after the other, as a request body (a part: one range of the
     * staged file; a pack: whole staged files): new {@link FileSlice}s for each (re)try, opened
     * one at a time, the previous stream closed.
     */
    static final class Slices implements ContentStreamProvider {
        private final List<Slice> slices;
        private InputStream current;

        Slices(Path file, long offset, long length) {
            this(List.of(new Slice(file, offset, length)));
        }

        Slices(List<Slice> slices) {
            this.slices = List.copyOf(slices);
        }

        /** Bytes {@code [offset, offset + length)} of {@code file}. */
        record Slice(Path file, long offset, long length) {
        }

        @Override
        public InputStream newStream() {
            try {
                if (current != null) {
                    current.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            java.util.Iterator<Slice> next = slices.iterator();
            current = new java.io.SequenceInputStream(new java.util.Enumeration<>() {
                @Override
                public boolean hasMoreElements() {
                    return next.hasNext();
                }

                @Override
                public InputStream nextElement() {
                    Slice slice = next.next();
                    try {
                        return new FileSlice(slice.file(), slice.offset(), slice.length());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            return current;
        }
    }
}
