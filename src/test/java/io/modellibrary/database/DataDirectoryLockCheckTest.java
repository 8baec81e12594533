package io.modellibrary.database;

import io.modellibrary.ModelLibraryApplication;
import io.modellibrary.support.TestDatabaseEnvironment;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A second server started on a data directory whose embedded database another process holds is refused
 * before its application context builds a bean ({@link DataDirectoryLockCheck}), with the report a user
 * knows ({@link DataDirectoryInUseException.Analyzer}) and without a WARN about measuring the locked file.
 * The other process is a real one: POSIX file locks are per process, so a lock held in this JVM would not
 * be what a second {@code java -jar} meets.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryLockCheckTest {

    @TempDir
    Path parent;

    @Test
    void aSecondStartOnAHeldDataDirectoryFailsBeforeTheContextIsBuiltWithTheUsualReport(CapturedOutput output) throws Exception {
        assumeThat(TestDatabaseEnvironment.useContainer()).as("the tests' contexts use the embedded database").isFalse();
        Path dataDir = java.nio.file.Files.createDirectories(parent.resolve("data"));
        EmbeddedMongoServer.openStore(dataDir.resolve("mongo.mv"), 16).close(); // a data directory used before
        Process holder = holdElsewhere(dataDir.resolve("mongo.mv"));
        try {
            List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
            ApplicationListener<ApplicationEvent> recorder = events::add;
            assertThatThrownBy(() -> new SpringApplicationBuilder(ModelLibraryApplication.class).listeners(recorder)
                    .run("--modellibrary.test.data-dir=" + dataDir, "--spring.mongodb.uri=", "--spring.mongodb.host=",
                            "--modellibrary.mongo.embedded=true", "--server.port=0"))
                    .isInstanceOf(DataDirectoryInUseException.class);

            assertThat(events).as("no application context was started").noneMatch(ApplicationContextInitializedEvent.class::isInstance);
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("is locked by another process: another Model Library server runs on the data directory "
                            + dataDir.toAbsolutePath())
                    .contains("MONGODB_URI=mongodb://")
                    .doesNotContain("Could not measure");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        DataDirectoryLockCheck.check(dataDir.resolve("mongo.mv")); // free again: no refusal
    }

    @Test
    void aFileNobodyHoldsOrThatDoesNotExistPasses() throws Exception {
        Path file = java.nio.file.Files.createDirectories(parent.resolve("fresh")).resolve("mongo.mv");
        DataDirectoryLockCheck.check(file);
        EmbeddedMongoServer.openStore(file, 16).close();
        DataDirectoryLockCheck.check(file);
    }

    /** Another JVM that opens {@code file} as the embedded database does and holds it until it is ended. */
    private static Process holdElsewhere(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the other process holds the file").isEqualTo("held");
        return process;
    }

    /** The other process. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            MVStore store = EmbeddedMongoServer.openStore(Path.of(args[0]), 16);
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            store.close();
        }
    }
}
