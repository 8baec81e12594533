package io.modellibrary.files;

import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

import java.time.Instant;
import java.util.List;

/**
 * One commit of a repository: immutable once written. Holds the full tree it produces
 * (as an array of entries: paths contain dots, which MongoDB field names may not), so
 * any folder at any commit lists without replaying history.
 *
 * @param id     40 lowercase hex characters
 * @param repoId the repository's id (names can change, ids do not)
 * @param parent the previous commit, null for the first
 * @param seq    1 for the first commit, parent's + 1 after
 */
@Document(CommitDoc.COLLECTION)
record CommitDoc(
        @MongoId(FieldType.STRING) String id,
        String repoId,
        String parent,
        long seq,
        String message,
        String author,
        Instant time,
        List<Change> changes,
        List<TreeEntry> tree) {

    static final String COLLECTION = "commits";
}
