package io.modellibrary.web;

import io.modellibrary.database.Migration;
import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
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
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ApplicationContext context;

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

    /**
     * The header counts the invitations waiting for the signed-in user, linking to their profile's list (W19): from
     * marks on their own document, kept by invite, accept, decline and the organisation's deletion, settled by the
     * profile (which reads the invitations themselves), and made for older invitations by a start-up migration.
     */
    @Test
    void theHeaderCountsTheInvitationsWaitingAndLinksToTheProfile() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("hdradmin");
        String first = Accounts.uniqueName("hdrone"), second = Accounts.uniqueName("hdrtwo");
        members.createOrg(admin, first);
        members.createOrg(admin, second);
        Accounts.SignedIn invited = accounts.signUp("hdrinvitee");
        assertThat(header(page(invited, "/models"))).doesNotContain("invitation");

        invite(admin, first, invited);
        String one = header(page(invited, "/models"));
        assertThat(one).contains("<a class=\"invitations-notice\" href=\"/" + invited.username() + "#invitations-title\"")
                .contains("aria-label=\"1 organisation invitation waits for you: accept or decline on your profile\"")
                .contains("<span class=\"count-badge\">1</span> invitation</a>");
        assertThat(page(invited, "/" + invited.username())).contains("id=\"invitations-title\"");
        assertThat(header(page(admin, "/models"))).as("the admin is invited to nothing").doesNotContain("invitation");
        invite(admin, first, invited); // invited again: still one
        invite(admin, second, invited);
        assertThat(header(page(invited, "/models"))).contains("<span class=\"count-badge\">2</span> invitations</a>")
                .contains("aria-label=\"2 organisation invitations wait for you");

        mvc.perform(post("/api/orgs/" + first + "/invitations/decline").with(invited.bearer())).andExpect(status().isOk());
        assertThat(header(page(invited, "/models"))).contains("<span class=\"count-badge\">1</span> invitation</a>");
        mvc.perform(delete("/api/orgs/" + second).with(admin.bearer())).andExpect(status().isOk());
        assertThat(header(page(invited, "/models"))).as("the inviting organisation is deleted").doesNotContain("invitation");

        // a mark without its invitation (a failure between the two writes) is settled by the profile's list
        invite(admin, first, invited);
        mvc.perform(post("/api/orgs/" + first + "/invitations/accept").with(invited.bearer())).andExpect(status().isOk());
        assertThat(header(page(invited, "/models"))).doesNotContain("invitation");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(userId(invited))), new Update().addToSet("invitedBy", "gone-org"), "users");
        assertThat(header(page(invited, "/models"))).contains("<span class=\"count-badge\">1</span> invitation</a>");
        assertThat(page(invited, "/" + invited.username())).doesNotContain("id=\"invitations-title\"")
                .as("the profile's header counts what it lists").doesNotContain("invitations-notice");
        assertThat(header(page(invited, "/models"))).doesNotContain("invitation");

        // an invitation made before the marks: the start-up step marks it
        String third = Accounts.uniqueName("hdrthree");
        members.createOrg(admin, third);
        invite(admin, third, invited);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(userId(invited))), new Update().unset("invitedBy"), "users");
        assertThat(header(page(invited, "/models"))).doesNotContain("invitation");
        context.getBean("invitationMarksMigration", Migration.class).run();
        assertThat(header(page(invited, "/models"))).contains("<span class=\"count-badge\">1</span> invitation</a>");
    }

    private void invite(Accounts.SignedIn admin, String org, Accounts.SignedIn user) {
        members.ok(post("/api/orgs/" + org + "/invitations").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + user.username() + "\",\"role\":\"read\"}"));
    }

    /** The {@code _id} of the user's document, as stored. */
    private Object userId(Accounts.SignedIn who) {
        return mongo.findOne(Query.query(Criteria.where("username").is(who.username())), org.bson.Document.class, "users")
                .get("_id");
    }

    /** The page's {@code <header class="top">}. */
    private static String header(String page) {
        return page.substring(page.indexOf("<header class=\"top\">"), page.indexOf("</header>") + "</header>".length());
    }

    private String page(Accounts.SignedIn who, String url) throws Exception {
        return mvc.perform(get(url).cookie(new Cookie(WebPages.SESSION_COOKIE, who.token()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
