package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Members;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * The new-repository pages, {@code /new} and {@code /new-dataset}: a repository created in the
 * caller's namespace or an organisation where they may write, opened on its page; refusals (no
 * right on the organisation, a taken or invalid name) shown on the form with their status and
 * nothing created; sign-in and the CSRF token required; no user or organisation can be named
 * after these pages.
 */
@EmptyCatalogueTest
class NewRepoPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    private static Cookie session(Accounts.SignedIn user) {
        return new Cookie(WebPages.SESSION_COOKIE, user.token());
    }

    /** A new organisation of {@code admin}'s with {@code member} in it at {@code role}: its name. */
    private String organisation(Accounts.SignedIn admin, Accounts.SignedIn member, String role) {
        String org = Accounts.uniqueName("webneworg");
        members.createOrg(admin, org);
        members.add(admin, org, member, role);
        return org;
    }

    private ResultActions create(String page, Accounts.SignedIn user, String owner, String name, String visibility) throws Exception {
        return mvc.perform(post(page).with(csrf()).cookie(session(user))
                .param("owner", owner).param("name", name).param("visibility", visibility).param("task", ""));
    }

    @Test
    void aModelIsCreatedInTheCallersNamespaceAndOpensOnItsPage() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewmodel");
        mvc.perform(get("/new").cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("Create a new model repository")))
                .andExpect(content().string(containsString("<option value=\"" + alice.username() + "\" selected")));
        mvc.perform(post("/new").with(csrf()).cookie(session(alice)).param("owner", alice.username())
                        .param("name", "tiny-bert").param("visibility", "public").param("task", "Fill-Mask"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string(HttpHeaders.LOCATION, "/" + alice.username() + "/tiny-bert"));
        // as on the Hub, the new repository opens with its "initial commit" of the Git LFS patterns
        mvc.perform(get("/" + alice.username() + "/tiny-bert")).andExpect(status().isOk())
                .andExpect(content().string(containsString(".gitattributes")));
        mvc.perform(get("/" + alice.username() + "/tiny-bert/commits/main")).andExpect(status().isOk())
                .andExpect(content().string(containsString("initial commit")));
        mvc.perform(get("/api/model").param("name", alice.username() + "/tiny-bert"))
                .andExpect(jsonPath("$.data.isPrivate").value(false))
                .andExpect(jsonPath("$.data.activeFilters.task[0]").value("Fill-Mask"));
    }

    @Test
    void aPrivateDatasetIsCreatedInAnOrganisationAndSeenByItsMembersOnly() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewadmin");
        Accounts.SignedIn bob = accounts.signUp("webnewwriter");
        Accounts.SignedIn eve = accounts.signUp("webnewoutsider");
        String org = organisation(alice, bob, "write");
        mvc.perform(get("/new-dataset").param("owner", org).cookie(session(bob))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Create a new dataset repository")))
                .andExpect(content().string(containsString("<option value=\"" + org + "\" selected")));
        create("/new-dataset", bob, org, "survey-rows", "private")
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string(HttpHeaders.LOCATION, "/datasets/" + org + "/survey-rows"));
        mvc.perform(get("/datasets/" + org + "/survey-rows").cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().string(containsString("private")));
        mvc.perform(get("/datasets/" + org + "/survey-rows").cookie(session(eve))).andExpect(status().isNotFound());
        mvc.perform(get("/datasets/" + org + "/survey-rows")).andExpect(status().isNotFound());
        mvc.perform(get("/" + org).cookie(session(bob))).andExpect(content().string(containsString("/new-dataset?owner=" + org)));
    }

    @Test
    void anOrganisationWhereTheCallerMayNotWriteIsRefusedAndNothingIsCreated() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewowner");
        Accounts.SignedIn reader = accounts.signUp("webnewreader");
        Accounts.SignedIn eve = accounts.signUp("webnewstranger");
        String org = organisation(alice, reader, "read");
        mvc.perform(get("/new").cookie(session(reader))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<option value=\"" + org + "\""))));
        mvc.perform(get("/" + org).cookie(session(reader))).andExpect(content().string(not(containsString("/new?owner="))));
        for (Accounts.SignedIn caller : new Accounts.SignedIn[]{reader, eve}) {
            create("/new", caller, org, "not-mine", "public")
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(containsString("not under " + org)))
                    .andExpect(content().string(containsString("value=\"not-mine\"")));
        }
        mvc.perform(get("/" + org + "/not-mine").cookie(session(alice))).andExpect(status().isNotFound());
    }

    @Test
    void aTakenNameIsRefusedOnTheFormWith409() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewtaken");
        create("/new", alice, alice.username(), "weights", "private").andExpect(status().is3xxRedirection());
        create("/new", alice, alice.username(), "WEIGHTS", "public")
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("already exists")))
                .andExpect(content().string(containsString("Create a new model repository")));
        mvc.perform(get("/api/model").param("name", alice.username() + "/weights").with(alice.bearer()))
                .andExpect(jsonPath("$.data.isPrivate").value(true));
        create("/new-dataset", alice, alice.username(), "weights", "public").andExpect(status().is3xxRedirection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "ab--cd", "-dash", "name.git", "tree", "new-dataset", "a/b", "ünïcode"})
    void anInvalidNameIsRefusedOnTheFormWith400(String name) throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewinvalid");
        create("/new", alice, alice.username(), name, "public")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("class=\"error-message\"")));
        mvc.perform(get("/" + alice.username()).cookie(session(alice))).andExpect(content().string(containsString("No models yet.")));
    }

    @Test
    void aVisibilityOrTaskNotOfferedIsRefusedRatherThanGuessed() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewvisibility");
        create("/new", alice, alice.username(), "typo", "pubic").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("visibility must be private or public")));
        mvc.perform(post("/new").with(csrf()).cookie(session(alice)).param("owner", alice.username()).param("name", "typo")
                .param("visibility", "public").param("task", "Mind Reading")).andExpect(status().isBadRequest());
        mvc.perform(get("/" + alice.username() + "/typo").cookie(session(alice))).andExpect(status().isNotFound());
    }

    @Test
    void anonymousVisitorsAreSentToSignInAndBack() throws Exception {
        for (String page : new String[]{"/new", "/new-dataset"}) {
            mvc.perform(get(page)).andExpect(status().is3xxRedirection())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/login?next=" + page));
            mvc.perform(post(page).with(csrf()).param("owner", "someone").param("name", "x").param("visibility", "public"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/login?next=" + page));
        }
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndCreatesNothing() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewcsrf");
        for (String page : new String[]{"/new", "/new-dataset"}) {
            mvc.perform(post(page).cookie(session(alice)).param("owner", alice.username()).param("name", "forged")
                            .param("visibility", "public"))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(containsString("security token")));
        }
        mvc.perform(get("/" + alice.username() + "/forged").cookie(session(alice))).andExpect(status().isNotFound());
        mvc.perform(get("/datasets/" + alice.username() + "/forged").cookie(session(alice))).andExpect(status().isNotFound());
    }

    @Test
    void theMenuAndAnEmptyProfileLinkTheNewPages() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewlinks");
        mvc.perform(get("/" + alice.username()).cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/new\">New model</a>")))
                .andExpect(content().string(containsString("href=\"/new-dataset\">New dataset</a>")))
                .andExpect(content().string(containsString("href=\"/new?owner=" + alice.username() + "\">Create a model</a>")));
        mvc.perform(get("/" + alice.username())).andExpect(content().string(not(containsString("Create a model"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"new", "new-dataset", "New-Dataset"})
    void theNewPagesAddressesAreNoUserOrOrganisationName(String name) throws Exception {
        mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + name + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg").value(containsString("reserved")));
        Accounts.SignedIn founder = accounts.signUp("webnewfounder");
        mvc.perform(post("/organizations/new").with(csrf()).cookie(session(founder)).param("name", name))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("reserved")));
    }
}
