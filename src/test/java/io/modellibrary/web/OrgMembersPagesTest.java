package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Members;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The members page's invite form and remove buttons as an admin meets them: a refused invitation
 * comes back on the form with its reason and what was typed, and the sole admin is not offered a
 * removal that can only be refused.
 */
@EmptyCatalogueTest
class OrgMembersPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    private static Cookie session(Accounts.SignedIn user) {
        return new Cookie(WebPages.SESSION_COOKIE, user.token());
    }

    private String membersPage(String org, Accounts.SignedIn user) throws Exception {
        return mvc.perform(get("/organizations/" + org + "/settings/members").cookie(session(user))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void invitingAnUnknownUserOrAMemberShowsTheFormAgainWithTheReasonAndWhatWasTyped() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webinvadmin");
        String org = Accounts.uniqueName("webinvorg");
        members.createOrg(admin, org);
        String ghost = Accounts.uniqueName("ghost");
        String invitations = "/organizations/" + org + "/settings/members/invitations";

        String unknown = mvc.perform(post(invitations).with(csrf()).cookie(session(admin)).param("username", ghost).param("role", "read"))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(unknown).contains("no such user: " + ghost).contains("role=\"alert\"").contains("Invite a user")
                .contains("value=\"" + ghost + "\"").containsPattern("value=\"read\"\\s+selected")
                .doesNotContain("There is nothing here").doesNotContain("Back to the catalogue");

        String member = mvc.perform(post(invitations).with(csrf()).cookie(session(admin)).param("username", admin.username()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(member).contains(admin.username() + " is already a member of " + org).contains("Invite a user");
        assertThat(membersPage(org, admin)).as("nobody was invited").doesNotContain("Invitations sent");

        Accounts.SignedIn invited = accounts.signUp("webinvited");
        mvc.perform(post(invitations).with(csrf()).cookie(session(admin)).param("username", invited.username()))
                .andExpect(redirectedUrl("/organizations/" + org + "/settings/members"));
        assertThat(membersPage(org, admin)).contains("Invitations sent").contains(invited.username());
    }

    @Test
    void anOrganisationThatDoesNotExistOrAMemberWhoIsNoAdminGetsNoForm() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webinvowner");
        Accounts.SignedIn writer = accounts.signUp("webinvwriter");
        String org = orgOf(admin, writer);
        mvc.perform(post("/organizations/" + org + "/settings/members/invitations").with(csrf()).cookie(session(writer))
                .param("username", "nobody-at-all")).andExpect(status().isForbidden());
        mvc.perform(post("/organizations/" + Accounts.uniqueName("noorg") + "/settings/members/invitations").with(csrf())
                .cookie(session(admin)).param("username", writer.username())).andExpect(status().isNotFound());
    }

    @Test
    void theSoleAdminsRemoveButtonAndRolePickerAreDisabledAndSayWhyUntilThereIsASecondAdmin() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("websoleadmin");
        Accounts.SignedIn writer = accounts.signUp("websolewriter");
        String org = orgOf(admin, writer);

        String page = membersPage(org, admin);
        assertThat(button(page, admin)).contains("disabled=\"disabled\"")
                .contains("title=\"The only admin cannot be removed: make another member admin first.\"");
        assertThat(button(page, writer)).doesNotContain("disabled").doesNotContain("title=");
        String hint = "title=\"The only admin&#39;s role cannot be changed: make another member admin first.\"";
        assertThat(rolePicker(page, admin)).as("the sole admin's role picker leads nowhere: disabled, saying why")
                .contains("disabled=\"disabled\"").contains(hint);
        assertThat(tag(page, "<button [^>]*aria-label=\"Change " + admin.username() + "&#39;s role\"[^>]*>"))
                .contains("disabled=\"disabled\"").contains(hint);
        assertThat(rolePicker(page, writer)).doesNotContain("disabled").doesNotContain("title=");

        mvc.perform(post("/organizations/" + org + "/settings/members/" + writer.username() + "/role").with(csrf())
                .cookie(session(admin)).param("role", "admin")).andExpect(status().is3xxRedirection());
        assertThat(button(membersPage(org, admin), admin)).as("two admins: either may be removed").doesNotContain("disabled");
        assertThat(rolePicker(membersPage(org, admin), admin)).as("two admins: either may be demoted").doesNotContain("disabled");
    }

    @Test
    void pagesSayOrganisationInTheirTextAsTheApiAndReadmeDoWhileUrlsKeepOrganizations() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webspelling");
        Accounts.SignedIn writer = accounts.signUp("webspellingw");
        String org = orgOf(admin, writer);
        for (String url : new String[]{"/organizations/new", "/" + org, "/organizations/" + org + "/settings/members",
                "/" + admin.username(), "/settings/account"}) {
            String html = mvc.perform(get(url).cookie(session(admin))).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString();
            String text = html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ");
            assertThat(text).as(url).containsIgnoringCase("organisation").doesNotContainIgnoringCase("organization");
        }
        String menu = mvc.perform(get("/organizations/new").cookie(session(admin))).andReturn().getResponse().getContentAsString();
        assertThat(menu).contains("href=\"/organizations/new\">New organisation</a>").contains("<h1>Create an organisation</h1>");
    }

    @Test
    void theOrganisationPageNamesEachMembersRoleInWordsThatReadRightForEveryRole() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("webroleadmin");
        Accounts.SignedIn writer = accounts.signUp("webrolewriter");
        Accounts.SignedIn reader = accounts.signUp("webrolereader");
        String org = orgOf(admin, writer);
        members.add(admin, org, reader, "read");
        for (var member : java.util.Map.of(admin, "admin", writer, "write", reader, "read").entrySet()) {
            String text = mvc.perform(get("/" + org).cookie(session(member.getKey()))).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString().replaceAll("<[^>]*>", "").replaceAll("\\s+", " ");
            assertThat(text).as(member.getValue()).contains("Organisation · since").contains("· your role: " + member.getValue())
                    .doesNotContain("you are " + member.getValue());
        }
    }

    /** A new organisation with {@code admin} as its admin and {@code writer} a member with the write role; its name. */
    private String orgOf(Accounts.SignedIn admin, Accounts.SignedIn writer) {
        String org = Accounts.uniqueName("webmembers");
        members.createOrg(admin, org);
        members.add(admin, org, writer, "write");
        return org;
    }

    /** The remove button of {@code member}'s row, its tag as the page has it. */
    private static String button(String page, Accounts.SignedIn member) {
        return tag(page, "<button [^>]*aria-label=\"Remove " + member.username() + "\"[^>]*>");
    }

    /** The role picker of {@code member}'s row, its opening tag as the page has it. */
    private static String rolePicker(String page, Accounts.SignedIn member) {
        return tag(page, "<select [^>]*id=\"role-" + member.username() + "\"[^>]*>");
    }

    /** The first tag of the page matching {@code regex}. */
    private static String tag(String page, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(page);
        assertThat(m.find()).as("a tag matching " + regex).isTrue();
        return m.group();
    }
}
