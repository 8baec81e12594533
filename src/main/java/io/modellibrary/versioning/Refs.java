package io.modellibrary.versioning;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.modellibrary.common.BadRequestException;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;

/**
 * Branches and tags, as git has them and the Hub shows them ({@code list_repo_refs}):
 * {@code main} is the branch every repository has from its first commit; a writer makes
 * other branches and tags from any revision and deletes them. A branch moves with each
 * commit on it; a tag never moves. A name is a branch or a tag, never both.
 *
 * <p>Storage: each ref is a {@link RefDoc} ({@code _id} = {@code <repoId>:<kind>:<name>},
 * the head moved by compare-and-set), and the repository's names are listed in one
 * document of {@code refNames} ({@code _id} = repoId, {@code refs: [{n, k}]}) that doubles
 * as the reservation making "a branch and a tag of the same name" impossible: a name is
 * pushed there, conditionally on its absence, before its {@code RefDoc} is written, and
 * pulled after the {@code RefDoc} is deleted. A name listed without its {@code RefDoc} reads
 * as absent; older than {@link #STALE} (a crash in between), the next creation takes it over.
 * Names are unique ignoring case ({@code Dev} cannot join {@code dev}: git on a case-insensitive
 * file system and the Hub cannot hold both); each listed name carries its lower-cased form
 * {@code l}, which the conditional push checks. Names listed before {@code l} existed are
 * compared in {@link #reserve} (refs created before the rule keep working, both of a pair).
 * Listing costs one lookup plus one per ref; no query scans.
 */
@Service
public class Refs {

    static final String COLLECTION = "refNames";
    /** Branches and tags per repository besides {@code main}; keeps the name list's document small. */
    static final int MAX_REFS = 1000;
    /** A name reserved this long without its RefDoc was left by a crash; a creation takes milliseconds. */
    static final Duration STALE = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final Revisions revisions;

    Refs(MongoTemplate mongo, Revisions revisions) {
        this.mongo = mongo;
        this.revisions = revisions;
    }

    /** A ref kind as the API spells it. */
    public enum Kind {
        BRANCH(RefDoc.BRANCH), TAG(RefDoc.TAG);

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** @throws BadRequestException for anything but {@code branch} or {@code tag} */
        public static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.id.equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return k;
                }
            }
            throw new BadRequestException("ref must be branch or tag");
        }

        public String id() {
            return id;
        }
    }

    /**
     * A branch or tag: its name, full git name ({@code refs/heads/main}, {@code refs/tags/v1})
     * and the commit it points at.
     */
    public record Ref(Kind kind, String name, String ref, String targetCommit) {
        static Ref of(RefDoc doc) {
            Kind kind = doc.kind().equals(RefDoc.TAG) ? Kind.TAG : Kind.BRANCH;
            return new Ref(kind, doc.name(), (kind == Kind.TAG ? "refs/tags/" : "refs/heads/") + doc.name(), doc.head());
        }
    }

    /**
     * Creates a branch or tag at the commit {@code revision} names.
     *
     * @throws BadRequestException     an invalid name
     * @throws NoSuchRevisionException the revision names no commit (also {@code main} of an empty repository)
     * @throws RefExistsException     when a branch or tag of that name exists ({@code main} always does)
     * @throws TooManyRefsException   when the repository holds {@value #MAX_REFS} branches and tags already
     */
    public Ref create(String repoId, Kind kind, String name, String revision) {
        RefNames.check(name);
        CommitDoc target = revisions.require(repoId, revision);
        if (name.equalsIgnoreCase(Versions.MAIN)) {
            throw exists(Kind.BRANCH, Versions.MAIN, name);
        }
        if (kind == Kind.BRANCH && folderClash(Versions.MAIN, name)) {
            throw RefExistsException.folderClash(Kind.BRANCH, Versions.MAIN, name);
        }
        reserve(repoId, kind, name);
        RefDoc doc = new RefDoc(RefDoc.id(repoId, kind.id(), name), repoId, kind.id(), name, target.id(), 1);
        try {
            mongo.insert(doc);
        } catch (DuplicateKeyException e) {
            throw exists(kind, name);
        }
        return Ref.of(doc);
    }

    /**
     * Deletes a branch or tag; its commits stay readable by id.
     *
     * @throws BadRequestException     for {@code main}
     * @throws NoSuchRevisionException when there is no such branch or tag
     */
    public void delete(String repoId, Kind kind, String name) {
        if (kind == Kind.BRANCH && Versions.MAIN.equals(name)) {
            throw new BadRequestException("refName: the branch main cannot be deleted");
        }
        String id = RefDoc.id(repoId, kind.id(), name);
        boolean deleted = mongo.getCollection(RefDoc.COLLECTION).deleteOne(eq("_id", id)).getDeletedCount() == 1;
        boolean listed = names().updateOne(eq("_id", repoId), pull("refs", new Document("n", name).append("k", kind.id())))
                .getModifiedCount() == 1;
        if (!deleted && !listed) {
            throw new NoSuchRevisionException("no such " + kind.id() + ": " + name);
        }
    }

    /** {@code main} (when the repository has commits) and the other branches by name, then the tags by name. */
    public List<Ref> list(String repoId) {
        List<Ref> refs = new ArrayList<>();
        RefDoc main = mongo.findById(RefDoc.id(repoId, RefDoc.BRANCH, Versions.MAIN), RefDoc.class);
        if (main != null && main.head() != null) {
            refs.add(Ref.of(main));
        }
        List<Ref> others = new ArrayList<>();
        for (Document n : listed(repoId)) {
            RefDoc doc = mongo.findById(RefDoc.id(repoId, n.getString("k"), n.getString("n")), RefDoc.class);
            if (doc != null) {
                others.add(Ref.of(doc));
            }
        }
        others.sort(Comparator.comparing(Ref::kind).thenComparing(r -> r.name().toLowerCase(Locale.ROOT)).thenComparing(Ref::name));
        refs.addAll(others);
        return refs;
    }

    private void reserve(String repoId, Kind kind, String name) {
        List<Document> listed = listed(repoId);
        if (listed.size() >= MAX_REFS) {
            throw new TooManyRefsException(MAX_REFS);
        }
        for (Document n : listed) {
            if (n.getString("n").equals(name)) {
                takeOver(repoId, kind, n);
                return;
            }
        }
        for (Document n : listed) {
            if (n.getString("n").equalsIgnoreCase(name)) {
                if (!leftOver(repoId, n)) {
                    throw exists(kindOf(n), n.getString("n"), name);
                }
                reserve(repoId, kind, name);
                return;
            }
        }
        for (Document n : listed) {
            if (kindOf(n) == kind && folderClash(n.getString("n"), name)) {
                throw RefExistsException.folderClash(kind, n.getString("n"), name);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            names().updateOne(and(eq("_id", repoId), ne("refs.n", name), ne("refs.l", lower)),
                    push("refs", new Document("n", name).append("k", kind.id()).append("t", new Date()).append("l", lower)),
                    new UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException e) {
            throw exists(kind, name); // listed meanwhile: the upsert found no document without the name
        } catch (DuplicateKeyException e) {
            throw exists(kind, name);
        }
    }

    /**
     * True when the listed name (differing in case from the one asked for) was left by a crash
     * (no RefDoc, reserved over {@link #STALE} ago) and has now been dropped.
     */
    private boolean leftOver(String repoId, Document listed) {
        if (mongo.findById(RefDoc.id(repoId, listed.getString("k"), listed.getString("n")), RefDoc.class) != null) {
            return false;
        }
        Date reserved = listed.getDate("t");
        if (reserved != null && reserved.toInstant().isAfter(Instant.now().minus(STALE))) {
            return false;
        }
        return names().updateOne(eq("_id", repoId), pull("refs", listed)).getModifiedCount() == 1;
    }

    /**
     * True when one name is a folder of the other, ignoring case ({@code feat/x}, {@code FEAT/x/y}):
     * git stores {@code refs/heads/feat/x} as a file, so {@code refs/heads/feat/x/y} cannot exist
     * beside it ({@code git check-ref-format} allows both names; the ref store refuses the second).
     * Two creations at once may still both pass this check: the names list settles only exact and
     * case clashes atomically.
     */
    static boolean folderClash(String existing, String asked) {
        String a = existing.toLowerCase(Locale.ROOT);
        String b = asked.toLowerCase(Locale.ROOT);
        return a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    private static Kind kindOf(Document listed) {
        return RefDoc.TAG.equals(listed.getString("k")) ? Kind.TAG : Kind.BRANCH;
    }

    /**
     * The name is listed already. With its RefDoc, or reserved less than {@link #STALE} ago (a
     * creation under way), it is taken ({@link RefExistsException}), except that a creation of
     * the same kind goes on to insert the RefDoc, which only one can do. Older and without its
     * RefDoc, it is left over from a crash: dropped, and the name reserved anew.
     */
    private void takeOver(String repoId, Kind kind, Document listed) {
        String name = listed.getString("n");
        String listedKind = listed.getString("k");
        Kind taken = listedKind.equals(RefDoc.TAG) ? Kind.TAG : Kind.BRANCH;
        if (mongo.findById(RefDoc.id(repoId, listedKind, name), RefDoc.class) != null) {
            throw exists(taken, name);
        }
        Date reserved = listed.getDate("t");
        if (reserved != null && reserved.toInstant().isAfter(Instant.now().minus(STALE))) {
            if (taken != kind) {
                throw exists(taken, name);
            }
            return;
        }
        if (names().updateOne(eq("_id", repoId), pull("refs", listed)).getModifiedCount() == 0) {
            throw exists(taken, name);
        }
        reserve(repoId, kind, name);
    }

    private List<Document> listed(String repoId) {
        Document doc = names().find(eq("_id", repoId)).first();
        return doc == null || doc.getList("refs", Document.class) == null ? List.of() : doc.getList("refs", Document.class);
    }

    private static RefExistsException exists(Kind kind, String name) {
        return new RefExistsException(kind, name);
    }

    private static RefExistsException exists(Kind kind, String existing, String asked) {
        return existing.equals(asked) ? new RefExistsException(kind, asked) : new RefExistsException(kind, existing, asked);
    }

    private MongoCollection<Document> names() {
        return mongo.getCollection(COLLECTION);
    }
}
