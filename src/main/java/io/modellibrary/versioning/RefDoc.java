package io.modellibrary.versioning;

import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A branch or a tag and its head (a tag's never moves). {@code _id} = {@code <repoId>:<kind>:<name>},
 * e.g. {@code 64f…:branch:main}. {@code version} grows by one with every move; a commit
 * moves it by compare-and-set on {@code version}, so two racing commits never both win.
 */
@Document(RefDoc.COLLECTION)
record RefDoc(@MongoId(FieldType.STRING) String id, String repoId, String kind, String name, String head, long version) {

    static final String COLLECTION = "refs";
    static final String BRANCH = "branch";
    static final String TAG = "tag";
    static final String MAIN = "main";

    static String id(String repoId, String kind, String name) {
        return repoId + ":" + kind + ":" + name;
    }
}
