package io.modellibrary.content;

import io.modellibrary.blob.BlobIndex;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoRepository;
import io.modellibrary.common.NoSuchItemException;
import org.springframework.stereotype.Service;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Git LFS downloads (the batch API's {@code download} operation, git-lfs {@code docs/api/batch.md}):
 * which of the objects a client names a repository references, and the bytes of one of them. An
 * object is the repository's when one of its commits, in any revision, names the blob
 * ({@link BlobIndex#usedBy}); objects of other repositories in the same store are not, so a
 * download names nothing the caller could not already read through the repository's files.
 * Who may read the repository is the caller's check ({@link RepoAccess#readable}).
 */
@Service
public class LfsDownloads {

    private final BlobIndex index;
    private final BlobStore blobs;
    private final RepoRepository repos;

    LfsDownloads(BlobIndex index, BlobStore blobs, RepoRepository repos) {
        this.index = index;
        this.blobs = blobs;
        this.repos = repos;
    }

    /**
     * Of the objects asked (sha256 → size in bytes), those the repository references with that size
     * (a size the index has not recorded is taken as asked; the download checks it against the store).
     */
    public Set<String> referenced(String repoId, Map<String, Long> objects) {
        Map<String, Long> used = index.usedBy(repoId, objects.keySet());
        Set<String> found = new LinkedHashSet<>();
        objects.forEach((oid, size) -> {
            Long recorded = used.get(oid);
            if (recorded != null && (recorded < 0 || recorded.equals(size))) {
                found.add(oid);
            }
        });
        return found;
    }

    /**
     * The bytes of an object the repository references, for a download URL the batch answer
     * signed (named by its sha256: the object has no path of its own).
     *
     * @throws NoSuchItemException when the repository is gone or no longer references the object with this size
     * @throws DamagedBlobException when the store does not hold it whole (logged as an ERROR)
     */
    public ChosenBlob object(String repoId, String oid, long size) {
        Repo repo = repos.findById(repoId).orElseThrow(() -> new NoSuchItemException("no such object: " + oid));
        if (referenced(repoId, Map.of(oid, size)).isEmpty()) {
            throw new NoSuchItemException("no such object: " + oid);
        }
        DamagedBlobException.check(repo, oid, oid, size, blobs);
        return new ChosenBlob(repo, null, oid, oid, size, blobs);
    }
}
