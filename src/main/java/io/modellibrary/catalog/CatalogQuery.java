package io.modellibrary.catalog;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page of the catalogue: facet labels (AND across and within facets, case-insensitive),
 * a literal, case-insensitive name fragment, an order and a 1-based page.
 */
record CatalogQuery(RepoType type, Map<String, List<String>> facets, String name, SortType sort, int page) {

    static final int PAGE_SIZE = 30;

    /** Splits each facet parameter's comma-separated labels; blank labels are dropped. */
    static Map<String, List<String>> facets(RepoType type, Map<String, String> raw) {
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

    /** The filter, before visibility is added. */
    Criteria criteria() {
        List<Criteria> parts = new ArrayList<>();
        parts.add(Criteria.where("type").is(type.id()));
        List<String> keys = new ArrayList<>();
        facets.forEach((facet, labels) -> labels.forEach(label -> keys.add(Repo.labelKey(facet, label))));
        if (!keys.isEmpty()) {
            parts.add(Criteria.where("labelKeys").all(keys));
        }
        if (name != null && !name.isBlank()) {
            parts.add(Criteria.where("nameLower").regex(literal(name.trim().toLowerCase(Locale.ROOT))));
        }
        return new Criteria().andOperator(parts);
    }

    Query pageQuery(Criteria visible) {
        return new Query(new Criteria().andOperator(criteria(), visible))
                .with(sort.sort())
                .skip((long) (page - 1) * PAGE_SIZE)
                .limit(PAGE_SIZE);
    }

    /** Escapes every regular-expression metacharacter so the text matches as written. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
