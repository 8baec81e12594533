package io.modellibrary.blob;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.OwnerOnly;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code java -jar model-library.jar migrate-blobs --modellibrary.blobs.s3.bucket=... [--modellibrary.blobs.s3.endpoint=...]}
 * (the main class turns the word into {@code --modellibrary.migrate-blobs=true}, as it does for
 * {@code --modellibrary.check}: no listener on the usual port, no demo data): copies the disk
 * blob store of the configured data directory into the bucket {@code modellibrary.blobs.s3.*}
 * describes, verifying every object by reading it back ({@link BlobMigration}), prints progress
 * and a summary, and exits. Run it again to resume: blobs verified before are skipped. With the
 * embedded database, stop the server first (the database file is locked while it runs); with
 * {@code MONGODB_URI}, it may run beside the servers, then once more after they are switched to
 * {@code modellibrary.blobs.store=s3}, for the blobs uploaded in between. It copies
 * {@code --modellibrary.migrate-blobs-threads} blobs at once (default {@value BlobMigration#DEFAULT_THREADS}).
 * Wrong arguments are refused before the context is built ({@link MigrateBlobsArguments}).
 *
 * <p>Once complete, it records in the database that the blobs are in that bucket ({@link BlobStoreRecord}):
 * a server started on the disk store from then on is refused.
 *
 * <p>Exit status: 0 when every blob is in the bucket and verified, 1 when a blob is damaged or
 * failed to verify or the run stopped (the bucket unreachable), 2 when the configured store is
 * not the disk one or no bucket is named.
 */
@Component
@ConditionalOnProperty("modellibrary.migrate-blobs")
class MigrateBlobsCommand implements ApplicationRunner {

    private final BlobStore store;
    private final BlobStoreProperties properties;
    private final ModelLibraryProperties library;
    private final MongoTemplate mongo;
    private final PackIndex packs;
    private final ConfigurableApplicationContext context;
    private final Clock clock;
    private final int threads;

    MigrateBlobsCommand(BlobStore store, BlobStoreProperties properties, ModelLibraryProperties library, MongoTemplate mongo,
                        ConfigurableApplicationContext context, Clock clock, PackIndex packs, Environment environment) {
        this.threads = MigrateBlobsArguments.threads(environment);
        this.packs = packs;
        this.clock = clock;
        this.store = store;
        this.properties = properties;
        this.library = library;
        this.mongo = mongo;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        int status = run(System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Migrates, printing to {@code out}; answers the exit status (see the class comment). */
    int run(PrintStream out) throws Exception {
        S3Properties s3 = properties.s3();
        if (!(store instanceof DiskBlobStore disk)) {
            out.println(MigrateBlobsArguments.NOT_DISK);
            return 2;
        }
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            out.println(MigrateBlobsArguments.NO_BUCKET);
            return 2;
        }
        // blobs are sent one at a time, so none is packed; the index makes those servers packed already count as there
        try (S3BlobStore target = new S3BlobStore(S3BlobStore.client(s3), null, s3.bucket(), s3.prefix(), s3.partSize().toBytes(),
                OwnerOnly.dataDirectory(library.dataDir()).resolve("s3-staging"), packs)) {
            String name = (s3.endpoint() == null ? "s3" : s3.endpoint().toString()) + "/" + s3.bucket() + "/" + s3.prefix();
            BlobMigration migration = new BlobMigration(disk, target, name, mongo.getCollection(BlobMigration.RECORDS), out, clock,
                    threads);
            if (!migration.run().complete()) {
                return 1;
            }
            BlobStoreRecord.recordS3(mongo, s3, clock);
            out.println("The database now records the blobs as in bucket " + s3.bucket() + ": start every server with the S3 settings"
                    + " from now on (a start on the disk store is refused)");
            return 0;
        }
    }
}
