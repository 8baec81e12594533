package io.modellibrary.content;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoService;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Creating a repository as the Hugging Face Hub does: never empty, but with a first commit on
 * {@code main}, {@value #INITIAL_COMMIT}, holding the Hub's default {@value #GITATTRIBUTES_PATH}
 * (its Git LFS patterns, {@link #gitattributes}) and any files the creator sent along. Clients
 * rely on that commit: {@code snapshot_download} of a new repository asks for its head commit
 * ({@code huggingface_hub} {@code _snapshot_download.py}: "Repo info returned from server must
 * have a revision sha"), and {@code create_branch} / {@code create_tag} start from {@code main}.
 * Used by the Hub's {@code POST /api/repos/create} and the web face's new-repository pages; the
 * seed's {@code POST /api/model|dataset} keeps creating an empty repository (docs/decisions.md, A15).
 */
@Service
public class NewRepositories {

    /** The first commit's message, the Hub's own. */
    public static final String INITIAL_COMMIT = "initial commit";

    /** Where the Git LFS patterns go. */
    public static final String GITATTRIBUTES_PATH = ".gitattributes";

    /**
     * The {@code .gitattributes} the Hub writes into a new model repository (the file of any model
     * created on huggingface.co since 2023, e.g. {@code google-bert/bert-base-uncased} has its first lines).
     */
    private static final String MODEL_GITATTRIBUTES = """
            *.7z filter=lfs diff=lfs merge=lfs -text
            *.arrow filter=lfs diff=lfs merge=lfs -text
            *.bin filter=lfs diff=lfs merge=lfs -text
            *.bz2 filter=lfs diff=lfs merge=lfs -text
            *.ckpt filter=lfs diff=lfs merge=lfs -text
            *.ftz filter=lfs diff=lfs merge=lfs -text
            *.gz filter=lfs diff=lfs merge=lfs -text
            *.h5 filter=lfs diff=lfs merge=lfs -text
            *.joblib filter=lfs diff=lfs merge=lfs -text
            *.lfs.* filter=lfs diff=lfs merge=lfs -text
            *.mlmodel filter=lfs diff=lfs merge=lfs -text
            *.model filter=lfs diff=lfs merge=lfs -text
            *.msgpack filter=lfs diff=lfs merge=lfs -text
            *.npy filter=lfs diff=lfs merge=lfs -text
            *.npz filter=lfs diff=lfs merge=lfs -text
            *.onnx filter=lfs diff=lfs merge=lfs -text
            *.ot filter=lfs diff=lfs merge=lfs -text
            *.parquet filter=lfs diff=lfs merge=lfs -text
            *.pb filter=lfs diff=lfs merge=lfs -text
            *.pickle filter=lfs diff=lfs merge=lfs -text
            *.pkl filter=lfs diff=lfs merge=lfs -text
            *.pt filter=lfs diff=lfs merge=lfs -text
            *.pth filter=lfs diff=lfs merge=lfs -text
            *.rar filter=lfs diff=lfs merge=lfs -text
            *.safetensors filter=lfs diff=lfs merge=lfs -text
            saved_model/**/* filter=lfs diff=lfs merge=lfs -text
            *.tar.* filter=lfs diff=lfs merge=lfs -text
            *.tar filter=lfs diff=lfs merge=lfs -text
            *.tflite filter=lfs diff=lfs merge=lfs -text
            *.tgz filter=lfs diff=lfs merge=lfs -text
            *.wasm filter=lfs diff=lfs merge=lfs -text
            *.xz filter=lfs diff=lfs merge=lfs -text
            *.zip filter=lfs diff=lfs merge=lfs -text
            *.zst filter=lfs diff=lfs merge=lfs -text
            *tfevents* filter=lfs diff=lfs merge=lfs -text
            """;

    /** A dataset's: the model patterns, {@code *.lz4} and {@code *.mds}, then audio, image and video files. */
    private static final String DATASET_EXTRA = """
            *.lz4 filter=lfs diff=lfs merge=lfs -text
            *.mds filter=lfs diff=lfs merge=lfs -text
            # Audio files - uncompressed
            *.pcm filter=lfs diff=lfs merge=lfs -text
            *.sam filter=lfs diff=lfs merge=lfs -text
            *.raw filter=lfs diff=lfs merge=lfs -text
            # Audio files - compressed
            *.aac filter=lfs diff=lfs merge=lfs -text
            *.flac filter=lfs diff=lfs merge=lfs -text
            *.mp3 filter=lfs diff=lfs merge=lfs -text
            *.ogg filter=lfs diff=lfs merge=lfs -text
            *.wav filter=lfs diff=lfs merge=lfs -text
            # Image files - uncompressed
            *.bmp filter=lfs diff=lfs merge=lfs -text
            *.gif filter=lfs diff=lfs merge=lfs -text
            *.png filter=lfs diff=lfs merge=lfs -text
            *.tiff filter=lfs diff=lfs merge=lfs -text
            # Image files - compressed
            *.jpg filter=lfs diff=lfs merge=lfs -text
            *.jpeg filter=lfs diff=lfs merge=lfs -text
            *.webp filter=lfs diff=lfs merge=lfs -text
            # Video files - compressed
            *.mp4 filter=lfs diff=lfs merge=lfs -text
            *.webm filter=lfs diff=lfs merge=lfs -text
            """;

    private final RepoService repos;
    private final Uploads uploads;

    NewRepositories(RepoService repos, Uploads uploads) {
        this.repos = repos;
        this.uploads = uploads;
    }

    /** One file of a new repository's first commit: its path and its bytes (already decoded). */
    public record InitialFile(RepoPath path, byte[] bytes) {
    }

    /** The Hub's default {@code .gitattributes} for a repository of {@code type}, as UTF-8 bytes ending in a newline. */
    public static byte[] gitattributes(RepoType type) {
        String text = type == RepoType.DATASET ? MODEL_GITATTRIBUTES + DATASET_EXTRA : MODEL_GITATTRIBUTES;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Creates {@code fullName} ({@code namespace/name}, or a bare name for the caller's own namespace)
     * with {@code labels} ({@code facet -> labels}, null for none) and its first commit on {@code main}:
     * {@code files} (null: none) and, unless one of them is {@value #GITATTRIBUTES_PATH}, the Hub's default
     * one. Nothing half-written: every file is stored before the repository is created, so a file over a
     * limit creates nothing (its bytes are left to the blob collector, as a refused upload's are), and a
     * commit that fails after the create deletes the repository again.
     *
     * @throws io.modellibrary.common.BadRequestException a name {@link RepoService} refuses, or a path named twice
     * @throws TooLargeException    413 when a file is over {@code modellibrary.files.max-file-size}
     * @throws RuntimeException     {@link RepoService#isAlreadyExists} when the name is taken; 403 outside the caller's namespaces
     * @throws IOException          when the blobs cannot be stored
     */
    public Repo create(RepoType type, String fullName, boolean privateRepo, Map<String, List<String>> labels,
                       List<InitialFile> files, CurrentUser user) throws IOException {
        List<InitialFile> given = files == null ? List.of() : files;
        try (StagedUpload upload = uploads.open()) {
            boolean hasAttributes = false;
            for (InitialFile file : given) {
                upload.add(file.path(), new ByteArrayInputStream(file.bytes()));
                hasAttributes |= file.path().toString().equals(GITATTRIBUTES_PATH);
            }
            if (!hasAttributes) {
                upload.add(RepoPath.of(GITATTRIBUTES_PATH), new ByteArrayInputStream(gitattributes(type)));
            }
            Repo repo = repos.create(type, fullName, privateRepo, labels, user);
            try {
                upload.commit(repo, Versions.MAIN, user, INITIAL_COMMIT, null, List.of());
            } catch (IOException | RuntimeException e) {
                try {
                    repos.discardCreated(repo); // the caller's refusal stays the answer, whatever happens here
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return repo;
        }
    }
}
