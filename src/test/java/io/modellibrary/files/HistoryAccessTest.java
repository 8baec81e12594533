package io.modellibrary.files;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bob;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A private repository's history is no such item to anyone who may not read it; changing history needs the write role. */
@EmptyCatalogueTest
class HistoryAccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @Test
    void aPrivateRepositorysHistoryDoesNotExistForOthers() throws Exception {
        String name = uniqueName("private-history");
        fixtures.model(name).owner("alice").privateRepo().save();
        HistoryClient repo = new HistoryClient(mvc, name);
        String old = repo.write("a.txt", "old");
        repo.write("a.txt", "new");
        repo.createRef("tag", "v1", old);
        String filepath = "/model/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/blob/v1/a.txt";

        for (RequestPostProcessor who : new RequestPostProcessor[] {bob(), r -> r}) {
            mvc.perform(get("/api/commits").param("name", name).with(who))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/commits").param("name", name).param("path", "a.txt").with(who)).andExpect(status().isNotFound());
            mvc.perform(get("/api/refs").param("name", name).with(who))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/commits/diff").param("name", name).param("from", old).with(who))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/filesTable").param("name", name).param("revision", old).with(who))
                    .andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/filesTable").param("name", name).param("revision", "unknown").with(who))
                    .andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/files/download").param("name", name).param("path", "a.txt").param("revision", old.substring(0, 7))
                    .with(who)).andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(get("/api/getBlob").param("filepath", filepath).with(who))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
            mvc.perform(post("/api/getPrevAndNewFile").contentType(MediaType.APPLICATION_JSON).content("\"" + name + "\"").with(who))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
        }
        mvc.perform(post("/api/refs").contentType(MediaType.APPLICATION_JSON).with(bob())
                        .content("{\"name\":\"" + name + "\",\"ref\":\"branch\",\"refName\":\"x\",\"revision\":\"main\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
        mvc.perform(delete("/api/refs").param("name", name).param("ref", "tag").param("refName", "v1").with(bob()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/commits/restore").contentType(MediaType.APPLICATION_JSON).with(bob())
                        .content("{\"name\":\"" + name + "\",\"revision\":\"" + old + "\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/refs").param("name", name).with(alice()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data.tags[0].targetCommit").value(old));
    }

    @Test
    void changingRefsOfAPublicRepositoryNeedsItsOwner() throws Exception {
        String name = uniqueName("public-refs");
        fixtures.model(name).owner("alice").save();
        HistoryClient repo = new HistoryClient(mvc, name);
        repo.write("a.txt", "a");
        repo.createRef("tag", "v1", "main");
        mvc.perform(get("/api/refs").param("name", name)).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.tags[0].name").value("v1"));
        mvc.perform(post("/api/refs").contentType(MediaType.APPLICATION_JSON).with(bob())
                        .content("{\"name\":\"" + name + "\",\"ref\":\"branch\",\"refName\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/refs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"ref\":\"branch\",\"refName\":\"x\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/refs").param("name", name).param("ref", "tag").param("refName", "v1").with(bob()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/refs").param("name", name)).andExpect(jsonPath("$.data.tags[0].name").value("v1"));
    }
}
