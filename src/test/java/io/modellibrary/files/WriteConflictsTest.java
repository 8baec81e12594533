package io.modellibrary.files;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.commitCount;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Writes that change nothing, writes based on an old head, and many writers at once. */
@EmptyCatalogueTest
class WriteConflictsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    private String head(String name) throws Exception {
        return json(mvc.perform(get("/api/commits").param("name", name).with(alice())).andReturn()).at("/data/list/0/id").asText();
    }

    @Test
    void anUploadOrEditThatChangesNothingMakesNoCommitAndSaysSo() throws Exception {
        String name = uniqueName("noop");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("README.md", "# hi\n")).andExpect(status().isOk());
        String head = head(name);

        upload(mvc, alice(), new MultipartBody().field("name", name).file("README.md", "# hi\n"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.changed").value(false))
                .andExpect(jsonPath("$.data.commit.id").value(head));
        mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).with(alice())
                        .content("{\"name\":\"" + name + "\",\"path\":\"README.md\",\"content\":\"# hi\\n\"}"))
                .andExpect(jsonPath("$.data.changed").value(false));

        assertThat(commitCount(mvc, name)).isEqualTo(1);
        assertThat(head(name)).isEqualTo(head);
    }

    @Test
    void aWriteBasedOnAnOldHeadIs409NamingTheHeadAndStoresNothing() throws Exception {
        String name = uniqueName("stale");
        fixtures.model(name).owner("alice").save();
        upload(mvc, alice(), new MultipartBody().field("name", name).file("a.txt", "one")).andExpect(status().isOk());
        String first = head(name);
        upload(mvc, alice(), new MultipartBody().field("name", name).field("parentCommit", first).file("a.txt", "two"))
                .andExpect(status().isOk());
        String second = head(name);

        upload(mvc, alice(), new MultipartBody().field("name", name).field("parentCommit", first).file("b.txt", "late"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.msg").value(org.hamcrest.Matchers.containsString(second)));
        mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).with(alice())
                        .content("{\"name\":\"" + name + "\",\"path\":\"a.txt\",\"content\":\"x\",\"parentCommit\":\"" + first + "\"}"))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/files").param("name", name).param("path", "a.txt").param("parentCommit", first).with(alice()))
                .andExpect(status().isConflict());

        assertThat(head(name)).isEqualTo(second);
        mvc.perform(get("/api/files/download").param("name", name).param("path", "b.txt")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/files").param("name", name).param("path", "a.txt").param("parentCommit", second).with(alice()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data.changed").value(true));
    }

    @Test
    void sixteenRacingWritersLoseNoAcknowledgedChange() throws Exception {
        String name = uniqueName("race");
        fixtures.model(name).owner("alice").save();
        int writers = 16;
        int each = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    JsonNode answer = json(upload(mvc, alice(), new MultipartBody().field("name", name)
                            .file("w" + writer + "/f" + i + ".txt", "writer " + writer + " file " + i)
                            .file("shared.txt", "last by " + writer + " " + i))
                            .andExpect(status().isOk()).andExpect(jsonPath("$.data.changed").value(true)).andReturn());
                    acknowledged.add(answer.at("/data/commit/id").asText());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        JsonNode commits = json(mvc.perform(get("/api/commits").param("name", name).param("limit", "200").with(alice())).andReturn())
                .at("/data/list");
        Set<String> inHistory = new HashSet<>();
        commits.forEach(c -> inHistory.add(c.path("id").asText()));
        assertThat(inHistory).as("every acknowledged commit is in the history").containsAll(acknowledged);
        assertThat(commits.size()).isEqualTo(writers * each);
        Set<String> added = new HashSet<>();
        commits.forEach(c -> c.path("changes").forEach(ch -> added.add(ch.path("path").asText())));
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < each; i++) {
                String path = "w" + w + "/f" + i + ".txt";
                assertThat(added).contains(path);
                mvc.perform(get("/api/files/download").param("name", name).param("path", path))
                        .andExpect(content().string("writer " + w + " file " + i));
            }
        }
    }
}
