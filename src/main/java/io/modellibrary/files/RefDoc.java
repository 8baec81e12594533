package io.modellibrary.files;

import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A repository's branch {@code main}: its head commit. {@code version} grows by one with
 * every move; a move is a compare-and-set on it, so two racing commits never both win.
 */
@Document(RefDoc.COLLECTION)
record RefDoc(@MongoId(FieldType.STRING) String repoId, String head, long version) {

    static final String COLLECTION = "refs";
}
