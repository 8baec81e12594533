package io.modellibrary.versioning;

import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

import java.time.Instant;
import java.util.List;

/**
 * One commit: immutable once written. It names its root folder; its changes are stored
 * in pages of {@value #CHANGES_PAGE}, the first here, the others in {@code commitChanges}.
 *
 * @param id          40 lowercase hex characters
 * @param repoId      the repository's id
 * @param parents     the commits it follows (empty for the first; one today, more for merges later)
 * @param root        the root folder's tree id; null for an empty tree
 * @param seq         1 for the first commit, the parent's + 1 after
 * @param changeCount how many changes the commit made, on all pages
 * @param changes     the first page of changes, sorted by path
 */
@Document(CommitDoc.COLLECTION)
public record CommitDoc(
        @MongoId(FieldType.STRING) String id,
        String repoId,
        List<String> parents,
        String root,
        long seq,
        String message,
        String author,
        Instant time,
        int changeCount,
        List<Change> changes) {

    static final String COLLECTION = "commits";
    /** Changes per stored page (and per page served). */
    public static final int CHANGES_PAGE = 1000;

    /** The first parent, or null. */
    public String parent() {
        return parents == null || parents.isEmpty() ? null : parents.get(0);
    }
}
