package io.modellibrary.catalog;

import io.modellibrary.common.BadRequestException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks labels a client sends: known facets, at most 20 labels a facet, each 1–64
 * printable characters. An empty facet the type does not have is ignored; a non-empty
 * one is a 400 naming it.
 */
final class FacetValidator {

    static final int MAX_LABELS = 20;
    static final int MAX_LABEL_LENGTH = 64;

    private FacetValidator() {
    }

    static Map<String, List<String>> valid(RepoType type, Map<String, List<String>> facets) {
        Map<String, List<String>> clean = new LinkedHashMap<>();
        if (facets == null) {
            return clean;
        }
        for (Map.Entry<String, List<String>> entry : facets.entrySet()) {
            String facet = entry.getKey();
            if (!type.hasFacet(facet) && (entry.getValue() == null || entry.getValue().isEmpty())) {
                continue; // the web client sends all five model facets for a dataset too, the foreign ones empty
            }
            if (!type.hasFacet(facet)) {
                throw new BadRequestException("activeFilters." + facet + " is not a " + type.id() + " facet; use " + type.facets());
            }
            clean.put(facet, labels(facet, entry.getValue()));
        }
        return clean;
    }

    private static List<String> labels(String facet, List<String> labels) {
        if (labels == null) {
            return List.of();
        }
        if (labels.size() > MAX_LABELS) {
            throw new BadRequestException("activeFilters." + facet + " may hold at most " + MAX_LABELS + " labels");
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String label : labels) {
            String trimmed = label == null ? "" : label.strip();
            if (trimmed.isEmpty() || trimmed.length() > MAX_LABEL_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
                throw new BadRequestException("activeFilters." + facet + " labels must be 1 to " + MAX_LABEL_LENGTH + " printable characters");
            }
            kept.add(trimmed);
        }
        return new ArrayList<>(kept);
    }
}
