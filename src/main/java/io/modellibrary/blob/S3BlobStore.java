package io.modellibrary.blob;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Blobs as objects of an S3-compatible object store (AWS S3, MinIO, Ceph RGW, R2), at
 * {@code <prefix>/<sha256[0:2]>/<sha256>} in one bucket, through the AWS SDK for Java v2.
 *
 * <p>{@link #stage} writes and hashes into a local temporary file (through a
 * {@link DiskBlobStore} over {@code <data-dir>/s3-staging}, whose leftovers are removed at
 * start-up, never forced to the disk); {@link #publish} uploads it under the key derived from
 * its sha256: one PUT up to {@code partSize} bytes, else a multipart upload of {@code partSize}
 * parts streamed from the file, {@value S3PartUpload#IN_FLIGHT} at a time ({@link S3PartUpload};
 * no part is held in memory). Content whose sha256 the client announced (Git LFS,
 * {@link #stage(InputStream, long, String)}) goes to its key while it arrives, each part as
 * soon as the file holds it, so that the body and the upload overlap instead of adding up; it
 * is completed by {@link #publish}, or aborted when the body is not what was announced. With a
 * {@link PackIndex}, content of unknown hash larger than one part (the seed API's upload, the
 * Hub's regular files) is sent the same way to a new key under {@code packs/} and published as
 * a pack of one ({@link #stage(InputStream, long)}, {@link S3Packs#writeWhole}). Nothing
 * is visible under a blob's key before it is whole: S3 makes an object visible only once its
 * PUT, or the CompleteMultipartUpload of a multipart upload, has succeeded ("Amazon S3 never
 * adds partial objects": the S3 User Guide, "Uploading and copying objects using multipart
 * upload" and "Amazon S3 data consistency model"). Any failure (the body cut, a part failing)
 * aborts the multipart upload, and {@link #abortIncompleteUploads} removes those an abort could
 * not reach (a crash, the store unreachable). An object already stored is not stored twice:
 * one HEAD before publishing, and an upload sent while its body arrived is aborted if the
 * object turns out to be stored already.
 *
 * <p>{@link #size}, {@link #ageMillis}, {@link #delete} and {@link #publish} always ask the
 * store (HEAD): the upload/collector protocol re-checks a blob with {@code size} after leasing
 * it ({@link BlobWriter}, {@link PendingObjects}), which must see a deletion by another node.
 * {@link #exists} alone remembers the blobs it found for {@value #CACHE_SECONDS} s (at most
 * {@value #CACHE_ENTRIES}; a blob missing is never remembered, one deleted here is forgotten):
 * a blob another node deletes may look present there that long, so it serves reads, not
 * decisions to keep or skip a blob. There is no local file ({@link #localFile} is empty):
 * downloads, previews and git blob ids read through {@link #open} (a ranged GET), or, with a
 * presigner, a download is sent to a presigned GET URL of the object ({@link #presignedDownload},
 * valid for {@link #PRESIGNED_TTL}).
 *
 * <p>With a {@link PackIndex} (the server's store), the small blobs of a batch (at most
 * {@value S3Packs#PACKED_MAX} bytes each, two or more not stored yet) are uploaded as one object,
 * a pack ({@link S3Packs}), and the index says where each is: {@link #size}, {@link #open} (a
 * ranged GET of the pack), {@link #ageMillis} and {@link #delete} look there first (one lookup
 * by {@code _id}), then at the blob's own key. A blob sharing its pack has no presigned download
 * (a presigned URL cannot name a range of an object): it streams through the server; a pack of
 * one is presigned whole.
 *
 * <p>Requests carry checksums only when the operation requires them
 * ({@code WHEN_REQUIRED}), which S3-compatible servers without the newer flexible checksums
 * accept.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    static final int CACHE_SECONDS = 60;
    /**
     * How long a presigned download URL is valid. S3 checks it when a request starts, not while
     * the bytes flow, so a long download outlives it; a client resuming later asks this server
     * again and gets a new one (the Hub's CDN URLs last about as long).
     */
    public static final Duration PRESIGNED_TTL = Duration.ofMinutes(15);
    static final int CACHE_ENTRIES = 100_000;
    /** Smallest part S3 accepts, but for the last (bytes). */
    static final long MIN_PART_SIZE = 5L << 20;
    static final int PART_THREADS = 4;
    /**
     * Small blobs sent at once: each is a HEAD and a PUT, two round trips that wait on the store,
     * not on this server's cores (20,000 files: 40,000 round trips). On S3Proxy sharing two cores
     * with the server the figure stays at 0.18× the disk store ({@code bench/s3.sh}, "small files",
     * CPU-bound there); docs/decisions.md, T26. With a {@link PackIndex}, blobs of at most
     * {@value S3Packs#PACKED_MAX} bytes are packed instead (T27), and these threads send only
     * their HEADs.
     */
    static final int SMALL_THREADS = 8;
    /** Attempts at aborting a multipart upload while a shutdown interrupts the thread ({@link #abortQuietly}). */
    static final int ABORT_ATTEMPTS = 3;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final long partSize;
    private final DiskBlobStore staging;
    /** Small blobs of a batch as one object; null: every blob is its own object. */
    private final S3Packs packs;
    /** Blobs sent while they arrived, by the name of their (deleted) temporary file, until published or discarded. */
    private final Map<Path, Sent> sent = new ConcurrentHashMap<>();
    /** Sends the parts of every upload, {@value #PART_THREADS} at once in all (each blob at most {@value S3PartUpload#IN_FLIGHT}). */
    private final ExecutorService partThreads;
    /** Sends the blobs of one part or less of a batch, {@value #SMALL_THREADS} at once in all. */
    private final ExecutorService smallThreads;
    /** sha256 → size in bytes of blobs found stored; see the class comment for the bound. */
    private final Cache<String, Long> found = Caffeine.newBuilder().maximumSize(CACHE_ENTRIES)
            .expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)).build();

    /**
     * A store in {@code bucket} (created when missing) under {@code prefix}, staging in
     * {@code stagingDir}.
     *
     * @param partSize bytes per part of a multipart upload, at least 5 MiB
     */
    public S3BlobStore(S3Client client, String bucket, String prefix, long partSize, Path stagingDir) {
        this(client, null, bucket, prefix, partSize, stagingDir);
    }

    /**
     * As {@link #S3BlobStore(S3Client, String, String, long, Path)}, handing out presigned
     * download URLs made by {@code presigner} (null: none, downloads stream through the server).
     */
    public S3BlobStore(S3Client client, S3Presigner presigner, String bucket, String prefix, long partSize, Path stagingDir) {
        this(client, presigner, bucket, prefix, partSize, stagingDir, null);
    }

    /**
     * As {@link #S3BlobStore(S3Client, S3Presigner, String, String, long, Path)}, packing the
     * small blobs of a batch into one object each ({@link S3Packs}) and recording where they are
     * in {@code packs} (null: no packing; blobs packed by other servers are not seen then).
     */
    public S3BlobStore(S3Client client, S3Presigner presigner, String bucket, String prefix, long partSize, Path stagingDir,
                       PackIndex packs) {
        if (bucket == null || bucket.isBlank()) {
            throw new BlobStoreSettingsException("modellibrary.blobs.store is s3, but no bucket is set (modellibrary.blobs.s3.bucket is empty).",
                    "Set the bucket: MODELLIBRARY_BLOBS_S3_BUCKET=<bucket> (--modellibrary.blobs.s3.bucket), with"
                            + " MODELLIBRARY_BLOBS_S3_ENDPOINT, _ACCESS_KEY and _SECRET_KEY for a store other than AWS S3"
                            + " (README, \"Running at scale\"); or MODELLIBRARY_BLOBS_STORE=disk.", null);
        }
        if (partSize < MIN_PART_SIZE) {
            throw new BlobStoreSettingsException("modellibrary.blobs.s3.part-size is " + partSize + " bytes: S3 requires at least 5MB per part.",
                    "Set MODELLIBRARY_BLOBS_S3_PART_SIZE (--modellibrary.blobs.s3.part-size) to 5MB or more, or leave it unset (16MB).", null);
        }
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = normalize(prefix);
        this.partSize = partSize;
        this.staging = new DiskBlobStore(stagingDir, new HashingCopy(DiskBlobStore::sha256, java.nio.channels.FileChannel::write, false));
        this.packs = packs == null ? null : new S3Packs(client, bucket, this.prefix, packs);
        this.partThreads = threads("s3-part", PART_THREADS);
        this.smallThreads = threads("s3-small", SMALL_THREADS);
        try {
            createBucketIfMissing();
        } catch (RuntimeException e) { // the SDK's message names neither the bucket nor the settings to look at
            String endpoint = client.serviceClientConfiguration().endpointOverride().map(Object::toString)
                    .orElse("AWS S3 in " + client.serviceClientConfiguration().region().id());
            throw new BlobStoreSettingsException("cannot reach or create the bucket " + bucket + " at " + endpoint + ": "
                    + (e instanceof S3Exception s3 ? "S3 answered " + s3.statusCode() + answered(s3) : e.getMessage()),
                    "Check the S3 settings (modellibrary.blobs.s3.bucket, .endpoint, .region, .path-style, .access-key, .secret-key;"
                            + " as environment variables MODELLIBRARY_BLOBS_S3_BUCKET, _ENDPOINT, _REGION, _PATH_STYLE, _ACCESS_KEY,"
                            + " _SECRET_KEY): 403 says the keys are wrong or may not use the bucket, a refused or timed-out"
                            + " connection that the endpoint is wrong or the S3 service is not running (README, \"Running at scale\").", e);
        }
    }

    /** S3's error code and message after a space, as far as its answer gave them (a HEAD's has no body: nothing). */
    private static String answered(S3Exception e) {
        var details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String message = details == null ? null : details.errorMessage();
        return (code == null ? "" : " " + code) + (message == null ? "" : " (" + message + ")");
    }

    /** {@code size} daemon threads named {@code <name>-N}, gone after 30 s idle. */
    private static ExecutorService threads(String name, int size) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The S3 client the properties describe (the caller closes it, or the store does). */
    public static S3Client client(S3Properties properties) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(64))
                .credentialsProvider(credentials(properties));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    /** A presigner for the store the properties describe (same endpoint, region, addressing and credentials). */
    public static S3Presigner presigner(S3Properties properties) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Properties properties) {
        if (properties.accessKey() == null || properties.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
    }

    private static String normalize(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private void createBucketIfMissing() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            String region = client.serviceClientConfiguration().region().id();
            client.createBucket(b -> {
                b.bucket(bucket);
                if (!"us-east-1".equals(region)) {
                    b.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(region).build());
                }
            });
            log.info("Created bucket {}", bucket);
        }
    }

    /**
     * One HEAD of the bucket: returns when S3 answers that it exists and these keys may use it;
     * throws the SDK's exception otherwise ({@code SdkClientException} when S3 cannot be reached,
     * {@code S3Exception} with its status for an answer). For the health check ({@link BlobStoreHealth}).
     */
    public void ping() {
        client.headBucket(b -> b.bucket(bucket));
    }

    /** The object key of a blob: {@code <prefix>/<sha256[0:2]>/<sha256>}. */
    String key(String sha256) {
        checked(sha256);
        String key = sha256.substring(0, 2) + "/" + sha256;
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    /** The argument, if it is 64 lowercase hex digits; else IllegalArgumentException. */
    private static String checked(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return sha256;
    }

    /**
     * A blob's multipart upload whose parts were all sent while its body arrived, awaiting
     * {@link #publish} or {@link #discard}.
     *
     * @param packOfOne true: the upload is to a new pack key ({@link S3Packs#writeWhole}); false:
     *                  to the key of the sha256 the client announced
     */
    private record Sent(S3PartUpload upload, boolean packOfOne) {
    }

    /**
     * Writes and hashes into a local temporary file. With a {@link PackIndex}, a blob larger than
     * one part is also sent while it arrives, as a multipart upload to a new pack key
     * ({@link S3Packs#newKey}; its sha256, hence its own key, is known only at the end), each
     * part as soon as the file holds it; the file is deleted once all are sent, and
     * {@link #publish} completes the upload as a pack of one ({@link S3Packs#writeWhole}), or
     * aborts it when the blob is stored already. On any failure the upload is aborted and the
     * file deleted. Without a pack index, or at most one part, the file waits for
     * {@link #publish}.
     */
    @Override
    public Staged stage(InputStream in, long maxSize) throws IOException {
        if (packs == null) {
            return staging.stage(in, maxSize);
        }
        S3PartUpload upload = new S3PartUpload(client, partThreads, bucket, packs.newKey(), partSize, true);
        Staged staged = sendWhileArriving(in, maxSize, upload);
        if (upload.started()) {
            sent.put(staged.temp(), new Sent(upload, true)); // the deleted file's name is the handle publish and discard find it by
        }
        return staged;
    }

    /**
     * Stages {@code in} while {@code upload} sends each part as soon as the temporary file holds
     * it; when a part was sent (the blob is larger than one), sends the last part, waits for all
     * and deletes the file. The upload is aborted on any failure.
     */
    private Staged sendWhileArriving(InputStream in, long maxSize, S3PartUpload upload) throws IOException {
        try {
            Staged staged = staging.stage(in, maxSize, upload::written);
            if (upload.started()) {
                try {
                    upload.finish(staged.temp(), staged.size());
                } finally {
                    Files.deleteIfExists(staged.temp());
                }
            }
            return staged;
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    /**
     * Writes and hashes into a local temporary file and, for a blob larger than one part, sends
     * its parts to a multipart upload under the announced sha256's key while it arrives
     * ({@link S3PartUpload}); the file is deleted once they are sent. Content that is not what
     * was announced, or is stored already, has its upload aborted (the result then says so:
     * another hash, or {@code temp} null). On any failure the upload is aborted and the file
     * deleted.
     */
    @Override
    public Staged stage(InputStream in, long maxSize, String expectedSha256) throws IOException {
        S3PartUpload upload = new S3PartUpload(client, partThreads, bucket, key(expectedSha256), partSize);
        Staged staged = sendWhileArriving(in, maxSize, upload);
        if (!upload.started()) {
            return staged;
        }
        try {
            if (!staged.sha256().equals(expectedSha256) || stored(staged.sha256())) {
                upload.abort();
                return staged.sha256().equals(expectedSha256) ? new Staged(staged.sha256(), staged.size(), null) : staged;
            }
        } catch (RuntimeException e) {
            upload.abort();
            throw e;
        }
        sent.put(staged.temp(), new Sent(upload, false));
        return staged;
    }

    /**
     * Makes the staged blobs visible, each once whole: a blob of at most one part is uploaded
     * from its temporary file in one PUT (those of a batch of several, {@value #SMALL_THREADS} at
     * once), a larger one in parts of {@code partSize} streamed from the file,
     * {@value S3PartUpload#IN_FLIGHT} at once, and one sent while it arrived is completed; one
     * already stored just drops its temporary file or aborts its upload. On failure the blobs
     * published meanwhile stay (they are whole, and listed for the collector by the writer), the
     * rest are not visible, and no upload is still running when the failure is thrown.
     */
    @Override
    public void publish(List<Staged> batch) throws IOException {
        List<Staged> small = new ArrayList<>();
        List<Staged> packable = new ArrayList<>();
        for (Staged s : batch) {
            if (s.temp() == null) {
                continue;
            }
            Sent upload = sent.remove(s.temp());
            if (upload != null) {
                publishSent(s, upload);
                found.put(s.sha256(), s.size());
            } else if (packs != null && s.size() <= S3Packs.PACKED_MAX && batch.size() > 1) {
                packable.add(s);
            } else if (s.size() <= partSize && batch.size() > 1) {
                small.add(s);
            } else {
                publishStaged(s);
            }
        }
        publishAll(small, this::publishStaged);
        publishPacked(packable);
    }

    /** Uploads one staged blob unless it is stored already, then drops its temporary file. */
    private void publishStaged(Staged s) throws IOException {
        if (!stored(s.sha256())) {
            upload(s);
        }
        dropStaged(s);
    }

    private void dropStaged(Staged s) throws IOException {
        Files.deleteIfExists(s.temp());
        found.put(s.sha256(), s.size());
    }

    /**
     * Packs the small blobs of a batch that are not stored yet into one object; a single one is
     * uploaded alone. Their temporary files are dropped once they are readable. Only the blobs
     * some repository uses are stored already: those are looked for in the pack index, and one
     * not packed there is probably an object of its own, which a HEAD tells
     * ({@value #SMALL_THREADS} at once). The others are new, and asked about no further: a HEAD
     * per small file kept 20,000 files at 0.19× the disk store's rate on S3Proxy
     * (docs/decisions.md, T27), and looking every one of them up in the pack index as well cost
     * 50–85 ms of each 1,000-file batch's 350 ms, growing with the index (bench/s3.sh, "small
     * files"). A new blob another upload packed meanwhile is packed a second time, and the
     * index keeps its first place ({@link PackIndex#record}).
     */
    private void publishPacked(List<Staged> blobs) throws IOException {
        if (blobs.isEmpty()) {
            return;
        }
        java.util.Set<String> used = packs.used(blobs.stream().map(Staged::sha256).toList());
        Map<String, PackIndex.Location> packed = used.isEmpty() ? Map.of() : packs.locateAll(used);
        List<Staged> missing = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Staged> unpacked = blobs.stream().filter(s -> !packed.containsKey(s.sha256())).toList();
        unpacked.stream().filter(s -> !used.contains(s.sha256())).forEach(missing::add);
        publishAll(unpacked.stream().filter(s -> used.contains(s.sha256())).toList(), s -> {
            if (head(s.sha256()) == null) {
                missing.add(s);
            }
        });
        if (missing.size() == 1) {
            upload(missing.get(0));
        } else if (missing.size() > 1) {
            packs.write(missing);
        }
        for (Staged s : blobs) {
            dropStaged(s);
        }
    }

    /** True when the blob is stored, packed or as an object of its own (a lookup, then a HEAD; never cached). */
    private boolean stored(String sha256) {
        return packed(sha256).isPresent() || head(sha256) != null;
    }

    /** Where the blob is packed; empty when it is not, or this store does not pack. */
    private Optional<PackIndex.Location> packed(String sha256) {
        return packs == null ? Optional.empty() : packs.locate(checked(sha256));
    }

    /** A step of publishing one staged blob. */
    @FunctionalInterface
    private interface Step {
        void run(Staged staged) throws IOException;
    }

    /**
     * {@code step} for each blob, {@value #SMALL_THREADS} at once. Returns only once
     * every upload it began has ended, so that nothing becomes visible after a failure has been
     * reported (the writer then discards the batch); the first failure is thrown, an
     * interruption stops the uploads not yet begun.
     */
    private void publishAll(List<Staged> blobs, Step step) throws IOException {
        List<Future<?>> uploads = new ArrayList<>(blobs.size());
        for (Staged s : blobs) {
            uploads.add(smallThreads.submit(() -> {
                step.run(s);
                return null;
            }));
        }
        IOException failure = null;
        boolean interrupted = false;
        for (Future<?> upload : uploads) {
            while (true) {
                try {
                    upload.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    uploads.forEach(u -> u.cancel(false));
                    failure = failure != null ? failure : new java.io.InterruptedIOException("publishing blobs interrupted");
                } catch (java.util.concurrent.CancellationException e) {
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof IOException io ? io
                                : e.getCause() instanceof RuntimeException re ? new IOException(re.getMessage(), re) : new IOException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void upload(Staged s) throws IOException {
        String key = key(s.sha256());
        if (s.size() > partSize) {
            publishSent(s, new Sent(sendParts(s, key), false));
            return;
        }
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentLength(s.size()),
                    RequestBody.fromContentProvider(new S3PartUpload.Slices(s.temp(), 0, s.size()), s.size(), "application/octet-stream"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SdkException e) {
            throw new IOException("cannot store blob " + s.sha256() + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    /** All parts of a staged file sent to a multipart upload at {@code key}, not yet completed; aborted on failure. */
    private S3PartUpload sendParts(Staged s, String key) throws IOException {
        S3PartUpload upload = new S3PartUpload(client, partThreads, bucket, key, partSize);
        try {
            upload.written(s.temp(), s.size());
            upload.finish(s.temp(), s.size());
            return upload;
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    /**
     * Completes an upload whose parts are all sent, to the blob's key or as a pack of one
     * ({@link S3Packs#writeWhole}); aborted instead when the blob is stored already, and on
     * failure.
     *
     * <p>Why a blob of unknown hash (the seed API's upload) goes to a pack of one rather than to
     * a temporary key copied to its own afterwards: measured on S3Proxy's filesystem backend
     * (bench/s3.sh's server), 2 cores at a load average of 17–23, 512 MiB, that design took 18.0,
     * 13.1, 9.7 and 17.6 s against 13.3, 8.0, 7.8 and 13.5 s for staging whole before sending
     * (alternating rounds on one S3 server), the CopyObject alone 1.8–6.1 s: on a busy machine
     * the overlap saved less than the copy cost. The pack index maps a sha256 to any object,
     * so a pack of one needs no copy (docs/decisions.md, T30).
     */
    private void publishSent(Staged s, Sent sent) throws IOException {
        boolean completed = false;
        try {
            if (!stored(s.sha256())) {
                if (sent.packOfOne()) {
                    packs.writeWhole(s.sha256(), s.size(), sent.upload());
                } else {
                    sent.upload().complete();
                }
                completed = true;
            }
        } finally {
            if (!completed) {
                sent.upload().abort();
            }
        }
    }

    /**
     * Aborts a multipart upload, logging a failure (the sweep of {@link #abortIncompleteUploads}
     * removes it later). The SDK gives a request up on an interrupted thread, and a shutdown
     * interrupts the requests it stops, maybe more than once: the flag is cleared for each of up
     * to {@value #ABORT_ATTEMPTS} attempts cut that way, and set again after.
     */
    static void abortQuietly(S3Client client, String bucket, String key, String uploadId) {
        boolean interrupted = false;
        try {
            for (int attempt = 1; ; attempt++) {
                interrupted |= Thread.interrupted();
                try {
                    client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                    return;
                } catch (software.amazon.awssdk.core.exception.AbortedException e) {
                    if (attempt < ABORT_ATTEMPTS) {
                        continue;
                    }
                    log.warn("Cannot abort the multipart upload {} of {}; abortIncompleteUploads removes it later", uploadId, key, e);
                    return;
                } catch (SdkException e) {
                    log.warn("Cannot abort the multipart upload {} of {}; abortIncompleteUploads removes it later", uploadId, key, e);
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Aborts the multipart uploads under the prefix begun more than {@code olderThan} ago:
     * those a crash or an unreachable store left (an upload still running on another node is
     * younger than any sensible bound). Answers how many were aborted.
     */
    public int abortIncompleteUploads(Duration olderThan) {
        Instant before = Instant.now().minus(olderThan);
        int aborted = 0;
        String keyPrefix = prefix.isEmpty() ? null : prefix + "/";
        for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(keyPrefix)).uploads()) {
            if (upload.initiated() == null || upload.initiated().isBefore(before) || olderThan.isZero()) {
                abortQuietly(client, bucket, upload.key(), upload.uploadId());
                aborted++;
            }
        }
        return aborted;
    }

    /** Drops a staged blob: aborts its upload if it was sent while it arrived, deletes its temporary file. */
    @Override
    public void discard(Staged staged) {
        Sent upload = staged.temp() == null ? null : sent.remove(staged.temp());
        if (upload != null) {
            upload.upload().abort();
        }
        staging.discard(staged);
    }

    /** True when the blob is stored, or was found stored less than {@value #CACHE_SECONDS} s ago (see the class comment). */
    @Override
    public boolean exists(String sha256) {
        return found.getIfPresent(checked(sha256)) != null || size(sha256) >= 0;
    }

    /** The blob's size in bytes from a HEAD (never cached: see the class comment), or -1 when it is not stored. */
    @Override
    public long size(String sha256) {
        Optional<PackIndex.Location> packed = packed(sha256);
        if (packed.isPresent()) {
            found.put(sha256, packed.get().size());
            return packed.get().size();
        }
        HeadObjectResponse head = head(sha256);
        if (head == null) {
            found.invalidate(sha256);
            return -1;
        }
        found.put(sha256, head.contentLength());
        return head.contentLength();
    }

    /** The object's metadata, or null when there is none. */
    private HeadObjectResponse head(String sha256) {
        String key = key(sha256);
        try {
            return client.headObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** A ranged GET of the object; see {@link BlobStore#open}. */
    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        String key = key(sha256);
        Optional<PackIndex.Location> packed = packed(sha256);
        if (packed.isPresent()) {
            return packs.open(sha256, packed.get(), offset, length);
        }
        if (length == 0) {
            if (!exists(sha256)) {
                throw new NoSuchFileException(key);
            }
            return InputStream.nullInputStream();
        }
        try {
            return client.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // offset at or past the end
            }
            throw new IOException("cannot read blob " + sha256 + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        found.invalidate(sha256);
        String key = key(sha256);
        Optional<PackIndex.Location> packed = packed(sha256);
        if (packed.isPresent()) {
            packs.remove(sha256, packed.get());
        }
        try {
            boolean there = head(sha256) != null || packed.isPresent();
            client.deleteObject(b -> b.bucket(bucket).key(key));
            return there;
        } catch (SdkException e) {
            throw new IOException("cannot delete blob " + sha256 + ": " + e.getMessage(), e);
        }
    }

    /** Age in ms from the object's LastModified, or -1 when it is not stored. */
    @Override
    public long ageMillis(String sha256) {
        Optional<PackIndex.Location> packed = packed(sha256);
        if (packed.isPresent()) {
            return packs.ageMillis(packed.get());
        }
        HeadObjectResponse head = head(sha256);
        return head == null || head.lastModified() == null ? -1 : System.currentTimeMillis() - head.lastModified().toEpochMilli();
    }

    /**
     * A presigned GET of the blob's object valid for {@link #PRESIGNED_TTL}, answering with the
     * given {@code Content-Disposition} ({@code response-content-disposition}) and
     * {@code Content-Type: application/octet-stream}: its own key, or the pack of one that holds
     * it whole. Empty without a presigner, and for a blob sharing its pack with others.
     */
    @Override
    public Optional<URI> presignedDownload(String sha256, String contentDisposition) {
        if (presigner == null) {
            return Optional.empty();
        }
        Optional<PackIndex.Location> packed = packed(sha256);
        if (packed.isPresent() && !packed.get().whole()) {
            return Optional.empty(); // a presigned URL names a whole object, not a blob's range of a pack
        }
        String key = packed.map(PackIndex.Location::pack).orElseGet(() -> key(sha256));
        PresignedGetObjectRequest presigned = presigner.presignGetObject(p -> p.signatureDuration(PRESIGNED_TTL)
                .getObjectRequest(g -> g.bucket(bucket).key(key)
                        .responseContentDisposition(contentDisposition)
                        .responseContentType("application/octet-stream")));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the AWS SDK presigned an invalid URL", e);
        }
    }

    /**
     * Deletes the packs no blob points to whose check is due at {@code now} ({@link S3Packs#sweep});
     * true while more may be due. Nothing when this store does not pack.
     */
    public boolean sweepPacks(Instant now) {
        return packs != null && packs.sweep(now);
    }

    /**
     * Aborts the uploads sent while their body arrived and not yet published (a shutdown between
     * a request's body and its publish), then stops the threads and closes the client.
     */
    @Override
    public void close() {
        for (Path temp : List.copyOf(sent.keySet())) {
            Sent upload = sent.remove(temp); // whoever removes it owns it: a publish running meanwhile, or this
            if (upload != null) {
                upload.upload().abort();
            }
        }
        partThreads.shutdown();
        smallThreads.shutdown();
        client.close();
        if (presigner != null) {
            presigner.close();
        }
    }
}
