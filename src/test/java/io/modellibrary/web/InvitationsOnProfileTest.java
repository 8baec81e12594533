package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An invited user finds the invitation on their own profile page, linking to the organisation's
 * page where it is accepted; nobody else sees it there (a newcomer's probe found it nowhere but
 * on the organisation's page, which the invitee had to be told about).
 */
@FullStackTest
class InvitationsOnProfileTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void theInviteeSeesTheInvitationOnTheirProfileAndNobodyElseDoes() throws Exception {
        String org = Accounts.uniqueName("inviting");
        Accounts.SignedIn admin = accounts.signUp("invadmin");
        members.createOrg(admin, org);
        Accounts.SignedIn invited = accounts.signUp("invitee");
        members.ok(post("/api/orgs/" + org + "/invitations").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + invited.username() + "\",\"role\":\"write\"}"));

        String own = page(invited, "/" + invited.username());
        assertThat(own).contains("Invitations").contains("href=\"/" + org + "\"").contains(">write<");
        assertThat(page(admin, "/" + invited.username())).doesNotContain("Invitations").doesNotContain("href=\"/" + org + "\"");
        assertThat(mvc.perform(get("/" + invited.username())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).doesNotContain("Invitations");

        mvc.perform(post("/api/orgs/" + org + "/invitations/accept").with(invited.bearer())).andExpect(status().isOk());
        assertThat(page(invited, "/" + invited.username())).doesNotContain("Invitations").contains("href=\"/" + org + "\"");
    }

    private String page(Accounts.SignedIn who, String url) throws Exception {
        return mvc.perform(get(url).cookie(new Cookie(WebPages.SESSION_COOKIE, who.token()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
