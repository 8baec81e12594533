package io.modellibrary.catalog;

import io.modellibrary.common.BadRequestException;

import java.util.List;
import java.util.Locale;

/** The two kinds of repository. They differ only in their facets and their URL words. */
public enum RepoType {

    MODEL("model", List.of("task", "library", "dataset", "language", "other")),
    DATASET("dataset", List.of("task", "size", "language", "other"));

    private final String id;
    private final List<String> facets;

    RepoType(String id, List<String> facets) {
        this.id = id;
        this.facets = facets;
    }

    /** {@code model} or {@code dataset}: the stored and serialised form. */
    public String id() {
        return id;
    }

    public List<String> facets() {
        return facets;
    }

    public boolean hasFacet(String facet) {
        return facets.contains(facet);
    }

    /** Parses a request's {@code type}; absent means {@code model}, as the seed's filesTable has it. */
    public static RepoType parse(String value) {
        if (value == null || value.isBlank()) {
            return MODEL;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (RepoType type : values()) {
            if (type.id.equals(v) || (type.id + "s").equals(v)) {
                return type;
            }
        }
        throw new BadRequestException("type must be model or dataset");
    }
}
