package io.modellibrary.files;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.json;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The history endpoints as a writer (alice) uses them, for one repository; reads as alice unless told. */
final class HistoryClient {

    private final MockMvc mvc;
    private final String name;

    HistoryClient(MockMvc mvc, String name) {
        this.mvc = mvc;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Writes a text file (on {@code branch}, null for main) and answers the new commit id. */
    String write(String path, String content, String branch) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"path\":\"" + path + "\",\"content\":\"" + content + "\""
                + (branch == null ? "" : ",\"branch\":\"" + branch + "\"") + "}";
        return commitId(mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).content(body).with(alice())));
    }

    String write(String path, String content) throws Exception {
        return write(path, content, null);
    }

    String delete(String path) throws Exception {
        return commitId(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/files").param("name", name).param("path", path).with(alice())));
    }

    ResultActions restore(String revision, String path, String branch) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"revision\":\"" + revision + "\""
                + (path == null ? "" : ",\"path\":\"" + path + "\"")
                + (branch == null ? "" : ",\"branch\":\"" + branch + "\"") + "}";
        return mvc.perform(post("/api/commits/restore").contentType(MediaType.APPLICATION_JSON).content(body).with(alice()));
    }

    ResultActions createRef(String kind, String refName, String revision) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"ref\":\"" + kind + "\",\"refName\":\"" + refName + "\""
                + (revision == null ? "" : ",\"revision\":\"" + revision + "\"") + "}";
        return mvc.perform(post("/api/refs").contentType(MediaType.APPLICATION_JSON).content(body).with(alice()));
    }

    /** The ids of one page of the log (path null for all). */
    List<String> log(String revision, String path) throws Exception {
        var request = get("/api/commits").param("name", name).with(alice());
        if (revision != null) {
            request.param("revision", revision);
        }
        if (path != null) {
            request.param("path", path);
        }
        JsonNode list = json(mvc.perform(request).andExpect(status().isOk()).andReturn()).at("/data/list");
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.get("id").asString()));
        return ids;
    }

    /** Every file at the revision, path → sha256, walking filesTable and getBlob. */
    Map<String, String> tree(String revision) throws Exception {
        Map<String, String> files = new TreeMap<>();
        walk(revision, "", files);
        return files;
    }

    private void walk(String revision, String folder, Map<String, String> files) throws Exception {
        JsonNode table = json(mvc.perform(get("/api/filesTable").param("name", name).param("path", folder)
                .param("revision", revision).with(alice())).andExpect(status().isOk()).andReturn()).at("/data/filesTable");
        for (JsonNode row : table) {
            String path = row.get("key").asString();
            if (row.get("isAFolder").asBoolean()) {
                walk(revision, path, files);
            } else {
                files.put(path, FilesTestSupport.sha256(download(path, revision)));
            }
        }
    }

    byte[] download(String path, String revision) throws Exception {
        return mvc.perform(get("/api/files/download").param("name", name).param("path", path).param("revision", revision)
                .with(alice())).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    /** The comparison's files as "status path oldSha256 newSha256", in its order. */
    List<String> diff(String from, String to) throws Exception {
        var request = get("/api/commits/diff").param("name", name).with(alice());
        if (from != null) {
            request.param("from", from);
        }
        if (to != null) {
            request.param("to", to);
        }
        JsonNode files = json(mvc.perform(request).andExpect(status().isOk()).andReturn()).at("/data/files");
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.add(f.get("status").asString() + " " + f.path(f.has("newFileName") ? "newFileName" : "oldFileName").asString()
                + " " + f.path("oldSha256").asString("-") + " " + f.path("newSha256").asString("-")));
        return out;
    }

    private static String commitId(ResultActions result) throws Exception {
        return json(result.andExpect(status().isOk()).andReturn()).at("/data/commit/id").asString();
    }
}
