package io.modellibrary.hub;

import io.modellibrary.catalog.RepoType;
import org.springframework.http.HttpStatus;

/**
 * A repository as a Hub URL names it: its type (from the {@code models|datasets} word of
 * {@code /api/{type}s/...}, or the {@code /datasets/} prefix of {@code /{prefix}{id}/resolve/...})
 * and its id, {@code namespace/name} or a bare legacy {@code name} ({@code huggingface_hub
 * constants.REPO_TYPES_URL_PREFIXES}, {@code @huggingface/hub utils/toRepoId.ts}).
 *
 * @param type the repository type
 * @param name the catalogue name: {@code namespace/name}, or the bare name (which the catalogue
 *             resolves as the caller's own {@code <caller>/<name>} first)
 */
public record HubRepoId(RepoType type, String name) {

    /**
     * The repository of {@code /api/{typeWord}/{namespace}/{name}/...}.
     *
     * @param typeWord  {@code models} or {@code datasets} (also the singular); {@code spaces} is refused
     * @param namespace the first segment, or null for a bare name
     * @throws HubException 404 {@code RepoNotFound} for spaces or any other word
     */
    public static HubRepoId of(String typeWord, String namespace, String name) {
        return new HubRepoId(type(typeWord), namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** A model ({@code /{id}/resolve/...}) or, with {@code datasets} true, a dataset ({@code /datasets/{id}/...}). */
    public static HubRepoId ofPage(boolean datasets, String namespace, String name) {
        return of(datasets ? "datasets" : "models", namespace, name);
    }

    /** The type of a URL's type word. */
    public static RepoType type(String typeWord) {
        String word = typeWord == null ? "" : typeWord;
        return switch (word) {
            case "models", "model" -> RepoType.MODEL;
            case "datasets", "dataset" -> RepoType.DATASET;
            case "spaces", "space" -> throw HubException.spacesNotSupported();
            default -> throw HubException.repoNotFound();
        };
    }

    /** {@code models} or {@code datasets}: the word of {@code /api/{word}/...}. */
    public String apiWord() {
        return type.id() + "s";
    }

    /** The repository page prefix: {@code ""} for models, {@code datasets/} for datasets. */
    public String pagePrefix() {
        return type == RepoType.DATASET ? "datasets/" : "";
    }
}
