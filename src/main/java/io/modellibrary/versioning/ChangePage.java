package io.modellibrary.versioning;

import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

import java.util.List;

/** Page {@code n} (from 2) of a commit's changes: {@code _id} = {@code <commitId>:<n>}. */
@Document(ChangePage.COLLECTION)
record ChangePage(@MongoId(FieldType.STRING) String id, String repoId, String commit, List<Change> changes) {

    static final String COLLECTION = "commitChanges";

    static String id(String commit, int page) {
        return commit + ":" + page;
    }
}
