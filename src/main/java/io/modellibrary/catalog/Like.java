package io.modellibrary.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One user's like of one repository; unique per (user, repository). */
@Document("likes")
record Like(@Id String id, String userId, String repoId, Instant createdAt) {
}
