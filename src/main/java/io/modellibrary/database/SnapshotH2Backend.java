package io.modellibrary.database;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
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
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

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
 *
 * <p>And the file only ever receives the state between whole write commands. An MVStore
 * commit stores every map as it is at that moment, and one insert changes two maps (the
 * documents, then the {@code _id} index): a commit made by another command's answer, by
 * H2's background writer or by a full write buffer, landing between the two, put a document
 * without its index entry on disk. After a {@code kill -9} before the next commit the
 * restarted server could neither find that document by {@code _id} nor insert it again
 * ("Document with key ... already existed": the crash suite's one failure, an insert into
 * {@code blobs} after a crash during an LFS commit; reproduced by killing a store under
 * concurrent inserts, 1 file in 4 torn). So write commands run under the shared side of
 * {@link #commands}, a commit takes its exclusive side, and H2 stores nothing on its own
 * ({@link EmbeddedMongoServer#openStore}); {@link #open} mends the {@code _id} indexes of a
 * file an earlier version left torn.
 */
final class SnapshotH2Backend extends H2Backend {

    /** H2Database's map-name prefixes (package-private there). */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    /** Between a collection's namespace and an index's name in the index's map name (H2Database's). */
    static final String INDEX_INFIX = "._index_";

    /** Write commands in progress (shared) against a commit (exclusive): see the class comment. */
    private final ReentrantReadWriteLock commands = new ReentrantReadWriteLock();

    private SnapshotH2Backend(MVStore store) {
        super(store);
    }

    /**
     * The backend over {@code store}, once {@link IdIndexRepair} has put the file's {@code _id}
     * indexes back in step with their documents.
     */
    static SnapshotH2Backend open(MVStore store) {
        IdIndexRepair.run(store);
        return new SnapshotH2Backend(store);
    }

    /** The commands that change data or structure, lower case. */
    private static final java.util.Set<String> WRITES = java.util.Set.of("insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection");

    @Override
    public Document handleCommand(io.netty.channel.Channel channel, String databaseName, String command, Document query) {
        if (!WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        try {
            return whileWriting(() -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            commit();
        }
    }

    /** Runs one write command; no commit lands until it has finished. */
    <T> T whileWriting(Supplier<T> command) {
        commands.readLock().lock();
        try {
            return command.get();
        } finally {
            commands.readLock().unlock();
        }
    }

    /** Stores every map as the last finished write commands left it, waiting for those in progress. */
    @Override
    public void commit() {
        commands.writeLock().lock();
        try {
            super.commit();
        } finally {
            commands.writeLock().unlock();
        }
    }

    /** True while a thread waits for {@link #commands}: a commit for the write commands in progress, or a write command for a commit. */
    boolean commitWaiting() {
        return commands.hasQueuedThreads();
    }

    /**
     * What H2's background writer did besides committing, now that it is off: when the file's
     * chunks hold less than {@code fillPercent}% live data, rewrites up to {@code writeBytes} of
     * the emptiest ones and commits them. Without it a long-running server's file only grows
     * (copy-on-write leaves most chunks partly dead, and a chunk is freed only when wholly dead).
     */
    void rewriteSparseChunks(int fillPercent, int writeBytes) {
        if (!getMvStore().isClosed() && getMvStore().compact(fillPercent, writeBytes)) {
            commit();
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

        /**
         * Opens the index's map with {@link IndexKeyType} first (the stock backend's open then
         * finds it open): the same file, compared without serialising its keys.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName, IndexKeyType.mapBuilder());
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
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
