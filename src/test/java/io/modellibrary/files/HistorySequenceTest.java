package io.modellibrary.files;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.blobFiles;
import static io.modellibrary.files.FilesTestSupport.bob;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** History read back: every commit's tree, bytes and diff; a path's log; restores. */
@EmptyCatalogueTest
class HistorySequenceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ModelLibraryProperties properties;

    private HistoryClient newRepo(String stem) {
        String name = uniqueName(stem);
        fixtures.model(name).owner("alice").save();
        return new HistoryClient(mvc, name);
    }

    /** path → sha256 of the text. */
    private static Map<String, String> state(Map<String, String> previous, String... pathsAndContents) throws Exception {
        Map<String, String> next = new TreeMap<>(previous);
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            if (pathsAndContents[i + 1] == null) {
                String gone = pathsAndContents[i];
                next.keySet().removeIf(p -> p.equals(gone) || p.startsWith(gone + "/"));
            } else {
                next.put(pathsAndContents[i], sha256(pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8)));
            }
        }
        return next;
    }

    /** What a diff from one state to the next must list, as HistoryClient#diff spells it. */
    private static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String p : paths) {
            String old = before.get(p);
            String now = after.get(p);
            if (old == null) {
                out.add("add " + p + " - " + now);
            } else if (now == null) {
                out.add("delete " + p + " " + old + " -");
            } else if (!old.equals(now)) {
                out.add("modify " + p + " " + old + " " + now);
            }
        }
        return out;
    }

    @Test
    void everyCommitKeepsItsTreeBytesAndDiffThroughAddsEditsDeletesReAddsAndRestores() throws Exception {
        HistoryClient repo = newRepo("sequence");
        List<String> commits = new ArrayList<>();
        List<Map<String, String>> states = new ArrayList<>();

        commits.add(repo.write("a.txt", "one"));
        states.add(state(Map.of(), "a.txt", "one"));
        commits.add(repo.write("w/x.bin", "x"));
        states.add(state(states.get(0), "w/x.bin", "x"));
        commits.add(repo.write("w/sub/y.txt", "y"));
        states.add(state(states.get(1), "w/sub/y.txt", "y"));
        commits.add(repo.write("docs/readme.md", "readme"));
        states.add(state(states.get(2), "docs/readme.md", "readme"));
        commits.add(repo.write("a.txt", "two"));
        states.add(state(states.get(3), "a.txt", "two"));
        commits.add(repo.delete("w/x.bin"));
        states.add(state(states.get(4), "w/x.bin", null));
        commits.add(repo.write("w/x.bin", "re-added"));
        states.add(state(states.get(5), "w/x.bin", "re-added"));
        commits.add(repo.delete("docs"));
        states.add(state(states.get(6), "docs", null));
        long blobs = blobFiles(properties.dataDir());
        commits.add(json(repo.restore(commits.get(3), "docs", null).andExpect(status().isOk()).andReturn()).at("/data/commit/id").asString());
        states.add(state(states.get(7), "docs/readme.md", "readme"));
        commits.add(json(repo.restore(commits.get(4), null, null).andExpect(status().isOk()).andReturn()).at("/data/commit/id").asString());
        states.add(states.get(4));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(blobs);

        for (int i = 0; i < commits.size(); i++) {
            assertThat(repo.tree(commits.get(i))).as("tree at commit %d", i).isEqualTo(states.get(i));
            assertThat(repo.diff(null, commits.get(i))).as("diff of commit %d", i)
                    .containsExactlyInAnyOrderElementsOf(changes(i == 0 ? Map.of() : states.get(i - 1), states.get(i)));
        }
        assertThat(repo.diff(commits.get(1), commits.get(8))).containsExactlyInAnyOrderElementsOf(changes(states.get(1), states.get(8)));
        assertThat(new String(repo.download("w/x.bin", commits.get(1)), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(new String(repo.download("w/x.bin", commits.get(6)), StandardCharsets.UTF_8)).isEqualTo("re-added");
        List<String> newestFirst = new ArrayList<>(commits);
        java.util.Collections.reverse(newestFirst);
        assertThat(repo.log(null, null)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aPathsHistoryFollowsOneFileThroughEditsADeleteAndAReAdd() throws Exception {
        HistoryClient repo = newRepo("path-log");
        String c1 = repo.write("d/e/f.txt", "1");
        String c2 = repo.write("d/e/f.txt", "2");
        String c3 = repo.write("other.txt", "o");
        String c4 = repo.delete("d/e/f.txt");
        String c5 = repo.write("d/g.txt", "g");
        String c6 = repo.write("other.txt", "p");
        String c7 = repo.write("d/e/f.txt", "3");
        String c8 = repo.write("d/e/f.txt", "4");
        String c9 = repo.write("top.txt", "t");
        String c10 = repo.delete("top.txt");
        String c11 = repo.write("other.txt", "q");
        String c12 = repo.write("top.txt", "u");

        assertThat(repo.log(null, "d/e/f.txt")).containsExactly(c8, c7, c4, c2, c1);
        assertThat(repo.log(c6, "d/e/f.txt")).containsExactly(c4, c2, c1);
        assertThat(repo.log(null, "d")).containsExactly(c8, c7, c5, c4, c2, c1);
        assertThat(repo.log(null, "d/")).containsExactly(c8, c7, c5, c4, c2, c1);
        assertThat(repo.log(null, "other.txt")).containsExactly(c11, c6, c3);
        assertThat(repo.log(null, "top.txt")).containsExactly(c12, c10, c9);
        assertThat(repo.log(null, "never.txt")).isEmpty();
        mvc.perform(get("/api/commits").param("name", repo.name()).param("path", "d/e/f.txt"))
                .andExpect(jsonPath("$.data.numTotalItems").value(5))
                .andExpect(jsonPath("$.data.complete").value(true))
                .andExpect(jsonPath("$.data.list[0].changes[0].path").value("d/e/f.txt"))
                .andExpect(jsonPath("$.data.list[0].changes[0].op").value("modify"));
    }

    @Test
    void aComparisonOfMoreThanAThousandFilesReadsOnWithItsCursor() throws Exception {
        HistoryClient repo = newRepo("wide-diff");
        MultipartBody body = new MultipartBody().field("name", repo.name());
        for (int i = 0; i < 1005; i++) {
            body.file((i % 2 == 0 ? "even/" : "odd/") + "f-" + i + ".txt", "x" + i);
        }
        FilesTestSupport.upload(mvc, alice(), body).andExpect(status().isOk());
        JsonNode first = json(mvc.perform(get("/api/commits/diff").param("name", repo.name())).andReturn()).path("data");
        assertThat(first.path("files").size()).isEqualTo(1000);
        assertThat(first.path("complete").asBoolean()).isFalse();
        JsonNode second = json(mvc.perform(get("/api/commits/diff").param("name", repo.name())
                .param("cursor", first.path("cursor").asString())).andReturn()).path("data");
        assertThat(second.path("files").size()).isEqualTo(5);
        assertThat(second.path("complete").asBoolean()).isTrue();
        assertThat(second.has("cursor")).isFalse();
        TreeSet<String> all = new TreeSet<>(first.path("files").findValuesAsString("newFileName"));
        all.addAll(second.path("files").findValuesAsString("newFileName"));
        assertThat(all).hasSize(1005);
        mvc.perform(get("/api/commits/diff").param("name", repo.name()).param("cursor", "!!")).andExpect(status().isBadRequest());
    }

    @Test
    void theLogPagesThirtyAtATimeWithItsTotal() throws Exception {
        HistoryClient repo = newRepo("paging");
        List<String> commits = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            commits.add(repo.write("n.txt", "v" + i));
        }
        String name = repo.name();
        JsonNode second = json(mvc.perform(get("/api/commits").param("name", name).param("pageIndex", "2"))
                .andExpect(status().isOk()).andReturn()).path("data");
        assertThat(second.path("numTotalItems").asInt()).isEqualTo(35);
        assertThat(second.path("list").size()).isEqualTo(5);
        assertThat(second.path("list").get(4).path("id").asString()).isEqualTo(commits.get(0));
        assertThat(second.path("list").get(4).path("parents").size()).isZero();
        mvc.perform(get("/api/commits").param("name", name).param("pageIndex", "3"))
                .andExpect(jsonPath("$.data.list.length()").value(0)).andExpect(jsonPath("$.data.numTotalItems").value(35));
        mvc.perform(get("/api/commits").param("name", name).param("pageIndex", "0")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/commits").param("name", name).param("pageIndex", "x")).andExpect(status().isBadRequest());
    }

    @Test
    void restoringAFileAFolderOrEverythingMakesNewCommitsFromTheSameBlobs() throws Exception {
        HistoryClient repo = newRepo("restore");
        String c1 = repo.write("a.txt", "a");
        repo.write("w/b.txt", "b");
        String c3 = repo.write("w/c.txt", "c");
        Map<String, String> atC3 = repo.tree(c3);
        repo.delete("a.txt");
        repo.write("w/b.txt", "B2");
        repo.delete("w/c.txt");
        repo.write("w/d.txt", "d");

        long blobs = blobFiles(properties.dataDir());
        repo.restore(c1, "a.txt", null).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.changed").value(true))
                .andExpect(jsonPath("$.data.commit.message").value("Restore a.txt as of " + c1))
                .andExpect(jsonPath("$.data.files[0].path").value("a.txt"))
                .andExpect(jsonPath("$.data.files[0].sha256").value(atC3.get("a.txt")));
        assertThat(repo.tree("main")).containsEntry("a.txt", atC3.get("a.txt"));
        repo.restore(c3, "w", null).andExpect(status().isOk());
        assertThat(repo.tree("main")).isEqualTo(atC3);
        assertThat(blobFiles(properties.dataDir())).isEqualTo(blobs);

        repo.delete("w");
        repo.write("w", "a file where the folder was");
        repo.write("z.txt", "z");
        blobs = blobFiles(properties.dataDir());
        repo.restore(c3, "w", null).andExpect(status().isOk());
        repo.restore(c3, null, null).andExpect(status().isOk());
        assertThat(repo.tree("main")).isEqualTo(atC3);
        repo.restore(c3, null, null).andExpect(status().isOk()).andExpect(jsonPath("$.data.changed").value(false));
        assertThat(blobFiles(properties.dataDir())).isEqualTo(blobs);

        assertThat(repo.log(null, null)).hasSize(14);
        repo.restore(c1, "nothing-here.txt", null).andExpect(status().isNotFound());
        repo.restore("0000000", null, null).andExpect(status().isNotFound());
        mvc.perform(post("/api/commits/restore").contentType(MediaType.APPLICATION_JSON).with(bob())
                        .content("{\"name\":\"" + repo.name() + "\",\"revision\":\"" + c1 + "\"}"))
                .andExpect(status().isForbidden());
        assertThat(repo.log(null, null)).hasSize(14);
    }
}
