package io.modellibrary.versioning;

import io.modellibrary.support.EmptyCatalogueTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based: random sequences of adds, modifications, deletes and folder deletes in
 * nested folders (with runs large enough to split folders into pages); after every commit
 * the tree, every file's content id and every commit's changes equal those of a plain map
 * from path to content, at the head and at every older commit. Seeds are fixed, so a
 * failure repeats; the failing seed and step are in the message.
 */
@EmptyCatalogueTest
class VersionsModelTest {

    private static final String[] FOLDERS = {"d0", "D0", "d1", "deep"};
    private static final String[] FILES = {"f0", "F0", "f1", "a.txt", "B.bin", "z"};

    @Autowired
    Versions versions;

    @Test
    void everyCommitMatchesTheModelAtHeadAndInHistory() {
        for (long seed = 1; seed <= 5; seed++) {
            run(seed, 25);
        }
    }

    private void run(long seed, int steps) {
        Random random = new Random(seed);
        String repoId = String.format("%024x", seed * 7919);
        List<String> commits = new ArrayList<>();
        List<TreeMap<String, String>> states = new ArrayList<>();
        TreeMap<String, String> model = new TreeMap<>();
        for (int step = 0; step < steps; step++) {
            List<Edit> edits = randomEdits(random, model);
            TreeMap<String, String> next = apply(model, edits);
            Versions.Outcome outcome = versions.commit(repoId, "alice", "step " + step, null, edits, () -> true);
            String context = "seed " + seed + " step " + step + " " + edits.size() + " edits";
            assertThat(outcome.changed()).as(context).isEqualTo(!next.equals(model));
            if (outcome.changed()) {
                assertThat(outcome.changes()).as(context).isEqualTo(diff(model, next));
                commits.add(outcome.commit().id());
                states.add(next);
                model = next;
                for (int i = 0; i < commits.size(); i++) {
                    check(repoId, commits.get(i), i == 0 ? new TreeMap<>() : states.get(i - 1), states.get(i), context + " commit " + i);
                }
            }
        }
        assertThat(versions.resolve(repoId, "main").orElseThrow().id()).isEqualTo(commits.get(commits.size() - 1));
    }

    private List<Edit> randomEdits(Random random, TreeMap<String, String> model) {
        int kind = random.nextInt(10);
        List<String> paths = new ArrayList<>(model.keySet());
        if (kind == 0 && !paths.isEmpty()) {
            return List.of(Edit.delete(paths.get(random.nextInt(paths.size()))));
        }
        if (kind == 1 && !paths.isEmpty()) {
            String path = paths.get(random.nextInt(paths.size()));
            if (path.contains("/")) {
                return List.of(Edit.delete(path.substring(0, path.lastIndexOf('/'))));
            }
        }
        if (kind == 2 && !paths.isEmpty()) {
            String path = paths.get(random.nextInt(paths.size()));
            return List.of(Edit.put(path, model.get(path), size(model.get(path)))); // changes nothing
        }
        List<Edit> edits = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        if (kind == 3) {
            String folder = randomFolder(random);
            int n = 100 + random.nextInt(250);
            int start = random.nextInt(400);
            for (int i = 0; i < n; i++) {
                String path = folder + "bulk-" + (start + i);
                edits.add(Edit.put(path, content(random), 0));
            }
        } else {
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                String path = randomFolder(random) + FILES[random.nextInt(FILES.length)];
                if (seen.putIfAbsent(path, true) == null) {
                    edits.add(Edit.put(path, content(random), 0));
                }
            }
        }
        return edits.stream().map(e -> Edit.put(e.path(), e.sha256(), size(e.sha256()))).toList();
    }

    private static String randomFolder(Random random) {
        StringBuilder folder = new StringBuilder();
        for (int depth = random.nextInt(4); depth > 0; depth--) {
            folder.append(FOLDERS[random.nextInt(FOLDERS.length)]).append('/');
        }
        return folder.toString();
    }

    /** Content from a small pool, so that modifications to the same bytes happen too. */
    private String content(Random random) {
        return String.format("%064x", random.nextInt(40));
    }

    private static long size(String sha) {
        return Long.parseLong(sha.substring(56), 16) + 1;
    }

    private static TreeMap<String, String> apply(TreeMap<String, String> model, List<Edit> edits) {
        TreeMap<String, String> next = new TreeMap<>(model);
        for (Edit e : edits) {
            if (e.isDelete()) {
                next.remove(e.path());
                next.keySet().removeIf(p -> p.startsWith(e.path() + "/"));
            } else {
                next.put(e.path(), e.sha256());
            }
        }
        return next;
    }

    private static List<Change> diff(Map<String, String> before, Map<String, String> after) {
        Set<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String p : paths) {
            String old = before.get(p);
            String now = after.get(p);
            if (old == null) {
                changes.add(new Change(Change.Op.ADD, p, null, 0, now, size(now)));
            } else if (now == null) {
                changes.add(new Change(Change.Op.DELETE, p, old, size(old), null, 0));
            } else if (!old.equals(now)) {
                changes.add(new Change(Change.Op.MODIFY, p, old, size(old), now, size(now)));
            }
        }
        return changes;
    }

    private void check(String repoId, String commitId, Map<String, String> parent, Map<String, String> expected, String context) {
        CommitDoc commit = versions.commit(repoId, commitId);
        Map<String, String> listed = new TreeMap<>();
        walk(commit, "", listed, context);
        assertThat(listed).as(context + ": tree").isEqualTo(expected);
        List<Change> changes = new ArrayList<>();
        for (int page = 1; changes.size() < commit.changeCount(); page++) {
            changes.addAll(versions.changes(commit, page));
        }
        assertThat(changes).as(context + ": changes").isEqualTo(diff(parent, expected));
        expected.forEach((path, sha) -> assertThat(versions.find(commit, path).orElseThrow().id()).as(context + " " + path).isEqualTo(sha));
    }

    private void walk(CommitDoc commit, String folder, Map<String, String> out, String context) {
        List<Entry> all = new ArrayList<>();
        Entry after = null;
        Versions.Listing page;
        do {
            page = versions.list(commit, folder, after, 97);
            all.addAll(page.entries());
            after = page.next();
        } while (after != null);
        assertThat(all).as(context + ": order of " + folder).isSortedAccordingTo(Entry.ORDER);
        assertThat(all).as(context + ": folder " + folder).hasSize(page.total());
        if (!folder.isEmpty()) {
            assertThat(all).as(context + ": folder " + folder + " is not empty").isNotEmpty();
        }
        for (Entry e : all) {
            String path = folder.isEmpty() ? e.name() : folder + "/" + e.name();
            if (e.folder()) {
                walk(commit, path, out, context);
            } else {
                assertThat(e.size()).isEqualTo(size(e.id()));
                out.put(path, e.id());
            }
        }
    }
}
