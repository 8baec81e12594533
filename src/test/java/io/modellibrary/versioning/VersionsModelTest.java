package io.modellibrary.versioning;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Property;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Property-based, on {@link Property}: random histories of adds, modifications, deletes and
 * folder deletes in nested folders, with runs of puts and deletes large enough to split
 * folders into pages ({@link Folder#PAGE}) and merge them again. After every commit, at the
 * head and at every older commit, the tree, every file's content (its blob's sha256, size
 * and bytes), every entry's last-change commit and the commit's changes equal those of a
 * sorted map from path to content. 25 tries; a failure is shrunk to a short history and
 * printed with the seed that repeats it ({@code -Dproperty.seed=...}).
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

    @Test
    void everyCommitShowsTheFilesBytesAndChangesItWasGivenAtHeadAndInHistory() {
        Property.of(VersionsModelTest::history, VersionsModelTest::smaller).tries(25).check(this::commitAndCheck);
    }

    @Test
    void deletingAndPuttingAFileInOneCommitIsOneModification() throws IOException {
        List<Versions.Outcome> outcomes = commitAll(List.of(new Write("f", 1)), List.of(new Write("f", null), new Write("f", 2)));
        assertThat(outcomes.get(1).changes()).extracting(Change::op, Change::path).containsExactly(tuple(Change.Op.MODIFY, "f"));
    }

    @Test
    void deletingAndPuttingAFileWithItsOwnContentInOneCommitChangesNothing() throws IOException {
        List<Versions.Outcome> outcomes = commitAll(List.of(new Write("f", 1)), List.of(new Write("f", null), new Write("f", 1)));
        assertThat(outcomes.get(1).changed()).isFalse();
        assertThat(outcomes.get(1).commit().id()).isEqualTo(outcomes.get(0).commit().id());
    }

    @Test
    void deletingAFolderAndPuttingAFileItHeldKeepsThatFileAsItWas() throws IOException {
        List<Versions.Outcome> outcomes = commitAll(List.of(new Write("d0/z", 1), new Write("d0/y", 2)),
                List.of(new Write("d0", null), new Write("d0/z", 1), new Write("f", 3)));
        assertThat(outcomes.get(1).changes()).extracting(Change::op, Change::path)
                .containsExactly(tuple(Change.Op.DELETE, "d0/y"), tuple(Change.Op.ADD, "f"));
        CommitDoc head = outcomes.get(1).commit();
        assertThat(versions.find(head, "d0/z").map(Entry::commit)).contains(outcomes.get(0).commit().id());
    }

    @Test
    void deletingAFolderAndAFileInItInOneCommitDeletesBoth() throws IOException {
        List<Versions.Outcome> outcomes = commitAll(List.of(new Write("a/f", 1), new Write("a/g", 2)),
                List.of(new Write("a/f", null), new Write("a", null)));
        assertThat(outcomes.get(1).changes()).extracting(Change::op, Change::path)
                .containsExactly(tuple(Change.Op.DELETE, "a/f"), tuple(Change.Op.DELETE, "a/g"));
    }

    @Test
    void deletingAFolderAndAMissingFileInItIsNoSuchItem() throws IOException {
        Repository repo = newRepository();
        commit(repo, new ArrayList<>(), List.of(new Write("a/f", 1)), "first");
        List<Edit> edits = List.of(Edit.delete("a"), Edit.delete("a/nope"));
        assertThatThrownBy(() -> versions.commit(repo.id(), "alice", "second", null, edits, () -> true))
                .isInstanceOf(NoSuchItemException.class).hasMessageContaining("a/nope");
    }

    /**
     * 300 files in one folder are three pages of 100 ({@link Folder#PAGE} is 128); a page
     * drained below a quarter merges into its neighbour (the last into the one before it, the
     * first into the one after it), and the folder under a page is one document again. The
     * random histories rarely drain one page: their delete runs take every third file or two
     * of three across all pages.
     */
    @Test
    void drainedPagesMergeWithTheirNeighbours() throws IOException {
        List<Versions.Outcome> outcomes = commitAll(writes(100, 400, 1), writes(300, 380, null), writes(100, 176, null),
                writes(176, 196, null));
        assertThat(outcomes).allMatch(Versions.Outcome::changed);
        assertThat(versions.list(outcomes.get(3).commit(), "big", null, 1000).total()).isEqualTo(124);
    }

    /** Files big/n-{from} to big/n-{to - 1} put with content {@code content} (null: deleted). */
    private static List<Write> writes(int from, int to, Integer content) {
        return IntStream.range(from, to).mapToObj(i -> new Write("big/n-" + i, content)).toList();
    }

    /** Commits the history to a new repository, checking every revision after every commit. */
    private void commitAndCheck(History history) throws IOException {
        Repository repo = newRepository();
        List<Revision> revisions = new ArrayList<>();
        for (int step = 0; step < history.commits().size(); step++) {
            SortedMap<String, Integer> files = revisions.isEmpty() ? new TreeMap<>() : revisions.get(revisions.size() - 1).files();
            List<Write> writes = new ArrayList<>();
            history.commits().get(step).forEach(op -> writes.addAll(op.writes(files)));
            String context = describe(step, writes);
            commit(repo, revisions, writes, context);
            for (int i = 0; i < revisions.size(); i++) {
                check(repo, revisions, i, context + ", commit " + i);
            }
        }
        assertThat(versions.resolve(repo.id(), Versions.MAIN).map(CommitDoc::id))
                .isEqualTo(revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1).commitId()));
    }

    /** Each list of writes committed in turn to a new repository, checked against the model; the outcomes. */
    @SafeVarargs
    private List<Versions.Outcome> commitAll(List<Write>... commits) throws IOException {
        Repository repo = newRepository();
        List<Revision> revisions = new ArrayList<>();
        List<Versions.Outcome> outcomes = new ArrayList<>();
        for (List<Write> writes : commits) {
            String context = describe(outcomes.size(), writes);
            outcomes.add(commit(repo, revisions, writes, context));
            for (int i = 0; i < revisions.size(); i++) {
                check(repo, revisions, i, context + ", commit " + i);
            }
        }
        return outcomes;
    }

    /** The step and its writes, the first of them when there are many, for messages. */
    private static String describe(int step, List<Write> writes) {
        return "step " + step + " " + (writes.size() <= 8 ? writes : writes.size() + " writes from " + writes.get(0));
    }

    /**
     * Commits the writes on top of the last revision, and adds the revision made (if any);
     * the outcome says whether they changed anything, and with which changes, as the model does.
     */
    private Versions.Outcome commit(Repository repo, List<Revision> revisions, List<Write> writes, String context) {
        Revision head = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        SortedMap<String, Integer> files = head == null ? new TreeMap<>() : head.files();
        SortedMap<String, Integer> next = apply(files, writes);
        List<Edit> edits = writes.stream().map(w -> w.edit(repo.blobs())).toList();
        Versions.Outcome outcome = versions.commit(repo.id(), "alice", context, null, edits, () -> true);
        assertThat(outcome.changed()).as(context + ": made a commit").isEqualTo(!next.equals(files));
        if (!outcome.changed()) {
            assertThat(Optional.ofNullable(outcome.commit()).map(CommitDoc::id)).as(context + ": the head")
                    .isEqualTo(Optional.ofNullable(head).map(Revision::commitId));
            return outcome;
        }
        List<Change> changes = diff(files, next, repo.blobs());
        assertThat(outcome.changes()).as(context + ": changes").isEqualTo(changes);
        String id = outcome.commit().id();
        revisions.add(new Revision(id, next, stamps(head == null ? new TreeMap<>() : head.stamps(), next, changes, id)));
        return outcome;
    }

    /** The last-change commit of every file and folder after a commit: its own id on the changed paths and their folders. */
    private static SortedMap<String, String> stamps(SortedMap<String, String> before, SortedMap<String, Integer> files,
                                                    List<Change> changes, String commitId) {
        SortedMap<String, String> stamps = new TreeMap<>();
        TreeSet<String> paths = paths(files.keySet());
        paths.forEach(p -> stamps.put(p, before.get(p)));
        changes.forEach(c -> paths(List.of(c.path())).stream().filter(paths::contains).forEach(p -> stamps.put(p, commitId)));
        return stamps;
    }

    /** A list of commits, each a list of what a user does in it. */
    record History(List<List<Op>> commits) {
        @Override
        public String toString() {
            return IntStream.range(0, commits.size()).mapToObj(i -> "commit " + i + ": " + commits.get(i))
                    .collect(Collectors.joining("\n"));
        }
    }

    /** 1 to 10 commits, two in three small, the others large. */
    private static History history(RandomGenerator random) {
        List<List<Op>> commits = new ArrayList<>();
        for (int n = random.nextInt(1, 11); commits.size() < n; ) {
            commits.add(random.nextInt(3) < 2 ? smallCommit(random) : largeCommit(random));
        }
        return new History(commits);
    }

    /** Smaller histories: without a commit, then without an edit of a commit, then with a smaller run. */
    private static List<History> smaller(History history) {
        List<List<List<Op>>> smaller = new ArrayList<>(Property.withoutOne(history.commits()));
        smaller.removeIf(List::isEmpty);
        smaller.addAll(Property.withOneShrunk(history.commits(), ops -> ops.size() > 1 ? Property.withoutOne(ops) : List.of()));
        smaller.addAll(Property.withOneShrunk(history.commits(), ops -> Property.withOneShrunk(ops, Op::smaller)));
        return smaller.stream().map(History::new).toList();
    }

    /** 1 to 4 edits: puts in nested folders, rewrites, unchanged puts, file and folder deletes. */
    private static List<Op> smallCommit(RandomGenerator random) {
        return IntStream.range(0, random.nextInt(1, 5)).mapToObj(i -> smallOp(random)).toList();
    }

    /** 1 or 2 runs of puts or deletes. */
    private static List<Op> largeCommit(RandomGenerator random) {
        return IntStream.range(0, random.nextInt(1, 3))
                .mapToObj(i -> random.nextBoolean() ? putRun(random) : deleteRun(random)).toList();
    }

    /** Of ten: four puts, a rewrite, an unchanged put, two file deletes, two folder deletes. */
    private static Op smallOp(RandomGenerator random) {
        int kind = random.nextInt(10);
        int pick = random.nextInt(0, 1001);
        int content = random.nextInt(CONTENTS.size());
        if (kind < 4) {
            List<String> names = new ArrayList<>();
            for (int depth = random.nextInt(4); names.size() < depth; ) {
                names.add(oneOf(random, FOLDERS));
            }
            names.add(oneOf(random, FILES));
            return new Put(String.join("/", names), content);
        }
        return switch (kind) {
            case 4 -> new Rewrite(pick, content);
            case 5 -> new Touch(pick);
            case 6, 7 -> new DeleteFile(pick);
            default -> new DeleteFolder(pick, random.nextInt(1, 4));
        };
    }

    private static Op putRun(RandomGenerator random) {
        return new PutRun(oneOf(random, RUN_FOLDERS), random.nextInt(0, 401), random.nextInt(60, 301), random.nextInt(CONTENTS.size()));
    }

    private static Op deleteRun(RandomGenerator random) {
        return new DeleteRun(random.nextInt(0, 1001), random.nextInt(1, 251));
    }

    private static String oneOf(RandomGenerator random, List<String> names) {
        return names.get(random.nextInt(names.size()));
    }

    /**
     * Smaller counts for a run, smallest first: one, a half, three quarters, fifteen sixteenths,
     * one less. A run shrinks from either end (a later edit may need its first or its last files).
     */
    private static List<Integer> smallerCounts(int count) {
        return new TreeSet<>(List.of(1, count / 2, count * 3 / 4, count * 15 / 16, count - 1)).stream()
                .filter(c -> c >= 1 && c < count).toList();
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

        /** Smaller versions of this, for shrinking; none unless it is a run. */
        default List<Op> smaller() {
            return List.of();
        }
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

        @Override
        public List<Op> smaller() {
            return smallerCounts(count).stream().<Op>mapMulti((c, out) -> {
                out.accept(new PutRun(folder, start + count - c, c, content));
                out.accept(new PutRun(folder, start, c, content));
            }).toList();
        }
    }

    /** Deletes {@code count} files that are neighbours in path order, from a picked one on. */
    record DeleteRun(int pick, int count) implements Op {
        public List<Write> writes(SortedMap<String, Integer> files) {
            List<String> paths = new ArrayList<>(files.keySet());
            int from = paths.isEmpty() ? 0 : pick % paths.size();
            return paths.subList(from, Math.min(paths.size(), from + count)).stream().map(p -> new Write(p, null)).toList();
        }

        @Override
        public List<Op> smaller() {
            return smallerCounts(count).stream().<Op>mapMulti((c, out) -> {
                out.accept(new DeleteRun(pick + count - c, c));
                out.accept(new DeleteRun(pick, c));
            }).toList();
        }
    }

    private static String picked(SortedMap<String, Integer> files, int pick) {
        return new ArrayList<>(files.keySet()).get(pick % files.size());
    }

    /** A commit made, the files it should hold and the last-change commit of each of its files and folders. */
    record Revision(String commitId, SortedMap<String, Integer> files, SortedMap<String, String> stamps) {
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
        SortedMap<String, String> stamps = new TreeMap<>();
        walk(commit, "", listed, stamps, context);
        SortedMap<String, BlobWriter.StoredBlob> wanted = new TreeMap<>();
        expected.forEach((path, content) -> wanted.put(path, stored.get(content)));
        assertThat(listed).as(context + ": tree").isEqualTo(wanted);
        assertThat(stamps).as(context + ": last-change commits").isEqualTo(revisions.get(i).stamps());
        checkBytes(expected, stored, context);
        assertThat(changes(commit)).as(context + ": changes")
                .isEqualTo(diff(i == 0 ? new TreeMap<>() : revisions.get(i - 1).files(), expected, stored));
        TreeSet<String> everyPath = new TreeSet<>();
        revisions.forEach(r -> everyPath.addAll(r.stamps().keySet()));
        for (String path : everyPath) {
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

    /** The files and the folders they are in. */
    private static TreeSet<String> paths(Collection<String> files) {
        TreeSet<String> paths = new TreeSet<>();
        for (String path : files) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                paths.add(path.substring(0, slash));
            }
            paths.add(path);
        }
        return paths;
    }

    /** The folder's entries in pages of 97 (across stored pages of 128), its subfolders likewise; the commit stamp of each. */
    private void walk(CommitDoc commit, String folder, SortedMap<String, BlobWriter.StoredBlob> out,
                      SortedMap<String, String> stamps, String context) {
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
            stamps.put(path, e.commit());
            if (e.folder()) {
                walk(commit, path, out, stamps, context);
            } else {
                out.put(path, new BlobWriter.StoredBlob(e.id(), e.size()));
            }
        }
    }

    /** Every file's bytes, read from the blob store by the sha256 its entry names (the same for equal contents). */
    private void checkBytes(SortedMap<String, Integer> files, List<BlobWriter.StoredBlob> stored, String context) {
        for (int content : new TreeSet<>(files.values())) {
            try {
                assertThat(blobs.open(stored.get(content).sha256(), stored.get(content).size()).readAllBytes()).as(context + ": bytes")
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
