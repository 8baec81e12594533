package io.modellibrary.database;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * mongo-java-server's H2 backend with updates that never change a stored document in place,
 * and writes on disk before they are answered.
 *
 * <p>The stock backend answers a query with the very document objects it keeps in its map,
 * and the reply is encoded after the collection's lock is released; an update changes that
 * same object field by field. A reader could so see half an update: a branch head's old
 * {@code head} with its new {@code version}. A commit built on such a read passed the
 * compare-and-set on {@code version} and moved the head over the acknowledged commit just
 * written, which vanished from history. Here an update works on a deep copy and puts the copy
 * in the map: a document object, once stored, is never changed, so every reader (and the
 * MVStore's background writer) sees it whole.
 *
 * <p>Every write command is also committed to the file before it is answered. The stock
 * backend left that to the MVStore's background writer, once a second: a {@code kill -9}
 * lost the last second of acknowledged writes (an upload answered 200 gone after the
 * restart), and as that writer takes each map's state one after the other, it could keep a
 * later write without an earlier one (a repository deletion's task and emptied head kept,
 * the removal of the repository itself lost: a repository with no files and no history).
 * Committed before its answer, a write is on disk before anything that depends on it is
 * even asked for. (Written, not synced: it survives the process, not a power cut.)
 */
final class SnapshotH2Backend extends H2Backend {

    /** H2Database's map-name prefixes (package-private there). */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    SnapshotH2Backend(MVStore store) {
        super(store);
    }

    /** The commands that change data or structure, lower case. */
    private static final java.util.Set<String> WRITES = java.util.Set.of("insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection");

    @Override
    public Document handleCommand(io.netty.channel.Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
                getMvStore().commit();
            }
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new SnapshotDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    private final class SnapshotDatabase extends H2Database {

        SnapshotDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = getMvStore().openMap(DATA_PREFIX + fullName);
            MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + fullName);
            return new SnapshotCollection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }

    /** Copies the documents an update is about to change; reads still get the stored (never changed) objects. */
    private static final class SnapshotCollection extends H2Collection {

        /** True while an update runs (guarded by this collection's monitor, like every operation here). */
        private boolean updating;

        SnapshotCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                           MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                     boolean isMulti, boolean isUpsert, Oplog oplog) {
            updating = true;
            try {
                return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
            } finally {
                updating = false;
            }
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            updating = true;
            try {
                return super.findAndModify(query);
            } finally {
                updating = false;
            }
        }

        @Override
        protected synchronized QueryResult createQueryResult(List<Document> matched, int batchSize) {
            if (!updating) {
                return super.createQueryResult(matched, batchSize);
            }
            return super.createQueryResult(matched.stream().map(Document::cloneDeeply).collect(java.util.stream.Collectors.toList()),
                    batchSize);
        }
    }
}
