package io.modellibrary.versioning;

import io.modellibrary.support.EmptyCatalogueTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based, against a plain map from path to content: random histories (bulk runs
 * that split folders into pages, nested edits, file and folder deletes), then diffs between
 * random pairs of commits, the log of random files and folders, and restores of random
 * paths and of everything. Seeds are fixed; the seed is in every message.
 */
@EmptyCatalogueTest
class HistoryModelTest {

    private static final String[] FOLDERS = {"a", "B", "a/c", "a/c/d", "big"};

    @Autowired
    Versions versions;
    @Autowired
    Diffs diffs;
    @Autowired
    History history;
    @Autowired
    Restore restore;

    @Test
    void diffsLogsAndRestoresMatchTheModel() {
        for (long seed = 11; seed <= 14; seed++) {
            run(seed);
        }
    }

    private void run(long seed) {
        Random random = new Random(seed);
        String repoId = String.format("%024x", seed * 104729);
        List<String> commits = new ArrayList<>();
        List<Map<String, String>> states = new ArrayList<>();
        Map<String, String> model = new TreeMap<>();
        for (int step = 0; step < 25; step++) {
            List<Edit> edits = edits(random, model);
            Versions.Outcome outcome = versions.commit(repoId, "alice", "step " + step, null, edits, () -> true);
            if (outcome.changed()) {
                model = apply(model, edits);
                commits.add(outcome.commit().id());
                states.add(model);
            }
        }
        String context = "seed " + seed;
        for (int k = 0; k < 15; k++) {
            int i = random.nextInt(commits.size());
            int j = random.nextInt(commits.size());
            Diffs.Result result = diffs.between(commit(repoId, commits.get(i)), commit(repoId, commits.get(j)), Integer.MAX_VALUE);
            assertThat(result.changes()).as(context + " diff %d..%d", i, j).containsExactlyInAnyOrderElementsOf(diff(states.get(i), states.get(j)));
            Diffs.Result five = diffs.between(commit(repoId, commits.get(i)), commit(repoId, commits.get(j)), 5);
            assertThat(five.changes()).hasSize(Math.min(5, result.changes().size()));
            assertThat(five.complete()).isEqualTo(result.changes().size() <= 5);
            List<Change> paged = new ArrayList<>();
            String after = null;
            for (Diffs.Result page; ; after = paged.get(paged.size() - 1).path()) {
                page = diffs.between(commit(repoId, commits.get(i)), commit(repoId, commits.get(j)), 7, after);
                paged.addAll(page.changes());
                if (page.complete()) {
                    break;
                }
            }
            assertThat(paged).as(context + " diff %d..%d in pages of 7", i, j).isEqualTo(result.changes());
        }
        List<String> paths = new ArrayList<>(new TreeSet<>(states.stream().flatMap(s -> s.keySet().stream()).toList()));
        List<String> probes = new ArrayList<>(List.of(FOLDERS));
        for (int k = 0; k < 10; k++) {
            probes.add(paths.get(random.nextInt(paths.size())));
        }
        CommitDoc head = commit(repoId, commits.get(commits.size() - 1));
        for (String path : probes) {
            List<String> expected = new ArrayList<>();
            for (int k = commits.size() - 1; k >= 0; k--) {
                if (!under(states.get(k), path).equals(k == 0 ? Map.of() : under(states.get(k - 1), path))) {
                    expected.add(commits.get(k));
                }
            }
            History.Page page = history.log(repoId, head, path, 1, 1000);
            assertThat(page.commits().stream().map(CommitDoc::id).toList()).as(context + " log of " + path).isEqualTo(expected);
            assertThat(page.total()).isEqualTo(expected.size());
        }
        for (int k = 0; k < 4; k++) {
            int i = random.nextInt(commits.size());
            String path = k == 3 ? null : paths.get(random.nextInt(paths.size()));
            CommitDoc target = commit(repoId, commits.get(i));
            if (path != null && versions.find(target, path).isEmpty()) {
                continue;
            }
            head = commit(repoId, versions.resolve(repoId, "main").orElseThrow().id());
            Map<String, String> wanted = new TreeMap<>(model);
            if (path == null) {
                wanted = states.get(i);
            } else {
                wanted.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
                wanted.putAll(under(states.get(i), path));
                String prefix = path;
                wanted.keySet().removeIf(p -> prefix.startsWith(p + "/"));
            }
            versions.commit(repoId, "alice", "restore", null, restore.edits(head, target, path), () -> true);
            model = wanted;
            CommitDoc now = commit(repoId, versions.resolve(repoId, "main").orElseThrow().id());
            assertThat(diffs.between(null, now.root(), "", Integer.MAX_VALUE).changes()).as(context + " restore " + path + " from " + i)
                    .containsExactlyInAnyOrderElementsOf(diff(Map.of(), wanted));
        }
    }

    private CommitDoc commit(String repoId, String id) {
        return versions.commit(repoId, id);
    }

    private List<Edit> edits(Random random, Map<String, String> model) {
        List<String> paths = new ArrayList<>(model.keySet());
        int kind = random.nextInt(8);
        if (kind == 0 && !paths.isEmpty()) {
            return List.of(Edit.delete(paths.get(random.nextInt(paths.size()))));
        }
        if (kind == 1 && !paths.isEmpty()) {
            String path = paths.get(random.nextInt(paths.size()));
            return path.contains("/") ? List.of(Edit.delete(path.substring(0, path.indexOf('/')))) : List.of(Edit.delete(path));
        }
        List<Edit> edits = new ArrayList<>();
        if (kind == 2) {
            int start = random.nextInt(300);
            for (int i = 0; i < 150 + random.nextInt(200); i++) {
                edits.add(put("big/n-" + (start + i), random));
            }
            return edits;
        }
        TreeSet<String> chosen = new TreeSet<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            chosen.add(FOLDERS[random.nextInt(FOLDERS.length)] + "/f" + random.nextInt(4));
        }
        chosen.forEach(p -> edits.add(put(p, random)));
        return edits;
    }

    private Edit put(String path, Random random) {
        return Edit.put(path, String.format("%064x", 1000 + random.nextInt(30)), 7);
    }

    private static Map<String, String> apply(Map<String, String> model, List<Edit> edits) {
        Map<String, String> next = new TreeMap<>(model);
        for (Edit e : edits) {
            if (e.sha256() == null) {
                next.keySet().removeIf(p -> p.equals(e.path()) || p.startsWith(e.path() + "/"));
            } else {
                next.put(e.path(), e.sha256());
            }
        }
        return next;
    }

    private static Map<String, String> under(Map<String, String> state, String path) {
        Map<String, String> out = new TreeMap<>();
        state.forEach((p, sha) -> {
            if (p.equals(path) || p.startsWith(path + "/")) {
                out.put(p, sha);
            }
        });
        return out;
    }

    private static List<Change> diff(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        List<Change> out = new ArrayList<>();
        for (String p : all) {
            String old = before.get(p);
            String now = after.get(p);
            if (old == null) {
                out.add(new Change(Change.Op.ADD, p, null, 0, now, 7));
            } else if (now == null) {
                out.add(new Change(Change.Op.DELETE, p, old, 7, null, 0));
            } else if (!old.equals(now)) {
                out.add(new Change(Change.Op.MODIFY, p, old, 7, now, 7));
            }
        }
        return out;
    }
}
