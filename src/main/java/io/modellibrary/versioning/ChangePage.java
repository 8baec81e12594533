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

    /** The first page of {@code changes} (for the commit document itself). */
    static List<Change> first(List<Change> changes) {
        return List.copyOf(changes.subList(0, Math.min(CommitDoc.CHANGES_PAGE, changes.size())));
    }

    /** Pages 2 and on of {@code changes}, as documents. */
    static List<ChangePage> rest(String repoId, String commit, List<Change> changes) {
        int size = CommitDoc.CHANGES_PAGE;
        List<ChangePage> pages = new java.util.ArrayList<>();
        for (int from = size, page = 2; from < changes.size(); from += size, page++) {
            pages.add(new ChangePage(id(commit, page), repoId, commit,
                    List.copyOf(changes.subList(from, Math.min(changes.size(), from + size)))));
        }
        return pages;
    }
}
