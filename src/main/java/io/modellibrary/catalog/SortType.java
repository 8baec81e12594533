package io.modellibrary.catalog;

import io.modellibrary.common.BadRequestException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/** The orders of the catalogue ({@code sortType}); the id breaks ties so pages are stable. */
public enum SortType {

    MOST_DOWNLOADS("most-downloads", Comparator.comparingLong(Repo::getDownloads).reversed()),
    RECENTLY_UPDATED("recently-updated", Comparator.comparing(Repo::getLastModified, newestFirst())),
    RECENTLY_CREATED("recently-created", Comparator.comparing(Repo::getCreatedAt, newestFirst())),
    MOST_LIKES("most-likes", Comparator.comparingLong(Repo::getLikes).reversed()
            .thenComparing(Comparator.comparingLong(Repo::getDownloads).reversed())),
    TRENDING("trending", Comparator.comparingLong(Repo::getTrendingScore).reversed()
            .thenComparing(Comparator.comparingLong(Repo::getLikes).reversed())
            .thenComparing(Comparator.comparingLong(Repo::getDownloads).reversed())),
    ALPHABETICAL("alphabetical", Comparator.comparing((Repo r) -> r.getName().toLowerCase(Locale.ROOT)));

    private final String id;
    private final Comparator<Repo> order;

    SortType(String id, Comparator<Repo> order) {
        this.id = id;
        this.order = order.thenComparing(Repo::getId);
    }

    /** The {@code sortType} value naming this order. */
    public String id() {
        return id;
    }

    Comparator<Repo> order() {
        return order;
    }

    /** The order the seed API's {@code sortType} names ({@code most-downloads} when none); 400 for an unknown one. */
    public static SortType parse(String value) {
        return parse("sortType", value);
    }

    /**
     * The order a request's {@code parameter} names ({@code most-downloads} when none).
     *
     * @throws BadRequestException for an unknown one, naming {@code parameter} as the caller sent it
     *                             (the catalogue pages' {@code sort}, the seed API's {@code sortType})
     */
    public static SortType parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return MOST_DOWNLOADS;
        }
        return Arrays.stream(values()).filter(s -> s.id.equals(value.trim())).findFirst()
                .orElseThrow(() -> new BadRequestException(parameter + " must be one of "
                        + Arrays.stream(values()).map(s -> s.id).collect(Collectors.joining(", "))));
    }

    private static Comparator<Instant> newestFirst() {
        return Comparator.nullsLast(Comparator.<Instant>reverseOrder());
    }
}
