package io.modellibrary.content;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consistency check's printout in the store's own words: files on disk for the disk store;
 * on S3 (whose bucket the check does not list) objects, and no "0 files on disk" nor a count of
 * unreferenced files it never looked for.
 */
class StoreCheckCommandTest {

    private static final String SHA = "ab".repeat(32);

    private static String printed(StoreCheck.Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreCheckCommand.print(report, "report", new PrintStream(bytes, true));
        return bytes.toString();
    }

    private static List<StoreCheck.Damaged> oneMissing() {
        return List.of(new StoreCheck.Damaged(SHA, 10, -1, List.of(new StoreCheck.Use("model kim/m", "a.bin"))));
    }

    @Test
    void onS3TheCheckSpeaksOfObjectsAndDoesNotClaimAnEmptyDisk() {
        String out = printed(new StoreCheck.Report(12, -1, oneMissing(), List.of()));
        assertThat(out).contains("12 referenced blobs, each looked up in the S3 bucket")
                .contains(SHA + "  10 bytes expected, object missing")
                .contains("Unreferenced objects: not looked for on S3")
                .doesNotContain("on disk").doesNotContain("files");
    }

    @Test
    void onDiskTheCheckCountsFiles() {
        String out = printed(new StoreCheck.Report(12, 13, oneMissing(),
                List.of(new StoreCheck.Unreferenced(SHA.replace('a', 'c'), 5, 60, false))));
        assertThat(out).contains("12 referenced blobs, 13 files on disk")
                .contains(SHA + "  10 bytes expected, file missing")
                .contains("Unreferenced files: 1");
    }
}
