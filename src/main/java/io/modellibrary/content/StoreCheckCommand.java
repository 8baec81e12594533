package io.modellibrary.content;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.io.PrintStream;

/**
 * {@code java -jar model-library.jar --modellibrary.check=report|repair}: runs {@link StoreCheck}
 * against the configured data directory and database, prints what it found to standard output
 * and exits (the main class then starts no listener on the usual port and seeds no demo data).
 * With the embedded database, stop the server first (its file is locked while it runs); with
 * {@code MONGODB_URI}, run it beside the servers. Exit status: 0 when the store is consistent
 * ({@code repair}: once the unreferenced blobs past the grace period are deleted), 1 when
 * something is damaged or left, 2 for an unknown mode.
 */
@Component
@ConditionalOnProperty("modellibrary.check")
public class StoreCheckCommand implements ApplicationRunner {

    private final StoreCheck check;
    private final String mode;
    private final ConfigurableApplicationContext context;

    StoreCheckCommand(StoreCheck check, @Value("${modellibrary.check}") String mode, ConfigurableApplicationContext context) {
        this.check = check;
        this.mode = mode;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int status = run(check, mode, System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /**
     * Runs the check in {@code mode} ({@code report} or {@code repair}), printing to {@code out}.
     *
     * @return the exit status: 0 consistent, 1 something damaged or left, 2 an unknown mode
     */
    public static int run(StoreCheck check, String mode, PrintStream out) {
        if (!mode.equals("report") && !mode.equals("repair")) {
            out.println("modellibrary.check must be report or repair, not " + mode);
            return 2;
        }
        return print(check.run(mode.equals("repair")), mode, out);
    }

    /**
     * Prints {@code report} as the check's output: the disk store's in files on disk, S3's (a report
     * with {@code stored} -1) in objects, without a count of the bucket (it is not listed).
     *
     * @return the exit status: 0 consistent, 1 something damaged or left
     */
    static int print(StoreCheck.Report report, String mode, PrintStream out) {
        boolean repair = mode.equals("repair");
        boolean disk = report.stored() >= 0;
        out.printf("Blob store check (%s): %d referenced blobs, %s%n", mode, report.referenced(),
                disk ? report.stored() + " files on disk" : "each looked up in the S3 bucket");
        out.printf("Referenced but missing or damaged: %d%n", report.damaged().size());
        for (StoreCheck.Damaged d : report.damaged()) {
            out.printf("  %s  %d bytes expected, %s%n", d.sha256(), d.size(),
                    d.found() < 0 ? (disk ? "file missing" : "object missing") : d.found() + (disk ? " bytes on disk" : " bytes in the bucket"));
            for (StoreCheck.Use use : d.usedBy()) {
                out.printf("      used by %s: %s%n", use.repository(), use.path());
            }
        }
        if (!disk) {
            out.println("Unreferenced objects: not looked for on S3 (the bucket is not listed; the collector deletes unused blobs)");
        } else {
            out.printf("Unreferenced files: %d%n", report.unreferenced().size());
        }
        for (StoreCheck.Unreferenced u : report.unreferenced()) {
            out.printf("  %s  %d bytes, %d s old%s%n", u.sha256(), u.size(), u.ageSeconds(),
                    u.deleted() ? ", deleted" : repair ? ", kept (younger than the grace period)" : "");
        }
        if (!report.damaged().isEmpty()) {
            out.println("Damaged blobs cannot be repaired here: restore each file (by its sha256 and size) from a backup.");
        }
        return report.clean() ? 0 : 1;
    }
}
