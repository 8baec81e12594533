package io.modellibrary.org;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code DELETE /api/orgs/{org}}: only an admin deletes an organisation, never while it holds a
 * repository (409 naming how many), and the deletion frees the name as its last admin's account
 * deletion does: requests and invitations go, the name can be registered again, and an old name in
 * that namespace keeps leading to the repository that was renamed out of it, never to the newcomer's.
 */
@FullStackTest
class OrgDeletionTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void anAdminDeletesTheOrganisationAndItsRequestsAndInvitationsGo() throws Exception {
        String org = Accounts.uniqueName("gone");
        Accounts.SignedIn admin = accounts.signUp("goneadmin");
        members.createOrg(admin, org);
        Accounts.SignedIn asker = accounts.signUp("goneasker");
        Accounts.SignedIn invited = accounts.signUp("goneinvited");
        members.ok(post("/api/orgs/" + org + "/requests").with(asker.bearer()));
        members.ok(post("/api/orgs/" + org + "/invitations").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + invited.username() + "\",\"role\":\"write\"}"));

        deleteOrg(org.toUpperCase(), admin).andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0)).andExpect(jsonPath("$.msg").value("success"));

        mvc.perform(get("/api/orgs/" + org)).andExpect(status().isNotFound());
        mvc.perform(get("/api/orgs").with(admin.bearer()))
                .andExpect(jsonPath("$.data.organisations[*].name", not(hasItem(org))));
        mvc.perform(get("/api/orgs").with(asker.bearer())).andExpect(jsonPath("$.data.requests").isEmpty());
        mvc.perform(get("/api/orgs").with(invited.bearer())).andExpect(jsonPath("$.data.invitations").isEmpty());
        mvc.perform(post("/api/orgs/" + org + "/invitations/accept").with(invited.bearer())).andExpect(status().isNotFound());
        deleteOrg(org, admin).andExpect(status().isNotFound());

        // The name is free: someone else founds an organisation of that name, with nobody of the old one in it.
        members.createOrg(asker, org);
        mvc.perform(get("/api/orgs/" + org).with(asker.bearer())).andExpect(jsonPath("$.data.yourRole").value("admin"))
                .andExpect(jsonPath("$.data.members.length()").value(1));
        mvc.perform(get("/api/orgs/" + org).with(admin.bearer())).andExpect(jsonPath("$.data.yourRole").doesNotExist());
    }

    @Test
    void onlyAnAdminMayDelete() throws Exception {
        String org = Accounts.uniqueName("kept");
        Accounts.SignedIn admin = accounts.signUp("keptadmin");
        members.createOrg(admin, org);
        Accounts.SignedIn writer = accounts.signUp("keptwriter");
        members.add(admin, org, writer, "write");
        Accounts.SignedIn outsider = accounts.signUp("keptoutsider");

        deleteOrg(org, writer).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value(0)).andExpect(jsonPath("$.msg").value(containsString("admin")));
        deleteOrg(org, outsider).andExpect(status().isForbidden());
        mvc.perform(delete("/api/orgs/" + org)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.msg").value("no login"));
        // An admin's read token acts with read rights only.
        Members.Token read = members.token(admin, "read");
        mvc.perform(delete("/api/orgs/" + org).with(Accounts.bearer(read.token()))).andExpect(status().isForbidden());

        mvc.perform(get("/api/orgs/" + org).with(writer.bearer())).andExpect(jsonPath("$.data.yourRole").value("write"));
        deleteOrg(Accounts.uniqueName("nosuch"), admin).andExpect(status().isNotFound());
    }

    @Test
    void anOrganisationHoldingRepositoriesIsNotDeletedAndTheRefusalSaysHowMany() throws Exception {
        String org = Accounts.uniqueName("holds");
        Accounts.SignedIn admin = accounts.signUp("holdsadmin");
        members.createOrg(admin, org);
        members.createModel(admin.bearer(), org + "/open", false).andExpect(jsonPath("$.msg").value("success"));
        members.createModel(admin.bearer(), org + "/closed", true).andExpect(jsonPath("$.msg").value("success"));

        deleteOrg(org, admin).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value(org + " still holds 2 repositories: delete or move them to another namespace first"));
        mvc.perform(get("/api/orgs/" + org).with(admin.bearer())).andExpect(jsonPath("$.data.yourRole").value("admin"))
                .andExpect(jsonPath("$.data.repositories.length()").value(2));

        mvc.perform(delete("/api/model").param("name", org + "/open").with(admin.bearer())).andExpect(status().isOk());
        deleteOrg(org, admin).andExpect(status().isConflict())
                .andExpect(jsonPath("$.msg").value(org + " still holds 1 repository: delete or move it to another namespace first"));
        mvc.perform(delete("/api/model").param("name", org + "/closed").with(admin.bearer())).andExpect(status().isOk());
        deleteOrg(org, admin).andExpect(status().isOk());
    }

    @Test
    void anOldNameInTheDeletedNamespaceNeverLeadsToTheNewcomersRepository() throws Exception {
        String org = Accounts.uniqueName("moved");
        Accounts.SignedIn admin = accounts.signUp("movedadmin");
        members.createOrg(admin, org);
        String oldName = org + "/weights";
        String newName = admin.username() + "/weights";
        members.createModel(admin.bearer(), oldName, false).andExpect(jsonPath("$.msg").value("success"));
        members.ok(put("/api/files/text").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + oldName + "\",\"path\":\"config.json\",\"content\":\"genuine\"}"));
        mvc.perform(patch("/api/model").param("name", oldName).with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"newName\":\"" + newName + "\"}")).andExpect(jsonPath("$.data.options.name").value(newName));

        deleteOrg(org, admin).andExpect(status().isOk());
        Accounts.SignedIn newcomer = new Accounts.SignedIn(org, null, accounts.register(org, null));

        members.createModel(newcomer.bearer(), oldName, false).andExpect(jsonPath("$.msg").value("item already exists"));
        members.createModel(newcomer.bearer(), org + "/decoy", false).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(patch("/api/model").param("name", org + "/decoy").with(newcomer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"newName\":\"" + oldName + "\"}")).andExpect(jsonPath("$.msg").value("item already exists"));
        mvc.perform(get("/api/model").param("name", oldName)).andExpect(jsonPath("$.data.options.name").value(newName));
        mvc.perform(get("/api/files/download").param("name", oldName).param("type", "model").param("path", "config.json"))
                .andExpect(status().isOk()).andExpect(content().string("genuine"));
    }

    private ResultActions deleteOrg(String org, Accounts.SignedIn caller) throws Exception {
        return mvc.perform(delete("/api/orgs/" + org).with(caller.bearer()));
    }
}
