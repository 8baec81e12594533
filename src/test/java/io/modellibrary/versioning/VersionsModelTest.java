package io.modellibrary.versioning;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.support.EmptyCatalogueTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Disabled;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based, with jqwik: random histories of adds, modifications, deletes and folder
 * deletes in nested folders, with runs of puts and deletes large enough to split folders
 * into pages ({@link Folder#PAGE}) and merge them again. After every commit, at the head
 * and at every older commit, the tree, every file's content (its blob's sha256, size and
 * bytes) and the commit's changes equal those of a sorted map from path to content.
 * 25 tries, 5 to 20 seconds. A failure is shrunk to a short history and printed with the
 * seed that repeats it ({@code @Property(seed = "...")}). Two known issues of TreeWriter are
 * kept out of the histories and stand as disabled examples below.
 *
 * <p>jqwik runs outside JUnit Jupiter, so the Spring test context (the same cached one as
 * every other {@link EmptyCatalogueTest}) is injected by hand.
 */
@EmptyCatalogueTest
class VersionsModelTest {

    private static final List<String> FOLDERS = List.of("d0", "D0", "d1", "big");
    private static final List<String> FILES = List.of("f0", "F0", "f1", "a.txt", "B.bin", "z");
    /** Where runs of puts go: the root, a folder, a nested folder; each can pass a page. */
    private static final List<String> RUN_FOLDERS = List.of("", "big/", "d0/big/");
    private static final List<byte[]> CONTENTS = IntStream.range(0, 24)
            .mapToObj(i -> ("content " + i + "\n").repeat(i).getBytes(StandardCharsets.UTF_8)).toList();

    @Autowired
    Versions versions;
    @Autowired
    BlobCollector collector;
    @Autowired
    BlobStore blobs;

    VersionsModelTest() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
    void everyCommitShowsTheFilesBytesAndChangesItWasGivenAtHeadAndInHistory(@ForAll("histories") List<List<Op>> history)
            throws IOException {
        Repository repo = newRepository();
        List<Revision> revisions = new ArrayList<>();
        for (int step = 0; step < history.size(); step++) {
            SortedMap<String, Integer> files = revisions.isEmpty() ? new TreeMap<>() : revisions.get(revisions.size() - 1).files();
            List<Write> writes = new ArrayList<>();
            history.get(step).forEach(op -> writes.addAll(op.writes(files)));
            List<Write> committed = withoutKnownIssues(files, writes);
            String context = "step " + step + " " + (committed.size() <= 8 ? committed
                    : committed.size() + " writes from " + committed.get(0));
            commit(repo, revisions, committed, context).ifPresent(revisions::add);
            for (int i = 0; i < revisions.size(); i++) {
                check(repo, revisions, i, context + ", commit " + i);
            }
        }
        assertThat(versions.resolve(repo.id(), Versions.MAIN).map(CommitDoc::id))
                .isEqualTo(revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1).commitId()));
    }

    @Example
    @Disabled("known issue of TreeWriter: the changes are a DELETE and an ADD of f")
    void deletingAndPuttingAFileInOneCommitIsOneModification() throws IOException {
        assertThat(commitAll(List.of(new Write("f", 1)), List.of(new Write("f", null), new Write("f", 2)))).hasSize(2);
    }

    @Example
    @Disabled("known issue of TreeWriter: a commit is made, its changes a DELETE and an ADD of f")
    void deletingAndPuttingAFileWithItsOwnContentInOneCommitChangesNothing() throws IOException {
        assertThat(commitAll(List.of(new Write("f", 1)), List.of(new Write("f", null), new Write("f", 1)))).hasSize(1);
    }

    @Example
    @Disabled("known issue of TreeWriter: the commit fails with no such file or folder: a/f")
    void deletingAFolderAndAFileInItInOneCommitDeletesBoth() throws IOException {
        assertThat(commitAll(List.of(new Write("a/f", 1)), List.of(new Write("a/f", null), new Write("a", null)))).hasSize(2);
    }

    /** Each list of writes committed in turn to a new repository, checked against the model; the revisions made. */
    @SafeVarargs
    private List<Revision> commitAll(List<Write>... commits) throws IOException {
        Repository repo = newRepository();
        List<Revision> revisions = new ArrayList<>();
        for (List<Write> writes : commits) {
            commit(repo, revisions, writes, writes.toString()).ifPresent(revisions::add);
        }
        return revisions;
    }

    /**
     * Commits the writes on top of the last revision; the outcome says whether they changed
     * anything, and with which changes, as the model does.
     *
     * @return the new revision, or empty when the writes changed nothing
     */
    private Optional<Revision> commit(Repository repo, List<Revision> revisions, List<Write> writes, String context) {
        Revision head = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        SortedMap<String, Integer> files = head == null ? new TreeMap<>() : head.files();
        SortedMap<String, Integer> next = apply(files, writes);
        List<Edit> edits = writes.stream().map(w -> w.edit(repo.blobs())).toList();
        Versions.Outcome outcome = versions.commit(repo.id(), "alice", context, null, edits, () -> true);
        assertThat(outcome.changed()).as(context + ": made a commit").isEqualTo(!next.equals(files));
        if (!outcome.changed()) {
            assertThat(Optional.ofNullable(outcome.commit()).map(CommitDoc::id)).as(context + ": the head")
                    .isEqualTo(Optional.ofNullable(head).map(Revision::commitId));
            return Optional.empty();
        }
        assertThat(outcome.changes()).as(context + ": changes").isEqualTo(diff(files, next, repo.blobs()));
        return Optional.of(new Revision(outcome.commit().id(), next));
    }

    @Provide
    Arbitrary<List<List<Op>>> histories() {
        Arbitrary<List<Op>> smallCommit = smallOp().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<Op>> largeCommit = Arbitraries.oneOf(putRun(), deleteRun()).list().ofMinSize(1).ofMaxSize(2);
        return Arbitraries.frequencyOf(
                        Tuple.of(2, smallCommit),
                        Tuple.of(1, largeCommit))
                .list().ofMinSize(1).ofMaxSize(10).withSizeDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<Op> smallOp() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> content = Arbitraries.integers().between(0, CONTENTS.size() - 1);
        Arbitrary<String> path = Combinators.combine(
                        Arbitraries.of(FOLDERS).list().ofMaxSize(3).map(names -> String.join("/", names)),
                        Arbitraries.of(FILES))
                .as((folder, file) -> folder.isEmpty() ? file : folder + "/" + file);
        return Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(path, content).as(Put::new)),
                Tuple.of(1, Combinators.combine(pick, content).as(Rewrite::new)),
                Tuple.of(1, pick.map(Touch::new)),
                Tuple.of(2, pick.map(DeleteFile::new)),
                Tuple.of(2, Combinators.combine(pick, Arbitraries.integers().between(1, 3)).as(DeleteFolder::new)));
    }

    private static Arbitrary<Op> putRun() {
        return Combinators.combine(Arbitraries.of(RUN_FOLDERS), Arbitraries.integers().between(0, 400),
                        Arbitraries.integers().between(60, 300).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.integers().between(0, CONTENTS.size() - 1))
                .as(PutRun::new);
    }

    private static Arbitrary<Op> deleteRun() {
        return Combinators.combine(Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(1, 250).withDistribution(RandomDistribution.uniform()))
                .as(DeleteRun::new);
    }

    /** One file of the model written (content: an index into {@link #CONTENTS}) or, with null, deleted. */
    record Write(String path, Integer content) {

        Edit edit(List<BlobWriter.StoredBlob> stored) {
            return content == null ? Edit.delete(path) : Edit.put(path, stored.get(content).sha256(), stored.get(content).size());
        }

        @Override
        public String toString() {
            return content == null ? "delete " + path : "put " + path + "=" + content;
        }
    }

    /** Something a user does in a commit, given the files before it; "pick" chooses one of them. */
    interface Op {
        List<Write> writes(SortedMap<String, Integer> files);
    }

    /** Adds the file, or modifies it when it exists. */
    record Put(String path, int content) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            return List.of(new Write(path, content));
        }
    }

    /** Writes an existing file again, with any content (sometimes its own). */
    record Rewrite(int pick, int content) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            return files.isEmpty() ? List.of() : List.of(new Write(picked(files, pick), content));
        }
    }

    /** Writes an existing file again with the content it has: changes nothing. */
    record Touch(int pick) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            return files.isEmpty() ? List.of() : List.of(new Write(picked(files, pick), files.get(picked(files, pick))));
        }
    }

    record DeleteFile(int pick) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            return files.isEmpty() ? List.of() : List.of(new Write(picked(files, pick), null));
        }
    }

    /** Deletes the folder {@code depth} levels up from a picked file, with everything in it. */
    record DeleteFolder(int pick, int depth) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            if (files.isEmpty()) {
                return List.of();
            }
            String file = picked(files, pick);
            String folder = file;
            for (int up = 0; up < depth && folder.contains("/"); up++) {
                folder = folder.substring(0, folder.lastIndexOf('/'));
            }
            return folder.equals(file) ? List.of() : List.of(new Write(folder, null));
        }
    }

    /** Puts {@code count} files with consecutive names (mixed case) into one folder. */
    record PutRun(String folder, int start, int count, int content) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            return IntStream.range(start, start + count)
                    .mapToObj(i -> new Write(folder + (i % 3 == 0 ? "N-" : "n-") + i, (content + i) % CONTENTS.size())).toList();
        }
    }

    /** Deletes {@code count} files that are neighbours in path order, from a picked one on. */
    record DeleteRun(int pick, int count) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            List<String> paths = new ArrayList<>(files.keySet());
            int from = paths.isEmpty() ? 0 : pick % paths.size();
            return paths.subList(from, Math.min(paths.size(), from + count)).stream().map(p -> new Write(p, null)).toList();
        }
    }

    private static String picked(SortedMap<String, Integer> files, int pick) {
        return new ArrayList<>(files.keySet()).get(pick % files.size());
    }

    /** A commit made, and the files it should hold. */
    record Revision(String commitId, SortedMap<String, Integer> files) {
    }

    /** A repository without commits, and the contents stored as its blobs: {@code blobs.get(i)} holds {@code CONTENTS.get(i)}. */
    record Repository(String id, List<BlobWriter.StoredBlob> blobs) {
    }

    /** A new repository whose blobs are held as an upload holds them before its commit. */
    private Repository newRepository() throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        List<BlobWriter.StoredBlob> stored = new ArrayList<>();
        try (BlobWriter writer = collector.writer()) {
            for (byte[] content : CONTENTS) {
                BlobWriter.StoredBlob blob = writer.store(new ByteArrayInputStream(content), content.length);
                assertThat(blob.sha256()).isEqualTo(sha256(content));
                assertThat(blob.size()).isEqualTo(content.length);
                stored.add(blob);
            }
            writer.flush();
            writer.reference(id);
        }
        return new Repository(id, stored);
    }

    /**
     * Leaves out the two known issues of TreeWriter, until they are fixed (then remove this):
     * <ul>
     * <li>a put of a file that the same commit also deletes (itself or its folder): the
     *     commit's changes list a DELETE and an ADD of that path instead of one MODIFY, or
     *     instead of nothing when the content is the same (and a commit is still made);</li>
     * <li>a delete inside a folder that the same commit also deletes: the commit fails with
     *     {@code no such file or folder} although both paths exist before it.</li>
     * </ul>
     */
    private static List<Write> withoutKnownIssues(SortedMap<String, Integer> files, List<Write> writes) {
        List<String> deleted = writes.stream().filter(w -> w.content() == null).map(Write::path).toList();
        return writes.stream().filter(w -> w.content() == null
                        ? deleted.stream().noneMatch(d -> w.path().startsWith(d + "/"))
                        : !files.containsKey(w.path())
                                || deleted.stream().noneMatch(d -> w.path().equals(d) || w.path().startsWith(d + "/")))
                .toList();
    }

    /** The model's commit semantics: deletions first (a folder with everything in it), then puts, the last of a path winning. */
    private static SortedMap<String, Integer> apply(SortedMap<String, Integer> files, List<Write> writes) {
        SortedMap<String, Integer> next = new TreeMap<>(files);
        writes.stream().filter(w -> w.content() == null)
                .forEach(w -> next.keySet().removeIf(p -> p.equals(w.path()) || p.startsWith(w.path() + "/")));
        writes.stream().filter(w -> w.content() != null).forEach(w -> next.put(w.path(), w.content()));
        return next;
    }

    private static List<Change> diff(SortedMap<String, Integer> before, SortedMap<String, Integer> after,
                                     List<BlobWriter.StoredBlob> stored) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            BlobWriter.StoredBlob old = before.containsKey(path) ? stored.get(before.get(path)) : null;
            BlobWriter.StoredBlob now = after.containsKey(path) ? stored.get(after.get(path)) : null;
            if (old == null) {
                changes.add(new Change(Change.Op.ADD, path, null, 0, now.sha256(), now.size()));
            } else if (now == null) {
                changes.add(new Change(Change.Op.DELETE, path, old.sha256(), old.size(), null, 0));
            } else if (!old.equals(now)) {
                changes.add(new Change(Change.Op.MODIFY, path, old.sha256(), old.size(), now.sha256(), now.size()));
            }
        }
        return changes;
    }

    /** Revision {@code i}: its tree listed page by page, its changes, and every path ever used looked up. */
    private void check(Repository repo, List<Revision> revisions, int i, String context) {
        List<BlobWriter.StoredBlob> stored = repo.blobs();
        CommitDoc commit = versions.commit(repo.id(), revisions.get(i).commitId());
        SortedMap<String, Integer> expected = revisions.get(i).files();
        SortedMap<String, BlobWriter.StoredBlob> listed = new TreeMap<>();
        walk(commit, "", listed, context);
        SortedMap<String, BlobWriter.StoredBlob> wanted = new TreeMap<>();
        expected.forEach((path, content) -> wanted.put(path, stored.get(content)));
        assertThat(listed).as(context + ": tree").isEqualTo(wanted);
        checkBytes(expected, stored, context);
        assertThat(changes(commit)).as(context + ": changes")
                .isEqualTo(diff(i == 0 ? new TreeMap<>() : revisions.get(i - 1).files(), expected, stored));
        for (String path : everyPath(revisions)) {
            BlobWriter.StoredBlob blob = wanted.get(path);
            boolean folder = expected.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
            assertThat(versions.find(commit, path).map(e -> e.folder() ? "folder" : e.id() + " " + e.size()))
                    .as(context + ": find " + path)
                    .isEqualTo(blob != null ? Optional.of(blob.sha256() + " " + blob.size())
                            : folder ? Optional.of("folder") : Optional.empty());
        }
    }

    private List<Change> changes(CommitDoc commit) {
        List<Change> changes = new ArrayList<>();
        for (int page = 1; changes.size() < commit.changeCount(); page++) {
            List<Change> more = versions.changes(commit, page);
            assertThat(more).as("page " + page + " of the changes").isNotEmpty();
            changes.addAll(more);
        }
        return changes;
    }

    /** Every file and folder path of every revision. */
    private static TreeSet<String> everyPath(List<Revision> revisions) {
        TreeSet<String> paths = new TreeSet<>();
        for (Revision revision : revisions) {
            for (String path : revision.files().keySet()) {
                for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                    paths.add(path.substring(0, slash));
                }
                paths.add(path);
            }
        }
        return paths;
    }

    /** The folder's entries in pages of 97 (across stored pages of 128), its subfolders likewise. */
    private void walk(CommitDoc commit, String folder, SortedMap<String, BlobWriter.StoredBlob> out, String context) {
        List<Entry> all = new ArrayList<>();
        Entry after = null;
        Versions.Listing page;
        do {
            page = versions.list(commit, folder, after, 97);
            all.addAll(page.entries());
            after = page.next();
        } while (after != null);
        assertThat(all).as(context + ": order of /" + folder).isSortedAccordingTo(Entry.ORDER);
        assertThat(all).as(context + ": count of /" + folder).hasSize(page.total());
        assertThat(all.isEmpty()).as(context + ": /" + folder + " is empty").isEqualTo(folder.isEmpty() && commit.root() == null);
        for (Entry e : all) {
            String path = folder.isEmpty() ? e.name() : folder + "/" + e.name();
            if (e.folder()) {
                walk(commit, path, out, context);
            } else {
                out.put(path, new BlobWriter.StoredBlob(e.id(), e.size()));
            }
        }
    }

    /** Every file's bytes, read from the blob store by the sha256 its entry names (the same for equal contents). */
    private void checkBytes(SortedMap<String, Integer> files, List<BlobWriter.StoredBlob> stored, String context) {
        for (int content : new TreeSet<>(files.values())) {
            try {
                assertThat(Files.readAllBytes(blobs.path(stored.get(content).sha256()))).as(context + ": bytes")
                        .isEqualTo(CONTENTS.get(content));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
