package io.modellibrary.account;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobIndex;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.ModelLibraryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.bson.Document;
import org.springframework.core.io.AbstractResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Avatar images as blobs of the {@link BlobStore} (disk or S3, shared by every server), served at
 * {@code /images/<name>}: a user's document holds that URL, and the {@code avatars} collection
 * maps the random name ({@code _id}) to its blob ({@code sha256}, {@code size}). An upload is
 * checked by its bytes (its type by the leading ones, then decoded whole: {@link ImageCheck}) and written like a commit's files ({@link BlobWriter}: leased, published
 * whole, then referenced by {@code avatar:<name>} in the blob index), so the collector keeps it
 * while it is named and removes it after the grace period once {@link #delete}d. Names outside a
 * strict pattern are never looked up. Avatars of the former per-server folder
 * {@code <data-dir>/images/} are moved in by {@link #moveFromFolder} (a start-up migration),
 * keeping their names and so their URLs.
 */
@Component
class AvatarStore {

    static final String URL_PREFIX = "/images/";
    static final String DEFAULT_AVATAR = URL_PREFIX + "defaultAvatar.png";
    static final String COLLECTION = "avatars";
    private static final Pattern SERVABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.(png|jpg|gif|webp)");
    private static final String BUNDLED = "static/images/";
    private static final Logger log = LoggerFactory.getLogger(AvatarStore.class);

    private final Path legacyDir;
    private final long maxBytes;
    private final BlobCollector collector;
    private final BlobIndex index;
    private final BlobStore blobs;
    private final MongoTemplate mongo;

    AvatarStore(ModelLibraryProperties app, AvatarProperties properties, BlobCollector collector, BlobIndex index,
                BlobStore blobs, MongoTemplate mongo) {
        this.legacyDir = app.dataDir().resolve("images").toAbsolutePath().normalize();
        this.maxBytes = properties.maxSize().toBytes();
        this.collector = collector;
        this.index = index;
        this.blobs = blobs;
        this.mongo = mongo;
    }

    /** Checks and stores an upload; the URL path of the stored image, or the default avatar for none. */
    String store(MultipartFile upload) {
        if (upload == null || (upload.isEmpty() && !hasName(upload))) {
            return DEFAULT_AVATAR;
        }
        ImageType type = check(upload);
        String name = UUID.randomUUID().toString().replace("-", "") + "." + type.extension();
        try (InputStream in = upload.getInputStream()) {
            save(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an avatar", e);
        }
        return URL_PREFIX + name;
    }

    /** Stores the bytes as a blob named by {@code name}'s avatars document; nothing is named if it fails. */
    private void save(String name, InputStream in) throws IOException {
        try (BlobWriter writer = collector.writer()) {
            BlobWriter.StoredBlob blob = writer.store(in, maxBytes);
            writer.flush();
            writer.reference(reference(name));
            try {
                mongo.getCollection(COLLECTION).insertOne(new Document("_id", name).append("sha256", blob.sha256())
                        .append("size", blob.size()));
            } catch (RuntimeException e) {
                writer.unreference();
                throw e;
            }
            writer.confirm();
        }
    }

    /** Removes a stored avatar (replaced, its account deleted, a registration that failed); its blob is collected later. */
    void delete(String url) {
        nameOf(url).ifPresent(name -> {
            Document avatar = mongo.getCollection(COLLECTION).findOneAndDelete(new Document("_id", name));
            if (avatar != null) {
                index.unreference(reference(name), List.of(avatar.getString("sha256")));
            }
        });
    }

    /** A servable image: a stored avatar, else one shipped with the server. */
    Optional<Servable> find(String fileName) {
        if (!SERVABLE.matcher(fileName).matches()) {
            return Optional.empty();
        }
        ImageType type = ImageType.ofExtension(fileName.substring(fileName.lastIndexOf('.') + 1)).orElseThrow();
        Document avatar = mongo.getCollection(COLLECTION).find(new Document("_id", fileName)).first();
        if (avatar != null) {
            return Optional.of(new Servable(new BlobResource(avatar.getString("sha256"), ((Number) avatar.get("size")).longValue()), type));
        }
        Resource bundled = new ClassPathResource(BUNDLED + fileName);
        return bundled.exists() ? Optional.of(new Servable(bundled, type)) : Optional.empty();
    }

    /**
     * Moves the avatars of the former per-server folder {@code <data-dir>/images/} into the blob
     * store under their own names (so the URLs in the users' documents stay valid), deleting each
     * file once stored; a name already stored just loses its file (a move cut short). Answers how
     * many were moved.
     */
    int moveFromFolder() throws IOException {
        if (!Files.isDirectory(legacyDir)) {
            return 0;
        }
        int moved = 0;
        try (java.util.stream.Stream<Path> files = Files.list(legacyDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!SERVABLE.matcher(name).matches()) {
                    continue;
                }
                if (mongo.getCollection(COLLECTION).find(new Document("_id", name)).first() == null) {
                    try (InputStream in = Files.newInputStream(file)) {
                        save(name, in);
                    }
                    moved++;
                }
                Files.delete(file);
            }
        }
        return moved;
    }

    private static String reference(String name) {
        return "avatar:" + name;
    }

    record Servable(Resource resource, ImageType type) {
    }

    /** A stored avatar's bytes, read from the blob store when sent. */
    private final class BlobResource extends AbstractResource {
        private final String sha256;
        private final long size;

        BlobResource(String sha256, long size) {
            this.sha256 = sha256;
            this.size = size;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return blobs.open(sha256, size);
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public String getDescription() {
            return "avatar blob " + sha256;
        }
    }

    private ImageType check(MultipartFile upload) {
        if (upload.isEmpty()) {
            throw new BadRequestException("avatar is empty");
        }
        if (upload.getSize() > maxBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "avatar is larger than " + limit());
        }
        byte[] bytes = bytes(upload);
        ImageType type = ImageType.detect(Arrays.copyOf(bytes, Math.min(bytes.length, ImageType.HEAD_LENGTH))).orElseThrow(() ->
                new BadRequestException("avatar must be a PNG, JPEG, GIF or WebP image"));
        ImageCheck.requireWhole(bytes, type);
        return type;
    }

    /** The whole upload, at most {@code maxBytes} (checked before): the check decodes it. */
    private static byte[] bytes(MultipartFile upload) {
        try (InputStream in = upload.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an avatar upload", e);
        }
    }

    private String limit() {
        return maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB" : maxBytes / 1024 + " KB";
    }

    private static Optional<String> nameOf(String url) {
        if (url == null || !url.startsWith(URL_PREFIX) || DEFAULT_AVATAR.equals(url)) {
            return Optional.empty();
        }
        String name = url.substring(URL_PREFIX.length());
        return SERVABLE.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    private static boolean hasName(MultipartFile upload) {
        return upload.getOriginalFilename() != null && !upload.getOriginalFilename().isEmpty();
    }
}
