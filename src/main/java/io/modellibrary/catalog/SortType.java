package io.modellibrary.catalog;

import io.modellibrary.common.BadRequestException;
import org.springframework.data.domain.Sort;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The orders of the catalogue ({@code sortType}); the id breaks ties so pages are stable. */
enum SortType {

    MOST_DOWNLOADS("most-downloads", Sort.by(Sort.Order.desc("downloads"))),
    RECENTLY_UPDATED("recently-updated", Sort.by(Sort.Order.desc("lastModified"))),
    RECENTLY_CREATED("recently-created", Sort.by(Sort.Order.desc("createdAt"))),
    MOST_LIKES("most-likes", Sort.by(Sort.Order.desc("likes"), Sort.Order.desc("downloads"))),
    TRENDING("trending", Sort.by(Sort.Order.desc("trendingScore"), Sort.Order.desc("likes"), Sort.Order.desc("downloads"))),
    ALPHABETICAL("alphabetical", Sort.by(Sort.Order.asc("nameLower")));

    private final String id;
    private final Sort sort;

    SortType(String id, Sort sort) {
        this.id = id;
        this.sort = sort.and(Sort.by(Sort.Order.asc("_id")));
    }

    Sort sort() {
        return sort;
    }

    static SortType parse(String value) {
        if (value == null || value.isBlank()) {
            return MOST_DOWNLOADS;
        }
        return Arrays.stream(values()).filter(s -> s.id.equals(value.trim())).findFirst()
                .orElseThrow(() -> new BadRequestException("sortType must be one of "
                        + Arrays.stream(values()).map(s -> s.id).collect(Collectors.joining(", "))));
    }
}
