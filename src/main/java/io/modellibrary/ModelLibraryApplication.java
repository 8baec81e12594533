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

    public static void main(String[] args) {
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
