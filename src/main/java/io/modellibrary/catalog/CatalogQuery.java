package io.modellibrary.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page of the catalogue: facet labels (AND across and within facets, case-insensitive),
 * a literal, case-insensitive name fragment, an order and a 1-based page.
 */
public record CatalogQuery(RepoType type, Map<String, List<String>> facets, String name, SortType sort, int page) {

    /** Repositories on one page. */
    public static final int PAGE_SIZE = 30;

    /** Splits each facet parameter's comma-separated labels; blank labels are dropped. */
    public static Map<String, List<String>> facets(RepoType type, Map<String, String> raw) {
        Map<String, List<String>> facets = new LinkedHashMap<>();
        for (String facet : type.facets()) {
            String value = raw.get(facet);
            if (value == null) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            for (String label : value.split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
            if (!labels.isEmpty()) {
                facets.put(facet, labels);
            }
        }
        return facets;
    }

    /** The {@code labelKeys} a repository must all carry. */
    List<String> labelKeys() {
        List<String> keys = new ArrayList<>();
        facets.forEach((facet, labels) -> labels.forEach(label -> keys.add(Repo.labelKey(facet, label))));
        return keys;
    }

    /** The lower-cased name fragment, or null for none. */
    String nameFragment() {
        return name == null || name.isBlank() ? null : name.trim().toLowerCase(Locale.ROOT);
    }

    long offset() {
        return (long) (page - 1) * PAGE_SIZE;
    }
}
