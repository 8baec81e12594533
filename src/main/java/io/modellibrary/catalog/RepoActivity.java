package io.modellibrary.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;

/** Downloads and likes of one repository on one UTC day; trending sums the last 7 days. */
@Document("activity")
record RepoActivity(@Id String id, String repoId, String type, LocalDate day, long downloads, long likes) {
}
