package io.modellibrary.account;

import io.modellibrary.common.OwnerOnly;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.ModelLibraryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Avatar images in {@code <data-dir>/images/}, under random names, served at
 * {@code /images/<name>}. An upload is checked by its bytes, written to a temporary file
 * and moved into place, so that a half-written file is never served. Names outside a
 * strict pattern are never resolved, so no request reaches outside the folder.
 */
@Component
class AvatarStore {

    static final String URL_PREFIX = "/images/";
    static final String DEFAULT_AVATAR = URL_PREFIX + "defaultAvatar.png";
    private static final Pattern SERVABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.(png|jpg|gif|webp)");
    private static final String BUNDLED = "static/images/";
    private static final Logger log = LoggerFactory.getLogger(AvatarStore.class);

    private final Path dir;
    private final long maxBytes;

    AvatarStore(ModelLibraryProperties app, AvatarProperties properties) {
        this.dir = app.dataDir().resolve("images").toAbsolutePath().normalize();
        this.maxBytes = properties.maxSize().toBytes();
    }

    /** Checks and stores an upload; the URL path of the stored image, or the default avatar for none. */
    String store(MultipartFile upload) {
        if (upload == null || (upload.isEmpty() && !hasName(upload))) {
            return DEFAULT_AVATAR;
        }
        ImageType type = check(upload);
        String name = UUID.randomUUID().toString().replace("-", "") + "." + type.extension();
        try (InputStream in = upload.getInputStream()) {
            OwnerOnly.folders(dir);
            Path temp = Files.createTempFile(dir, ".upload-", ".tmp");
            try {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an avatar", e);
        }
        return URL_PREFIX + name;
    }

    /** Removes a stored avatar again (a registration that failed after storing it). */
    void delete(String url) {
        fileOf(url).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the avatar {}", file, e);
            }
        });
    }

    /** A servable image: a stored avatar, else one shipped with the server. */
    Optional<Servable> find(String fileName) {
        if (!SERVABLE.matcher(fileName).matches()) {
            return Optional.empty();
        }
        ImageType type = ImageType.ofExtension(fileName.substring(fileName.lastIndexOf('.') + 1)).orElseThrow();
        Resource stored = new FileSystemResource(dir.resolve(fileName));
        Resource bundled = new ClassPathResource(BUNDLED + fileName);
        return Optional.ofNullable(stored.isReadable() ? stored : bundled.exists() ? bundled : null)
                .map(resource -> new Servable(resource, type));
    }

    record Servable(Resource resource, ImageType type) {
    }

    private ImageType check(MultipartFile upload) {
        if (upload.isEmpty()) {
            throw new BadRequestException("avatar is empty");
        }
        if (upload.getSize() > maxBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "avatar is larger than " + limit());
        }
        return ImageType.detect(head(upload)).orElseThrow(() ->
                new BadRequestException("avatar must be a PNG, JPEG, GIF or WebP image"));
    }

    private static byte[] head(MultipartFile upload) {
        try (InputStream in = upload.getInputStream()) {
            return in.readNBytes(ImageType.HEAD_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an avatar upload", e);
        }
    }

    private String limit() {
        return maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB" : maxBytes / 1024 + " KB";
    }

    private Optional<Path> fileOf(String url) {
        if (url == null || !url.startsWith(URL_PREFIX) || DEFAULT_AVATAR.equals(url)) {
            return Optional.empty();
        }
        String name = url.substring(URL_PREFIX.length());
        return SERVABLE.matcher(name).matches() ? Optional.of(dir.resolve(name)) : Optional.empty();
    }

    private static boolean hasName(MultipartFile upload) {
        return upload.getOriginalFilename() != null && !upload.getOriginalFilename().isEmpty();
    }
}
