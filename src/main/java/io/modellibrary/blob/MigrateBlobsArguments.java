package io.modellibrary.blob;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses {@code migrate-blobs} ({@link MigrateBlobsCommand}) with wrong arguments before the
 * application context is built: the probe of session 16 waited about a minute (the whole context:
 * the database, the store, the web server) for "migrate-blobs needs the target bucket". Checked as
 * soon as the settings are read (command line, environment, configuration files), in the order a
 * newcomer meets them:
 * <ol>
 *   <li>a word that is no {@code --name=value} setting (a bucket given bare, {@code migrate-blob});</li>
 *   <li>a {@code --modellibrary.blobs.s3.*} setting that is none of {@link S3Properties}' (a
 *       misspelt {@code bukcet}; Spring would ignore it and the migration would go elsewhere);</li>
 *   <li>{@value #THREADS} that is no whole number from 1 to {@value #MAX_THREADS};</li>
 *   <li>{@code modellibrary.blobs.store} other than {@code disk} (the command copies the disk store);</li>
 *   <li>no {@code modellibrary.blobs.s3.bucket}.</li>
 * </ol>
 * Each is Spring Boot's "APPLICATION FAILED TO START" report ({@link BlobStoreSettingsException.Analyzer}:
 * what is wrong, what to give), and the exit status 2, as before. A listener of
 * {@link ApplicationEnvironmentPreparedEvent} registered in {@code META-INF/spring.factories}, run before
 * the data directory's lock check ({@code database.DataDirectoryLockCheck}): the arguments first.
 */
public class MigrateBlobsArguments implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** The property the word {@code migrate-blobs} sets. */
    static final String ENABLED = "modellibrary.migrate-blobs";
    /** The refusal without a bucket (also {@link MigrateBlobsCommand}'s). */
    static final String NO_BUCKET = "migrate-blobs needs the target bucket: --modellibrary.blobs.s3.bucket=NAME"
            + " (and endpoint, keys as for the S3 store)";
    /** The refusal on another store than disk (also {@link MigrateBlobsCommand}'s). */
    static final String NOT_DISK = "migrate-blobs copies the disk store into S3: run it with modellibrary.blobs.store=disk (the default)";
    private static final String USAGE = "Run: java -jar model-library.jar migrate-blobs --modellibrary.blobs.s3.bucket=NAME"
            + " [--modellibrary.blobs.s3.endpoint=URL --modellibrary.blobs.s3.path-style=true"
            + " --modellibrary.blobs.s3.access-key=... --modellibrary.blobs.s3.secret-key=... --modellibrary.migrate-blobs-threads=8]"
            + " (README, \"Moving blobs from disk to S3\").";
    private static final String S3 = "--modellibrary.blobs.s3.";
    /** The blobs copied at once. */
    static final String THREADS = "modellibrary.migrate-blobs-threads";
    static final int MAX_THREADS = 32;
    /** {@link S3Properties}' names, in the form relaxed binding compares them (lower case, no dashes or underscores). */
    private static final Set<String> S3_NAMES = Arrays.stream(S3Properties.class.getRecordComponents())
            .map(c -> canonical(c.getName())).collect(Collectors.toUnmodifiableSet());

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 14;
    }

    /** @throws Refused when {@code migrate-blobs} runs with wrong arguments (see the class comment) */
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getEnvironment().getProperty(ENABLED, Boolean.class, false)) {
            check(List.of(event.getArgs()), event.getEnvironment());
        }
    }

    /**
     * Checks {@code migrate-blobs}' arguments (the word already turned into {@code --modellibrary.migrate-blobs=true})
     * and settings.
     *
     * @throws Refused at the first wrong one (see the class comment)
     */
    static void check(List<String> args, Environment environment) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new Refused("migrate-blobs does not understand '" + arg + "': it takes settings only, each as --name=value.");
            }
            if (arg.startsWith(S3)) {
                String name = arg.substring(S3.length(), arg.contains("=") ? arg.indexOf('=') : arg.length());
                if (!S3_NAMES.contains(canonical(name))) {
                    throw new Refused("migrate-blobs does not know the setting " + S3 + name + ": the S3 settings are "
                            + Arrays.stream(S3Properties.class.getRecordComponents()).map(c -> kebab(c.getName()))
                            .collect(Collectors.joining(", ")) + ".");
                }
            }
        }
        threads(environment);
        String store = environment.getProperty("modellibrary.blobs.store", "disk");
        if (!store.equalsIgnoreCase("disk")) {
            throw new Refused(NOT_DISK + ", not " + store + ".");
        }
        String bucket = environment.getProperty("modellibrary.blobs.s3.bucket");
        if (bucket == null || bucket.isBlank()) {
            throw new Refused(NO_BUCKET + ".");
        }
    }

    /**
     * The blobs copied at once: {@value #THREADS}, 1 to {@value #MAX_THREADS}, default {@value BlobMigration#DEFAULT_THREADS}.
     *
     * @throws Refused when it is no whole number in that range
     */
    static int threads(Environment environment) {
        String value = environment.getProperty(THREADS, String.valueOf(BlobMigration.DEFAULT_THREADS)).strip();
        if (!value.matches("\\d{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_THREADS) {
            throw new Refused(THREADS + " is '" + value + "': the blobs copied at once, a whole number from 1 to " + MAX_THREADS + ".");
        }
        return Integer.parseInt(value);
    }

    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** {@code migrate-blobs} refused for its arguments: the report says what, and how to run it; exit status 2. */
    public static final class Refused extends BlobStoreSettingsException implements ExitCodeGenerator {

        Refused(String description) {
            super(description, USAGE, null);
        }

        /** 2, as for every refusal of the command's settings ({@link MigrateBlobsCommand}). */
        @Override
        public int getExitCode() {
            return 2;
        }
    }
}
