package io.modellibrary.security;

import io.jsonwebtoken.security.Keys;
import io.modellibrary.common.OwnerOnly;
import io.modellibrary.common.SettingRefusedException;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.database.DatabaseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key tokens are signed with: the configured secret, or, on the embedded
 * development database only, a random 512-bit secret generated on first start and kept,
 * readable by the owner only, in {@code <data-dir>/jwt-secret}, so that tokens survive a
 * restart. A server joining another's embedded database reads that server's file
 * ({@code modellibrary.jwt.secret-file}, {@code JWT_SECRET_FILE}) the same way, so the two sign
 * with one key. With a configured MongoDB and neither the server refuses to start.
 */
@Component
class SigningKey {

    static final String FILE_NAME = "jwt-secret";
    private static final int GENERATED_BYTES = 64;
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final SecretKey key;

    SigningKey(JwtProperties jwt, ModelLibraryProperties app, DatabaseMode database) {
        if (!jwt.secretConfigured() && !jwt.secretFileConfigured() && !database.embedded()) {
            throw new IllegalStateException("Set JWT_SECRET (modellibrary.jwt.secret) to at least 32 random bytes:"
                    + " only the embedded development database generates one, e.g. JWT_SECRET=$(openssl rand -base64 48)"
                    + " (or JWT_SECRET_FILE to the jwt-secret file of the server whose embedded database this one joins)");
        }
        byte[] secret = jwt.secretConfigured() ? jwt.secret().getBytes(StandardCharsets.UTF_8)
                : jwt.secretFileConfigured() ? load(Path.of(jwt.secretFile()))
                : loadOrCreate(app.dataDir().resolve(FILE_NAME));
        if (secret.length < JwtProperties.MIN_SECRET_BYTES) {
            throw tooShort(jwt, secret.length);
        }
        this.key = Keys.hmacShaKeyFor(secret);
    }

    /** The start-up failure for a secret under 256 bits: names the setting and its length, never the secret. */
    private static SettingRefusedException tooShort(JwtProperties jwt, int length) {
        String problem = "must be at least 256 bits (32 bytes); it has " + length + (length == 1 ? " byte" : " bytes");
        return jwt.secretConfigured()
                ? new SettingRefusedException("modellibrary.jwt.secret (JWT_SECRET)", problem,
                        "Set JWT_SECRET to at least 32 random bytes, e.g. JWT_SECRET=$(openssl rand -base64 48),"
                                + " or leave it empty to have one generated (embedded database only).")
                : new SettingRefusedException("modellibrary.jwt.secret-file (JWT_SECRET_FILE) " + jwt.secretFile(), problem,
                        "Name the jwt-secret file of the server whose database this one joins (its <data-dir>/jwt-secret),"
                                + " or set JWT_SECRET instead.");
    }

    SecretKey key() {
        return key;
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the JWT secret " + file, e);
        }
        return load(file);
    }

    /** The key of a secret file as {@link #create} writes it (base64 text). */
    private static byte[] load(Path file) {
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT secret " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the JWT secret file " + file + " is not base64; delete it to generate a new one", e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        Path dir = OwnerOnly.folders(file.toAbsolutePath().getParent());
        Path temp = ownerOnlyTempFile(dir);
        Files.writeString(temp, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        log.info("Generated a JWT signing secret in {} (set JWT_SECRET to use your own)", file.toAbsolutePath());
    }

    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path temp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        var f = temp.toFile();
        boolean restricted = f.setReadable(false, false) & f.setReadable(true, true)
                & f.setWritable(false, false) & f.setWritable(true, true);
        if (!restricted) {
            log.warn("Could not restrict the permissions of {}", temp);
        }
        return temp;
    }
}
