package io.modellibrary.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;

/**
 * Downloads and likes of one repository on one UTC day; trending sums the last 7 days.
 * Counters are upserted with {@code $inc}, so a day may lack one of them (null).
 */
@Document("activity")
record RepoActivity(@Id String id, String repoId, String type, LocalDate day, Long downloads, Long likes) {

    long total() {
        return (downloads == null ? 0 : downloads) + (likes == null ? 0 : likes);
    }
}
