package io.modellibrary.catalog;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes repository names unique ignoring case, once per database: every repository gets
 * its lower-cased {@code nameLower}, then the unique index {@code (type, nameLower)} is
 * built; it replaces the case-sensitive {@code (type, name)} index and the plain
 * {@code (type, nameLower)} index of earlier versions. Idempotent: once the unique index
 * exists nothing is scanned again.
 *
 * <p>Two existing repositories whose names differ only in case: the older (by creation
 * time, then id) keeps its name; the younger is renamed to the first free
 * {@code <name>-2}, {@code <name>-3}, ... (cut to fit 96 characters) and a WARN line names
 * both. Both stay reachable, and nothing is deleted.
 */
final class RepoNameKeys {

    static final String UNIQUE_INDEX = "type_nameLower_unique";
    private static final List<String> OLD_INDEXES = List.of("type_name_unique", "type_nameLower");
    private static final Logger log = LoggerFactory.getLogger(RepoNameKeys.class);

    private RepoNameKeys() {
    }

    static void ensure(MongoTemplate mongo) {
        IndexOperations indexes = mongo.indexOps(Repo.class);
        List<String> present = indexes.getIndexInfo().stream().map(IndexInfo::getName).toList();
        if (present.contains(UNIQUE_INDEX)) {
            return;
        }
        int renamed = assignKeys(mongo);
        for (String old : OLD_INDEXES) {
            if (present.contains(old)) {
                indexes.dropIndex(old);
            }
        }
        indexes.createIndex(new Index().on("type", Direction.ASC).on("nameLower", Direction.ASC).unique().named(UNIQUE_INDEX));
        log.info("Repository names are now unique ignoring case ({} renamed to resolve clashes)", renamed);
    }

    /** Sets every {@code nameLower}; renames the younger of names that clash by case. Answers how many were renamed. */
    private static int assignKeys(MongoTemplate mongo) {
        Query all = new Query().with(Sort.by("createdAt", "_id"));
        all.fields().include("_id", "type", "name", "nameLower");
        Set<String> taken = new HashSet<>();
        List<Document> docs = mongo.find(all, Document.class, Repo.COLLECTION);
        docs.forEach(doc -> taken.add(doc.getString("type") + ":" + RepoAliases.lower(doc.getString("name"))));
        Set<String> kept = new HashSet<>();
        int renamed = 0;
        for (Document doc : docs) {
            String type = doc.getString("type");
            String name = doc.getString("name");
            String key = type + ":" + RepoAliases.lower(name);
            if (!kept.add(key)) {
                String free = freeName(type, name, taken);
                log.warn("Repository names clash by case: {} {} (id {}) is renamed to {}; the older {} keeps its name",
                        type, name, doc.get("_id"), free, name);
                name = free;
                kept.add(type + ":" + RepoAliases.lower(free));
                mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.get("_id"))),
                        new Update().set("name", free), Repo.COLLECTION);
                renamed++;
            }
            if (!RepoAliases.lower(name).equals(doc.getString("nameLower"))) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.get("_id"))),
                        new Update().set("nameLower", RepoAliases.lower(name)), Repo.COLLECTION);
            }
        }
        return renamed;
    }

    private static String freeName(String type, String name, Set<String> taken) {
        for (int n = 2; ; n++) {
            String suffix = "-" + n;
            String base = name.length() + suffix.length() > RepoNames.MAX_LENGTH
                    ? name.substring(0, RepoNames.MAX_LENGTH - suffix.length()) : name;
            String candidate = base + suffix;
            if (taken.add(type + ":" + RepoAliases.lower(candidate))) {
                return candidate;
            }
        }
    }
}
