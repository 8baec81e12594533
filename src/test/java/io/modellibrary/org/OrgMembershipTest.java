package io.modellibrary.org;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Organisations as docs/http-contract.md#roles describes them: registering with a team's name asks to join and
 * gets nothing until an admin accepts; roles decide what members may do; the last admin
 * stays; names are one case-insensitive space shared with users.
 */
@FullStackTest
class OrgMembershipTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void registeringWithAnExistingTeamsNameGivesNoRightUntilAnAdminAccepts() throws Exception {
        String acme = Accounts.uniqueName("acme");
        Accounts.SignedIn alice = accounts.signUp("alice", acme);
        String secret = acme + "/secret-weights";
        members.createModel(alice.bearer(), secret, true).andExpect(jsonPath("$.msg").value("success"));

        Accounts.SignedIn stranger = accounts.signUp("stranger", acme);
        profile(stranger).andExpect(jsonPath("$.data.team").value(acme)).andExpect(jsonPath("$.data.teamStatus").value("pending"));
        assertNothingOf(stranger, secret);

        members.ok(post("/api/orgs/" + acme + "/requests/" + stranger.username() + "/accept").with(alice.bearer()));
        profile(stranger).andExpect(jsonPath("$.data.teamStatus").value("active"));
        mvc.perform(get("/api/model").param("name", secret).with(stranger.bearer())).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(patch("/api/model").param("name", secret).with(stranger.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"description\":\"by a writer\"}")).andExpect(jsonPath("$.data.options.description").value("by a writer"));
        mvc.perform(delete("/api/model").param("name", secret).with(stranger.bearer()))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.msg").value(containsString("admin")));
    }

    @Test
    void aDeclinedRequestGivesNothingEver() throws Exception {
        String acme = Accounts.uniqueName("acme");
        Accounts.SignedIn alice = accounts.signUp("alice", acme);
        String secret = acme + "/secret";
        members.createModel(alice.bearer(), secret, true);
        Accounts.SignedIn stranger = accounts.signUp("stranger", acme);

        members.ok(get("/api/orgs/" + acme + "/requests").with(alice.bearer()));
        mvc.perform(get("/api/orgs/" + acme + "/requests").with(alice.bearer()))
                .andExpect(jsonPath("$.data.requests[0].username").value(stranger.username()));
        members.ok(post("/api/orgs/" + acme + "/requests/" + stranger.username() + "/decline").with(alice.bearer()));

        profile(stranger).andExpect(jsonPath("$.data.teamStatus").value(""));
        assertNothingOf(stranger, secret);
        mvc.perform(post("/api/orgs/" + acme + "/requests/" + stranger.username() + "/accept").with(alice.bearer()))
                .andExpect(status().isNotFound());
        assertNothingOf(stranger, secret);
    }

    @Test
    void aReadMemberSeesPrivateRepositoriesButChangesNothing() throws Exception {
        String org = Accounts.uniqueName("lab");
        Accounts.SignedIn admin = accounts.signUp("admin");
        members.createOrg(admin, org);
        members.createModel(admin.bearer(), org + "/private", true).andExpect(jsonPath("$.msg").value("success"));
        Accounts.SignedIn reader = accounts.signUp("reader");
        members.add(admin, org, reader, "read");

        mvc.perform(get("/api/model").param("name", org + "/private").with(reader.bearer())).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(get("/api/modelList").param("name", org).with(reader.bearer()))
                .andExpect(jsonPath("$.data.modelList[*].name", hasItem(org + "/private")));
        members.createModel(reader.bearer(), org + "/mine", false).andExpect(status().isForbidden());
        mvc.perform(patch("/api/model").param("name", org + "/private").with(reader.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"x\"}")).andExpect(status().isForbidden());

        members.ok(put("/api/orgs/" + org + "/members/" + reader.username()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"write\"}"));
        members.createModel(reader.bearer(), org + "/mine", false).andExpect(jsonPath("$.msg").value("success"));

        members.ok(delete("/api/orgs/" + org + "/members/" + reader.username()).with(admin.bearer()));
        mvc.perform(get("/api/model").param("name", org + "/private").with(reader.bearer())).andExpect(jsonPath("$.msg").value("no such item"));
    }

    @Test
    void theOrganisationPageShowsMembersToMembersOnly() throws Exception {
        String org = Accounts.uniqueName("page");
        Accounts.SignedIn admin = accounts.signUp("admin");
        members.createOrg(admin, org);
        members.createModel(admin.bearer(), org + "/open", false);
        members.createModel(admin.bearer(), org + "/closed", true);

        mvc.perform(get("/api/orgs/" + org)).andExpect(jsonPath("$.data.name").value(org))
                .andExpect(jsonPath("$.data.members").doesNotExist())
                .andExpect(jsonPath("$.data.repositories[*].name", hasItem(org + "/open")))
                .andExpect(jsonPath("$.data.repositories[*].name", not(hasItem(org + "/closed"))));
        mvc.perform(get("/api/orgs/" + org).with(admin.bearer())).andExpect(jsonPath("$.data.yourRole").value("admin"))
                .andExpect(jsonPath("$.data.members[0].username").value(admin.username()))
                .andExpect(jsonPath("$.data.repositories[*].name", hasItem(org + "/closed")));
        mvc.perform(get("/api/orgs").with(admin.bearer()))
                .andExpect(jsonPath("$.data.organisations[?(@.name == '" + org + "')].role").value("admin"));
        mvc.perform(get("/api/orgs/" + Accounts.uniqueName("none"))).andExpect(status().isNotFound());
    }

    @Test
    void theLastAdminCanNeitherLeaveNorBeDemoted() throws Exception {
        String org = Accounts.uniqueName("solo");
        Accounts.SignedIn admin = accounts.signUp("admin");
        members.createOrg(admin, org);

        mvc.perform(delete("/api/orgs/" + org + "/members/" + admin.username()).with(admin.bearer()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.msg").value(containsString("last admin")));
        setRole(admin, org, admin, "write").andExpect(status().isConflict());

        Accounts.SignedIn second = accounts.signUp("second");
        members.add(admin, org, second, "admin");
        members.ok(delete("/api/orgs/" + org + "/members/" + admin.username()).with(admin.bearer()));
        mvc.perform(get("/api/orgs/" + org).with(second.bearer())).andExpect(jsonPath("$.data.members.length()").value(1));
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        String org = Accounts.uniqueName("race");
        Accounts.SignedIn a = accounts.signUp("a");
        Accounts.SignedIn b = accounts.signUp("b");
        members.createOrg(a, org);
        members.add(a, org, b, "admin");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> both = List.of(
                    () -> setRole(a, org, b, "read").andReturn().getResponse().getStatus(),
                    () -> setRole(b, org, a, "read").andReturn().getResponse().getStatus());
            List<Integer> statuses = pool.invokeAll(both).stream().map(OrgMembershipTest::result).toList();
            assertThat(statuses).contains(200);
        } finally {
            pool.shutdownNow();
        }
        String page = members.ok(get("/api/orgs/" + org).with(a.bearer()));
        long admins = com.jayway.jsonpath.JsonPath.<List<String>>read(page, "$.data.members[?(@.role == 'admin')].username").size();
        assertThat(admins).isEqualTo(1);
    }

    @Test
    void namesAreOneCaseInsensitiveSpaceForUsersAndOrganisations() throws Exception {
        String labs = Accounts.uniqueName("Labs");
        Accounts.SignedIn founder = accounts.signUp("founder", labs);
        Accounts.SignedIn joiner = accounts.signUp("joiner", labs.toLowerCase());
        mvc.perform(get("/api/orgs/" + labs.toUpperCase()).with(founder.bearer()))
                .andExpect(jsonPath("$.data.name").value(labs));
        mvc.perform(get("/api/orgs/" + labs).with(founder.bearer()))
                .andExpect(jsonPath("$.data.members.length()").value(1));
        profile(joiner).andExpect(jsonPath("$.data.teamStatus").value("pending"));

        // an organisation named like a user, and a user named like an organisation, are refused
        mvc.perform(post("/api/orgs").with(founder.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + joiner.username().toUpperCase() + "\"}")).andExpect(status().isConflict());
        mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + labs.toLowerCase() + "\"}")).andExpect(jsonPath("$.msg").value("user name registered"));
        // a member of Labs writes labs/x
        members.createModel(founder.bearer(), labs.toLowerCase() + "/x", false).andExpect(jsonPath("$.msg").value("success"));
    }

    @Test
    void malformedOrganisationRequestsAre400() throws Exception {
        Accounts.SignedIn user = accounts.signUp("user");
        for (String body : List.of("{\"name\":\"has space\"}", "{\"name\":\"api\"}", "{\"name\":\"\"}", "{}", "[]")) {
            mvc.perform(post("/api/orgs").with(user.bearer()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value(0));
        }
        String org = Accounts.uniqueName("roles");
        members.createOrg(user, org);
        mvc.perform(post("/api/orgs/" + org + "/invitations").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + user.username() + "\",\"role\":\"owner\"}")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/orgs").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"anon-org\"}"))
                .andExpect(status().isUnauthorized());
    }

    private void assertNothingOf(Accounts.SignedIn user, String repo) throws Exception {
        mvc.perform(get("/api/model").param("name", repo).with(user.bearer())).andExpect(jsonPath("$.msg").value("no such item"));
        mvc.perform(get("/api/modelList").param("name", repo).with(user.bearer())).andExpect(jsonPath("$.data.numTotalItems").value(0));
        mvc.perform(patch("/api/model").param("name", repo).with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"description\":\"mine now\"}")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/model").param("name", repo).with(user.bearer())).andExpect(status().isNotFound());
        mvc.perform(post("/api/personalFiles").with(user.bearer())).andExpect(jsonPath("$.data.list.length()").value(0));
    }

    private ResultActions profile(Accounts.SignedIn user) throws Exception {
        return mvc.perform(get("/api/personalInformation").with(user.bearer()));
    }

    private ResultActions setRole(Accounts.SignedIn admin, String org, Accounts.SignedIn member, String role) throws Exception {
        MockHttpServletRequestBuilder request = put("/api/orgs/" + org + "/members/" + member.username()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"" + role + "\"}");
        return mvc.perform(request);
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
