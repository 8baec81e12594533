package io.modellibrary.hub;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The Hub face's base: its error shape, repository ids and revisions, and who reaches which path. */
@FullStackTest
class HubBaseTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void aMissingRepositoryIs404RepoNotFoundWithTheHubsErrorBodyAndHeaders() throws Exception {
        mvc.perform(get("/api/models/nobody-here/missing/refs"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "RepoNotFound"))
                .andExpect(header().string("X-Error-Message", "Repository not found"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"error\":\"Repository not found\"}", true));
    }

    @Test
    void aPrivateRepositoryAnswersExactlyAsAMissingOneToAnonymousAndOtherUsers() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("hubowner");
        Accounts.SignedIn other = accounts.signUp("hubother");
        members.createModel(owner.bearer(), owner.username() + "/secret", true);
        Members.Token othersReadToken = members.token(other, "read");
        for (RequestPostProcessor caller : new RequestPostProcessor[]{r -> r, other.bearer(), Accounts.bearer(othersReadToken.token())}) {
            sameAnswer(mvc.perform(get("/api/models/" + owner.username() + "/secret/refs").with(caller)).andReturn(),
                    mvc.perform(get("/api/models/" + owner.username() + "/never-made/refs").with(caller)).andReturn());
        }
        mvc.perform(get("/api/models/" + owner.username() + "/secret/refs").with(owner.bearer()))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"branches\":[],\"converts\":[],\"tags\":[],\"pullRequests\":[]}", true));
    }

    /** Status, body and every header but a renewed session token ({@code Authorization}, which says nothing of the repository). */
    static void sameAnswer(MvcResult hidden, MvcResult missing) throws Exception {
        assertThat(hidden.getResponse().getStatus()).isEqualTo(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(hidden.getResponse().getContentAsString()).isEqualTo(missing.getResponse().getContentAsString());
        assertThat(hidden.getResponse().getHeaderNames()).containsExactlyInAnyOrderElementsOf(missing.getResponse().getHeaderNames());
        for (String name : missing.getResponse().getHeaderNames()) {
            if (!name.equals("Authorization")) {
                assertThat(hidden.getResponse().getHeaders(name)).as(name).isEqualTo(missing.getResponse().getHeaders(name));
            }
        }
    }

    @Test
    void spacesAreAClear404() throws Exception {
        // the API, and a Space's file URL as hf_hub_download(repo_type="space") asks for it (GET and HEAD)
        for (var request : List.of(get("/api/spaces/someone/app/refs"), get("/spaces/someone/app/resolve/main/app.py"),
                head("/spaces/someone/app/resolve/main/app.py"), get("/spaces/app/raw/main/README.md"))) {
            mvc.perform(request)
                    .andExpect(status().isNotFound())
                    .andExpect(header().string("X-Error-Code", "RepoNotFound"))
                    .andExpect(header().string("X-Error-Message", "Spaces are not supported by this server"));
        }
        mvc.perform(get("/spaces/someone/app/resolve/main/app.py"))
                .andExpect(jsonPath("$.error").value("Spaces are not supported by this server"));
    }

    @Test
    void anUnknownPathIs404ForEveryoneAndKnownProtectedPathsStay401() throws Exception {
        mvc.perform(post("/no/such/route")).andExpect(status().isNotFound());
        mvc.perform(get("/no/such/route")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/no-such-endpoint")).andExpect(status().isNotFound());
        mvc.perform(post("/api/model").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.msg").value("no login"));
    }

    @Test
    void repoIdsComeFromTheTypeWordAndTheNamespace() {
        assertThat(HubRepoId.of("models", "alice", "bert")).isEqualTo(new HubRepoId(RepoType.MODEL, "alice/bert"));
        assertThat(HubRepoId.of("datasets", null, "squad")).isEqualTo(new HubRepoId(RepoType.DATASET, "squad"));
        assertThat(HubRepoId.ofPage(true, "alice", "ds").pagePrefix()).isEqualTo("datasets/");
        assertThatThrownBy(() -> HubRepoId.of("spaces", "a", "b")).isInstanceOf(HubException.class);
    }

    @Test
    void revisionsHeadIsTheDefaultBranchAndPullRequestsAre400() {
        assertThat(HubRevision.parse("HEAD")).isEqualTo("main");
        assertThat(HubRevision.parse(null)).isEqualTo("main");
        assertThat(HubRevision.parse("refs/heads/dev")).isEqualTo("refs/heads/dev");
        assertThatThrownBy(() -> HubRevision.parse("refs/pr/1"))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("pull requests are not supported");
                });
    }

    @Test
    void theLfsThresholdIsTenMebibytes() {
        assertThat(HubLfs.isLfs(HubLfs.THRESHOLD)).isFalse();
        assertThat(HubLfs.isLfs(HubLfs.THRESHOLD + 1)).isTrue();
        assertThat(HubLfs.pointerSize("a".repeat(64), 123)).isEqualTo(HubLfs.pointer("a".repeat(64), 123).length());
    }
}
