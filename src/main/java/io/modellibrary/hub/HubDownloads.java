package io.modellibrary.hub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.ChosenBlob;
import io.modellibrary.content.DownloadService;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The Hub's file downloads ({@code /{prefix}{id}/resolve|raw/{rev}/{path}}): the blob, its Hub
 * etag, and which downloads count.
 *
 * <p>Etag ({@code huggingface_hub file_download.py get_hf_file_metadata}, {@code @huggingface/hub
 * lib/file-download-info.ts}): the sha256 for an LFS file ({@link HubLfs#isLfs}), else the git
 * blob sha1 ({@link GitBlobIds}), quoted.
 *
 * <p>Counting ({@code hub-docs docs/hub/models-download-stats.md}, {@code datasets-download-stats.md}):
 * a model counts a download when one of its query files is fetched ({@code config.json},
 * {@code config.yaml}, {@code hyperparams.yaml}, {@code params.json}, {@code meta.yaml},
 * {@code model_index.json}, {@code modular_model_index.json}, any {@code .gguf}); a dataset when
 * any file is. Each client (remote address) counts once per repository per {@link #WINDOW}, so
 * a snapshot of many files, or a probe and its GET, is one download. Only what
 * {@code transfer.DownloadResponder} reports as a download is offered here: never HEAD,
 * a {@code bytes=0-0} probe or a resumed tail.
 */
@Service
class HubDownloads {

    /** One client's downloads of one repository within this window count once. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Set<String> MODEL_QUERY_FILES = Set.of("config.json", "config.yaml", "hyperparams.yaml",
            "params.json", "meta.yaml", "model_index.json", "modular_model_index.json");

    private final HubRepos repos;
    private final DownloadService downloads;
    private final GitBlobIds gitIds;
    private final Cache<String, Boolean> counted = Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();

    HubDownloads(HubRepos repos, DownloadService downloads, GitBlobIds gitIds) {
        this.repos = repos;
        this.downloads = downloads;
        this.gitIds = gitIds;
    }

    /**
     * A file to send, with the commit its revision resolved to and its Hub etag.
     *
     * @param commit the 40-hex commit ({@code X-Repo-Commit})
     * @param etag   quoted: {@code "<sha256>"} for an LFS file, {@code "<git blob sha1>"} otherwise
     */
    record HubFile(ChosenBlob blob, String commit, String etag) {
    }

    /**
     * The file at {@code path} of the repository at {@code revision}.
     *
     * @throws HubException 404 {@code RepoNotFound}, {@code RevisionNotFound}, or {@code EntryNotFound}
     *                      (with the commit when the revision has one), 400 for a pull request ref
     */
    HubFile file(HubRepoId id, String revision, String path, CurrentUser user) {
        RepoAccess.Snapshot at = repos.snapshot(id, revision, user);
        String commit = at.commit() == null ? null : at.commit().id();
        ChosenBlob blob;
        try {
            blob = downloads.choose(at, path);
        } catch (NoSuchItemException e) {
            throw HubException.entryNotFound(path, commit);
        }
        String etag = HubLfs.isLfs(blob.size()) ? blob.sha256() : gitIds.of(blob.sha256(), blob.size());
        return new HubFile(blob, commit, "\"" + etag + "\"");
    }

    /** Counts the download if it is a counted file and this client has not been counted for the repository lately. */
    void recordDownload(ChosenBlob blob, String client) {
        if (!counts(blob.repo().repoType(), blob.path())) {
            return;
        }
        if (counted.asMap().putIfAbsent(blob.repo().getId() + "\n" + client, Boolean.TRUE) == null) {
            downloads.recordDownload(blob);
        }
    }

    /** True for a dataset's files and a model's query files. */
    static boolean counts(RepoType type, String path) {
        if (type == RepoType.DATASET) {
            return true;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return MODEL_QUERY_FILES.contains(lower) || lower.endsWith(".gguf");
    }
}
