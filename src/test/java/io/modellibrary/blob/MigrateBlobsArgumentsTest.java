package io.modellibrary.blob;

import io.modellibrary.ModelLibraryApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.mock.env.MockEnvironment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code migrate-blobs} with wrong arguments is refused before the application context is built
 * ({@link MigrateBlobsArguments}): the usual "APPLICATION FAILED TO START" report saying what is
 * wrong and how to run it, exit status 2; a bare word, a misspelt S3 setting, another store, no
 * bucket. Right arguments pass the check.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrateBlobsArgumentsTest {

    private static final String ON = "--modellibrary.migrate-blobs=true";

    @TempDir
    Path dir;

    @Test
    void theCommandWithoutABucketExitsWithStatus2AndTheReportBeforeTheContextStarts() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ModelLibraryApplication.class.getName(), "migrate-blobs", "--modellibrary.blobs.s3.endpoint=http://127.0.0.1:9")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isEqualTo(2);
        assertThat(printed).contains("APPLICATION FAILED TO START")
                .contains("migrate-blobs needs the target bucket: --modellibrary.blobs.s3.bucket=NAME")
                .contains("Run: java -jar model-library.jar migrate-blobs --modellibrary.blobs.s3.bucket=NAME")
                .doesNotContain("Starting ModelLibraryApplication").doesNotContain("Blobs: disk");
    }

    @Test
    void eachWrongArgumentIsRefusedBeforeTheContextWithWhatIsWrong(CapturedOutput output) {
        String bucket = "--modellibrary.blobs.s3.bucket=b";
        refused(List.of(ON, "my-bucket", bucket), "migrate-blobs does not understand 'my-bucket': it takes settings only, each as --name=value.");
        refused(List.of(ON, "--modellibrary.blobs.s3.bukcet=b"), "migrate-blobs does not know the setting --modellibrary.blobs.s3.bukcet:"
                + " the S3 settings are endpoint, region, bucket, prefix, path-style, access-key, secret-key, presigned-downloads, part-size.");
        refused(List.of(ON, bucket, "--modellibrary.migrate-blobs-threads=0"),
                "modellibrary.migrate-blobs-threads is '0': the blobs copied at once, a whole number from 1 to 32.");
        refused(List.of(ON, bucket, "--modellibrary.migrate-blobs-threads=many"),
                "modellibrary.migrate-blobs-threads is 'many': the blobs copied at once, a whole number from 1 to 32.");
        refused(List.of(ON, bucket, "--modellibrary.blobs.store=s3"), MigrateBlobsArguments.NOT_DISK + ", not s3.");
        refused(List.of(ON, "--modellibrary.blobs.s3.path-style=true"), MigrateBlobsArguments.NO_BUCKET + ".");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("migrate-blobs does not understand 'my-bucket'");
    }

    @Test
    void rightArgumentsPassInTheirRelaxedForms() {
        MockEnvironment environment = new MockEnvironment().withProperty("modellibrary.blobs.s3.bucket", "b")
                .withProperty("modellibrary.migrate-blobs-threads", "8");
        assertThatCode(() -> MigrateBlobsArguments.check(List.of(ON, "--modellibrary.blobs.s3.bucket=b",
                "--modellibrary.blobs.s3.pathStyle=true", "--modellibrary.blobs.s3.access_key=k", "--modellibrary.data-dir=/x"),
                environment)).doesNotThrowAnyException();
        assertThat(MigrateBlobsArguments.threads(environment)).isEqualTo(8);
        assertThat(MigrateBlobsArguments.threads(new MockEnvironment())).isEqualTo(BlobMigration.DEFAULT_THREADS);
    }

    /** A start with {@code args} fails with {@code description} and exit status 2, and no context was started. */
    private static void refused(List<String> args, String description) {
        List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
        ApplicationListener<ApplicationEvent> recorder = events::add;
        assertThatThrownBy(() -> new SpringApplicationBuilder(ModelLibraryApplication.class).listeners(recorder)
                .run(args.toArray(String[]::new)))
                .isInstanceOfSatisfying(MigrateBlobsArguments.Refused.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(description);
                    assertThat(e.getExitCode()).isEqualTo(2);
                });
        assertThat(events).as("no application context was started").noneMatch(ApplicationContextInitializedEvent.class::isInstance);
    }
}
