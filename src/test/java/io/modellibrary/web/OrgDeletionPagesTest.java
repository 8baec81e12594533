package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Members;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The danger zone of an organisation's members page: its admin deletes the organisation after
 * typing its name and lands on their profile, which says so; a wrong name, a missing CSRF token,
 * a non-admin or repositories still in the organisation delete nothing.
 */
@EmptyCatalogueTest
class OrgDeletionPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    private static Cookie session(Accounts.SignedIn user) {
        return new Cookie(WebPages.SESSION_COOKIE, user.token());
    }

    private ResultActions submit(String org, Accounts.SignedIn user, String confirm) throws Exception {
        return mvc.perform(post("/organizations/" + org + "/settings/delete").with(csrf()).cookie(session(user)).param("confirm", confirm));
    }

    private void stillThere(String org) throws Exception {
        mvc.perform(get("/api/orgs/" + org)).andExpect(status().isOk()).andExpect(jsonPath("$.data.name").value(org));
    }

    @Test
    void theAdminTypesTheNameAndLandsOnTheirProfileWhichSaysSo() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webdeladmin");
        String org = Accounts.uniqueName("WebDelOrg");
        members.createOrg(admin, org);
        mvc.perform(get("/organizations/" + org + "/settings/members").cookie(session(admin))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Delete this organisation")))
                .andExpect(content().string(containsString("action=\"/organizations/" + org + "/settings/delete\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));

        submit(org, admin, "  " + org + " ").andExpect(status().is3xxRedirection())
                .andExpect(header().string(HttpHeaders.LOCATION, "/" + admin.username() + "?deletedOrg=" + org));

        mvc.perform(get("/api/orgs/" + org)).andExpect(status().isNotFound());
        mvc.perform(get("/" + admin.username()).param("deletedOrg", org).cookie(session(admin))).andExpect(status().isOk())
                .andExpect(content().string(containsString("is deleted; its name is free again")))
                .andExpect(content().string(containsString("<strong>" + org + "</strong>")));
        // Someone else's profile, or nobody signed in: no notice.
        mvc.perform(get("/" + admin.username()).param("deletedOrg", org))
                .andExpect(content().string(not(containsString("is deleted"))));
    }

    @Test
    void aHandMadeLinkNamesNoOrganisationThatExists() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webdellink");
        String org = Accounts.uniqueName("webdelthere");
        members.createOrg(admin, org);
        mvc.perform(get("/" + admin.username()).param("deletedOrg", org.toUpperCase()).cookie(session(admin)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("is deleted"))));
        mvc.perform(get("/" + admin.username()).param("deletedOrg", "<b>x</b>").cookie(session(admin)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("is deleted"))));
    }

    @Test
    void aWrongOrDifferentlySpelledNameIsRefusedOnTheFormAndDeletesNothing() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webdelwrong");
        String org = Accounts.uniqueName("WebDelTypo");
        members.createOrg(admin, org);
        for (String typed : new String[]{"", org + "x", org.toLowerCase()}) {
            submit(org, admin, typed).andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("type the organisation&#39;s name " + org + " to confirm the deletion")))
                    .andExpect(content().string(containsString("Delete this organisation")));
            stillThere(org);
        }
    }

    @Test
    void anOrganisationHoldingARepositoryIsRefusedOnTheFormWithTheCount() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webdelholds");
        String org = Accounts.uniqueName("webdelholds");
        members.createOrg(admin, org);
        members.createModel(admin.bearer(), org + "/kept", true).andExpect(jsonPath("$.msg").value("success"));

        submit(org, admin, org).andExpect(status().isConflict())
                .andExpect(content().string(containsString(org + " still holds 1 repository: delete or move it to another namespace first")));
        stillThere(org);
    }

    @Test
    void withoutTheCsrfTokenOrAsAMemberWhoIsNoAdminNothingIsDeleted() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webdelcsrf");
        Accounts.SignedIn writer = accounts.signUp("webdelwriter");
        String org = Accounts.uniqueName("webdelguarded");
        members.createOrg(admin, org);
        members.add(admin, org, writer, "write");

        mvc.perform(post("/organizations/" + org + "/settings/delete").cookie(session(admin)).param("confirm", org))
                .andExpect(status().isForbidden()).andExpect(content().string(containsString("security token")));
        stillThere(org);
        submit(org, writer, org).andExpect(status().isForbidden());
        stillThere(org);
        mvc.perform(get("/organizations/" + org + "/settings/members").cookie(session(writer))).andExpect(status().isForbidden());
        mvc.perform(post("/organizations/" + org + "/settings/delete").with(csrf()).param("confirm", org))
                .andExpect(status().is3xxRedirection());
        stillThere(org);
    }
}
