package io.modellibrary;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Model Library: a self-hosted hub for machine-learning models and datasets. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class ModelLibraryApplication {

    /**
     * The largest temporary direct buffer, in bytes, the JDK keeps per thread for I/O through a
     * heap buffer, unless {@code -Djdk.nio.maxCachedBufferSize} says otherwise. Unbounded by default
     * ({@code sun.nio.ch.Util}): every thread keeps a native buffer as large as the largest such read
     * or write it ever made (the embedded database, H2, writes its chunks of up to megabytes from heap buffers on
     * the threads that commit), so the total grows with the number of threads that ever did such I/O. {@code bench/s3.sh}
     * at {@code -Xmx256m}: with {@code SIZE_MB=1024 RUNS=2}, NMT's "Other" (direct buffers) 44 MB and a
     * peak RSS of 596 MB without the bound, 7.6 MB and 562 MB with it; at its defaults (2 GiB, 5 runs)
     * 652 MB without, 616 MB with. Set before anything loads the class that reads it (it loads
     * seconds into start-up, well after {@code main}).
     */
    static final String MAX_CACHED_BUFFER = "262144";

    public static void main(String[] args) {
        if (System.getProperty("jdk.nio.maxCachedBufferSize") == null) {
            System.setProperty("jdk.nio.maxCachedBufferSize", MAX_CACHED_BUFFER);
        }
        SpringApplication.run(ModelLibraryApplication.class, checkMode(args));
    }

    /**
     * With {@code --modellibrary.check=...} (content.StoreCheckCommand: check the store and
     * exit) or the word {@code migrate-blobs} (blob.MigrateBlobsCommand: copy the disk store to
     * S3 and exit; the word becomes {@code --modellibrary.migrate-blobs=true}), the process
     * listens only on a random loopback port (no management port) and seeds no demo data, unless
     * the arguments say otherwise.
     */
    static String[] checkMode(String[] args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.replaceAll(a -> a.equals("migrate-blobs") ? "--modellibrary.migrate-blobs=true" : a);
        if (all.stream().noneMatch(a -> a.startsWith("--modellibrary.check=") || a.startsWith("--modellibrary.migrate-blobs="))) {
            return args;
        }
        for (String extra : java.util.List.of("--server.port=0", "--server.address=127.0.0.1",
                "--modellibrary.demo-data=false", "--modellibrary.demo-files=false",
                "--management.server.port=-1")) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            if (all.stream().noneMatch(a -> a.startsWith(key))) {
                all.add(extra);
            }
        }
        return all.toArray(String[]::new);
    }
}
