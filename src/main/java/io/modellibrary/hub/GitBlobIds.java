package io.modellibrary.hub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.HeapBudget;
import io.modellibrary.blob.BlobIndex;
import io.modellibrary.blob.BlobStore;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Git blob ids ({@code sha1("blob <size>\0" + bytes)}) of stored blobs, which the Hub uses as a
 * regular file's etag and tree {@code oid} ({@code huggingface_hub file_download.py},
 * {@code hf_api.py RepoFile}, {@code _commit_api.py CommitOperationAdd._local_oid}). The store
 * keys blobs by sha256 only, so the id is computed from the blob's bytes (from whichever store
 * holds them: on S3 a GET) on first use, remembered in the blob's index document for every
 * server ({@link BlobIndex#rememberGitBlobId}) and cached here by sha256 (blobs never change). Only regular files ask ({@link HubLfs#isLfs} false:
 * at most {@link HubLfs#THRESHOLD} bytes), so one computation reads at most 10 MiB.
 */
@Component
public class GitBlobIds {

    private final BlobStore blobs;
    private final BlobIndex index;
    /**
     * A 64-hex key, a 40-hex id and the cache's node: about 230 bytes; an eighth of the heap, at most 200,000
     * (a thirty-second made {@code bench/hub.sh}'s listing of 100,000 small files 20 times slower at {@code -Xmx256m}).
     */
    private final Cache<String, String> ids = Caffeine.newBuilder().maximumSize(HeapBudget.items(1.0 / 8, 230, 200_000)).build();

    GitBlobIds(BlobStore blobs, BlobIndex index) {
        this.blobs = blobs;
        this.index = index;
    }

    /**
     * The git blob id of the blob with this sha256 and size.
     *
     * @throws UncheckedIOException when the blob cannot be read
     */
    public String of(String sha256, long size) {
        return ids.get(sha256, key -> index.gitBlobId(key).orElseGet(() -> {
            String id = compute(key, size);
            index.rememberGitBlobId(key, id);
            return id;
        }));
    }

    private String compute(String sha256, long size) {
        MessageDigest sha1 = HubLfs.sha1();
        sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = blobs.open(sha256, size)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha1.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + sha256, e);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }
}
