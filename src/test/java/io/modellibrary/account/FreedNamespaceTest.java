package io.modellibrary.account;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A renamed repository's old name never comes to mean another owner's repository. When the
 * namespace the old name lies in is freed — its user deletes the account, or an
 * organisation goes with its last admin — and someone else registers that name, the old
 * name keeps leading to the renamed repository (downloads included) and the newcomer can
 * neither create nor rename a repository onto it. Its first holder, while it lasts, still may.
 */
@FullStackTest
class FreedNamespaceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void aDeletedUsersOldNamesStayWithTheRenamedRepositoryWhenTheNameIsRegisteredAgain() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("leaver");
        String org = Accounts.uniqueName("keepers");
        Accounts.SignedIn bob = accounts.signUp("keeper");
        members.createOrg(bob, org);
        members.add(bob, org, alice, "write");
        String oldName = alice.username() + "/weights";
        String newName = org + "/weights";
        members.createModel(alice.bearer(), oldName, false).andExpect(jsonPath("$.msg").value("success"));
        writeFile(oldName, "config.json", "{\\\"genuine\\\": true}", alice.bearer());
        rename(oldName, newName, alice.bearer()).andExpect(jsonPath("$.data.options.name").value(newName));

        deleteAccount(alice);
        Accounts.SignedIn mallory = new Accounts.SignedIn(alice.username(), null, accounts.register(alice.username(), null));

        members.createModel(mallory.bearer(), oldName, false).andExpect(jsonPath("$.msg").value("item already exists"));
        members.createModel(mallory.bearer(), mallory.username() + "/decoy", false).andExpect(jsonPath("$.msg").value("success"));
        rename(mallory.username() + "/decoy", oldName, mallory.bearer()).andExpect(jsonPath("$.msg").value("item already exists"));
        writeFile(oldName, "config.json", "{\\\"genuine\\\": false}", mallory.bearer()).andExpect(status().isForbidden());
        theHubAndThePagesSayTheNameIsReserved(mallory, oldName);

        oldNameStillLeadsTo(oldName, newName, "{\"genuine\": true}");
    }

    /**
     * Where a face can say more than the seed's "item already exists", it says why: the Hub answers
     * 400, not the 409 that {@code create_repo(exist_ok=True)} takes for "you have it already" (the
     * client would go on to upload into a repository that is not there), and the page explains.
     * {@code namespace/decoy} is a repository of the caller's.
     */
    private void theHubAndThePagesSayTheNameIsReserved(Accounts.SignedIn caller, String oldName) throws Exception {
        String name = oldName.substring(oldName.indexOf('/') + 1);
        mvc.perform(post("/api/repos/create").with(caller.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"type\":\"model\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("X-Error-Message", containsString("the name " + oldName + " is reserved")))
                .andExpect(jsonPath("$.error", containsString("old name of a repository that was renamed or moved")));
        mvc.perform(post("/api/repos/move").with(caller.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fromRepo\":\"" + caller.username() + "/decoy\",\"toRepo\":\"" + oldName + "\",\"type\":\"model\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("X-Error-Message", containsString("is reserved")));
        Cookie session = new Cookie(WebPages.SESSION_COOKIE, caller.token());
        mvc.perform(post("/new").with(csrf()).cookie(session).param("owner", caller.username())
                        .param("name", name).param("visibility", "public").param("task", ""))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("the name " + oldName + " is reserved")));
    }

    @Test
    void anOrganisationsOldNamesStayWithTheMovedRepositoryWhenItsNameIsTakenAgain() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("founder");
        String org = Accounts.uniqueName("shortlived");
        members.createOrg(admin, org);
        Accounts.SignedIn bob = accounts.signUp("heir");
        String heirs = Accounts.uniqueName("heirs");
        members.createOrg(bob, heirs);
        members.add(bob, heirs, admin, "write");
        String oldName = org + "/dataset-card";
        String newName = heirs + "/dataset-card";
        members.createModel(admin.bearer(), oldName, false).andExpect(jsonPath("$.msg").value("success"));
        writeFile(oldName, "README.md", "the real one", admin.bearer());
        rename(oldName, newName, admin.bearer()).andExpect(jsonPath("$.data.options.name").value(newName));

        deleteAccount(admin); // the last admin goes, and the organisation with them
        Accounts.SignedIn mallory = new Accounts.SignedIn(org, null, accounts.register(org, null));

        members.createModel(mallory.bearer(), oldName, true).andExpect(jsonPath("$.msg").value("item already exists"));
        oldNameStillLeadsTo(oldName, newName, "the real one");

        // The same when the freed name becomes an organisation again.
        Accounts.SignedIn eve = accounts.signUp("eve");
        deleteAccount(mallory);
        members.createOrg(eve, org);
        members.createModel(eve.bearer(), oldName, false).andExpect(jsonPath("$.msg").value("item already exists"));
        oldNameStillLeadsTo(oldName, newName, "the real one");
    }

    @Test
    void theNamespacesOwnHolderMayStillTakeAnOldNameOver() throws Exception {
        Accounts.SignedIn carol = accounts.signUp("carol");
        String first = carol.username() + "/first";
        members.createModel(carol.bearer(), first, false).andExpect(jsonPath("$.msg").value("success"));
        rename(first, carol.username() + "/second", carol.bearer()).andExpect(status().isOk());

        members.createModel(carol.bearer(), first, false).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(get("/api/model").param("name", first)).andExpect(jsonPath("$.data.options.name").value(first));
    }

    private void oldNameStillLeadsTo(String oldName, String newName, String content) throws Exception {
        mvc.perform(get("/api/model").param("name", oldName)).andExpect(jsonPath("$.data.options.name").value(newName));
        String path = oldName.endsWith("card") ? "README.md" : "config.json";
        mvc.perform(get("/api/files/download").param("name", oldName).param("type", "model").param("path", path))
                .andExpect(status().isOk()).andExpect(content().string(content));
    }

    private ResultActions rename(String from, String to, RequestPostProcessor who) throws Exception {
        return mvc.perform(patch("/api/model").param("name", from).with(who)
                .contentType(MediaType.APPLICATION_JSON).content("{\"newName\":\"" + to + "\"}"));
    }

    private ResultActions writeFile(String repo, String path, String text, RequestPostProcessor who) throws Exception {
        return mvc.perform(put("/api/files/text").with(who).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + repo + "\",\"path\":\"" + path + "\",\"content\":\"" + text + "\"}"));
    }

    private void deleteAccount(Accounts.SignedIn user) throws Exception {
        mvc.perform(delete("/api/account").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + Accounts.PASSWORD + "\"}")).andExpect(status().isOk());
    }
}
