package io.modellibrary.database;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts each collection's {@code _id} index back in step with its documents, at start-up, before
 * the embedded database serves anything. Versions before {@link SnapshotH2Backend}'s command lock
 * could leave a file whose commit caught an insert or a deletion half done: a document stored
 * without its index entry (the insert wrote the document first, the deletion removed the entry
 * first). Such a document cannot be found by {@code _id} and every insert of its {@code _id}
 * fails ("Document with key ... already existed"). Here its entry is added back: a half-done
 * insert becomes whole and a half-done deletion is undone (its document is back, as if the
 * crash had come a moment earlier). Entries whose document is gone are removed.
 *
 * <p>mongo-java-server's H2 backend keeps a collection's documents in the map
 * {@code databases.<db>.<collection>} keyed by {@code _id}, and its {@code _id} index in
 * {@code <db>.<collection>._index__id_}: the normalised {@link KeyValue} of the {@code _id}
 * to that same key. The check reads every collection once, on the first start of a file by
 * this version, and records that in the map {@value #DONE_MAP}: a file written by this version
 * cannot tear any index. Other unique indexes are not checked.
 */
final class IdIndexRepair {

    private static final Logger log = LoggerFactory.getLogger(IdIndexRepair.class);
    private static final String DATA_PREFIX = "databases.";
    private static final String ID_INDEX_SUFFIX = SnapshotH2Backend.INDEX_INFIX + "_id_";
    /** Outside mongo-java-server's map names ({@code databases.}, {@code meta.}, {@code <db>.}). */
    static final String DONE_MAP = "embedded-server.checks";
    private static final String DONE_KEY = "idIndexesInStep";

    private IdIndexRepair() {
    }

    /**
     * Mends every collection's {@code _id} index in the open {@code store} and commits.
     *
     * @return the number of index entries added or removed (0 for a file in step)
     */
    static int run(MVStore store) {
        MVMap<String, Boolean> done = store.openMap(DONE_MAP);
        if (Boolean.TRUE.equals(done.get(DONE_KEY))) {
            return 0;
        }
        int mended = 0;
        for (String name : List.copyOf(store.getMapNames())) {
            String collection = name.startsWith(DATA_PREFIX) ? name.substring(DATA_PREFIX.length()) : null;
            if (collection == null || !store.hasMap(collection + ID_INDEX_SUFFIX)) {
                continue;
            }
            int n = mend(store.openMap(name), store.openMap(collection + ID_INDEX_SUFFIX, IndexKeyType.mapBuilder()));
            if (n > 0) {
                log.warn("The _id index of {} was out of step with its documents (a crash of an earlier version): {} entries"
                        + " mended", collection, n);
                mended += n;
            }
        }
        done.put(DONE_KEY, true);
        store.commit();
        return mended;
    }

    private static int mend(MVMap<Object, Object> documents, MVMap<KeyValue, Object> index) {
        int n = 0;
        for (Object id : documents.keySet()) {
            KeyValue key = new KeyValue(id).normalized();
            if (index.get(key) == null) {
                index.put(key, id);
                n++;
            }
        }
        List<KeyValue> stale = new ArrayList<>();
        for (Map.Entry<KeyValue, Object> entry : index.entrySet()) {
            if (!documents.containsKey(entry.getValue())) {
                stale.add(entry.getKey());
            }
        }
        stale.forEach(index::remove);
        return n + stale.size();
    }
}
