import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Prints the JVM's SHA-256 rate over a file (1 MiB reads, as the upload path hashes). Run: java Sha256Rate.java FILE */
public class Sha256Rate {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        long start = System.nanoTime();
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                total += n;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.1f %s%n", total / 1e6 / seconds, HexFormat.of().formatHex(sha.digest()));
    }
}
