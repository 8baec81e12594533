package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The change pages' routes: who gets what (404 for those who may not see a private repository,
 * 403 for readers who may not write, a sign-in for anonymous callers), CSRF refusal, and the
 * owner's edits, deletes, tags, comparison, restore, rename and deletion as a user sees them.
 */
@EmptyCatalogueTest
class RepoChangePagesTest {

    /** Every new page a browser opens, below a repository's page. */
    private static final String[] GET_PAGES = {"/edit/main/README.md", "/new/main", "/delete/main/README.md", "/refs",
            "/settings", "/compare/main...main", "/commits/main/README.md", "/restore/main"};
    /** Every new form target, with a valid form. */
    private static final String[][] POSTS = {
            {"/edit/main/README.md", "content", "changed"},
            {"/new/main", "path", "other.md"},
            {"/delete/main/README.md", "message", "gone"},
            {"/restore/main", "branch", "main"},
            {"/refs", "refName", "v9"},
            {"/refs/delete", "refName", "v9"},
            {"/settings/rename", "newName", "renamed-by-someone"},
            {"/settings/visibility", "visibility", "public"},
            {"/settings/delete", "confirm", "x"}};

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    private Accounts.SignedIn alice;
    private Accounts.SignedIn bob;

    @BeforeEach
    void repositories() throws Exception {
        alice = accounts.signUp("wchg");
        bob = accounts.signUp("wchgb");
        create(privateModel(), true);
        create(publicModel(), false);
        write(privateModel(), "README.md", "# One\n");
        write(publicModel(), "README.md", "# One\n");
    }

    @Test
    void everyNewPageAndFormOfAPrivateRepositoryIsNotFoundForAnotherUser() throws Exception {
        for (String page : GET_PAGES) {
            mvc.perform(get("/" + privateModel() + page).cookie(session(bob))).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("There is nothing here, or you may not see it.")));
        }
        for (String[] form : POSTS) {
            mvc.perform(form(privateModel(), form).cookie(session(bob))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/" + privateModel() + "/like").with(csrf()).cookie(session(bob))).andExpect(status().isNotFound());
        mvc.perform(get("/" + privateModel() + "/commits/main/README.md").cookie(session(alice))).andExpect(status().isOk());
    }

    @Test
    void aReaderWhoMayNotWriteIsRefusedWith403AndMayLike() throws Exception {
        for (String page : new String[]{"/edit/main/README.md", "/new/main", "/delete/main/README.md", "/settings", "/restore/main"}) {
            mvc.perform(get("/" + publicModel() + page).cookie(session(bob))).andExpect(status().isForbidden());
        }
        for (String[] form : POSTS) {
            mvc.perform(form(publicModel(), form).cookie(session(bob))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/" + publicModel() + "/refs").cookie(session(bob))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("New branch or tag"))));
        mvc.perform(post("/" + publicModel() + "/like").with(csrf()).cookie(session(bob)).param("like", "true"))
                .andExpect(redirectedUrl("/" + publicModel()));
        mvc.perform(get("/" + publicModel()).cookie(session(bob))).andExpect(content().string(containsString("1 like<")))
                .andExpect(content().string(containsString("♥ Liked")));
    }

    @Test
    void anonymousCallersAreSentToSignIn() throws Exception {
        String edit = "/" + publicModel() + "/edit/main/README.md";
        mvc.perform(get(edit)).andExpect(redirectedUrl("/login?next=" + edit));
        mvc.perform(post(edit).with(csrf()).param("content", "x")).andExpect(redirectedUrl("/login?next=" + edit));
        assertThat(read(publicModel(), "README.md")).isEqualTo("# One\n");
        mvc.perform(get("/" + privateModel() + "/refs")).andExpect(status().isNotFound());
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        for (String[] form : POSTS) {
            mvc.perform(post("/" + privateModel() + form[0]).cookie(session(alice)).param(form[1], form[2]))
                    .andExpect(status().isForbidden());
        }
        assertThat(read(privateModel(), "README.md")).isEqualTo("# One\n");
    }

    @Test
    void aBlankOrPaddedBranchInTheUrlNamesNothingEvenForTheOwner() throws Exception {
        String head = head(privateModel());
        for (String branch : new String[]{"%20", "%1F", "%20main", "main%09"}) {
            mvc.perform(post(java.net.URI.create("/" + privateModel() + "/edit/" + branch + "/README.md")).with(csrf()).cookie(session(alice))
                    .param("content", "not main")).andExpect(status().isNotFound());
            mvc.perform(post(java.net.URI.create("/" + privateModel() + "/delete/" + branch + "/README.md")).with(csrf()).cookie(session(alice)))
                    .andExpect(status().isNotFound());
            mvc.perform(post(java.net.URI.create("/" + privateModel() + "/restore/" + branch)).with(csrf()).cookie(session(alice)))
                    .andExpect(status().isNotFound());
            mvc.perform(get(java.net.URI.create("/" + privateModel() + "/tree/" + branch)).cookie(session(alice))).andExpect(status().isNotFound());
            mvc.perform(get(java.net.URI.create("/" + privateModel() + "/tree/" + branch)).cookie(session(bob))).andExpect(status().isNotFound());
        }
        assertThat(read(privateModel(), "README.md")).isEqualTo("# One\n");
        assertThat(head(privateModel())).as("no commit was made on main").isEqualTo(head);
    }

    @Test
    void theOwnerEditsWithTheBrowsersLineEndsMadeLfAndAStaleEditIsRefused() throws Exception {
        String head = head(privateModel());
        mvc.perform(post("/" + privateModel() + "/edit/main/README.md").with(csrf()).cookie(session(alice))
                        .param("content", "# Two\r\nline\r\n").param("message", "Second").param("parentCommit", head))
                .andExpect(redirectedUrl("/" + privateModel() + "/blob/main/README.md"));
        assertThat(read(privateModel(), "README.md")).isEqualTo("# Two\nline\n");
        String again = mvc.perform(post("/" + privateModel() + "/edit/main/README.md").with(csrf()).cookie(session(alice))
                        .param("content", "my stale text").param("message", "My message").param("parentCommit", head))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("main has moved since this form was opened: someone changed README.md there")))
                .andExpect(content().string(containsString(">my stale text</textarea>")))
                .andExpect(content().string(containsString("value=\"My message\"")))
                .andExpect(content().string(containsString("href=\"/" + privateModel() + "/blob/main/README.md\" target=\"_blank\"")))
                .andReturn().getResponse().getContentAsString();
        assertThat(read(privateModel(), "README.md")).as("nothing saved before the user confirms").isEqualTo("# Two\nline\n");
        String newHead = head(privateModel());
        assertThat(again).as("saving again commits on the head the user was shown")
                .contains("name=\"parentCommit\" value=\"" + newHead + "\"").doesNotContain(head);
        mvc.perform(post("/" + privateModel() + "/new/main").with(csrf()).cookie(session(alice))
                        .param("path", "README.md").param("content", "over it"))
                .andExpect(status().isConflict()).andExpect(content().string(containsString("exists already")));
        assertThat(read(privateModel(), "README.md")).isEqualTo("# Two\nline\n");
        mvc.perform(get("/" + privateModel() + "/commits/main/README.md").cookie(session(alice)))
                .andExpect(content().string(containsString("Second")));
    }

    @Test
    void anEditIsCommittedWhenOnlyOtherFilesChangedSinceTheFormAndRefusedWhenItsFileChangedWentOrAppeared() throws Exception {
        String home = "/" + privateModel();
        String opened = head(privateModel());
        write(privateModel(), "other.txt", "someone else's\n");
        edit("README.md", "# Mine\n", opened).andExpect(redirectedUrl(home + "/blob/main/README.md"));
        assertThat(read(privateModel(), "README.md")).isEqualTo("# Mine\n");
        assertThat(read(privateModel(), "other.txt")).as("the commit that moved the branch is kept").isEqualTo("someone else's\n");

        String beforeThird = head(privateModel());
        write(privateModel(), "third.txt", "3\n");
        create("fresh.txt", "fresh\n", beforeThird).andExpect(redirectedUrl(home + "/blob/main/fresh.txt"));
        assertThat(read(privateModel(), "fresh.txt")).isEqualTo("fresh\n");

        String beforeTaken = head(privateModel());
        write(privateModel(), "taken.txt", "theirs\n");
        assertThat(text(create("taken.txt", "mine\n", beforeTaken).andExpect(status().isConflict())))
                .contains("main has moved since this form was opened: someone created taken.txt there, and nothing of yours was saved.")
                .contains("mine");
        assertThat(read(privateModel(), "taken.txt")).isEqualTo("theirs\n");

        String beforeChange = head(privateModel());
        write(privateModel(), "other.txt", "changed again\n");
        assertThat(text(edit("other.txt", "my version\n", beforeChange).andExpect(status().isConflict())))
                .contains("someone changed other.txt there").contains("my version");
        assertThat(read(privateModel(), "other.txt")).isEqualTo("changed again\n");

        String beforeDelete = head(privateModel());
        mvc.perform(post(home + "/delete/main/other.txt").with(csrf()).cookie(session(alice))).andExpect(status().is3xxRedirection());
        String deleted = head(privateModel());
        assertThat(text(edit("other.txt", "my version\n", beforeDelete).andExpect(status().isConflict())))
                .contains("someone deleted other.txt there").contains("my version");
        mvc.perform(get(home + "/resolve/main/other.txt").with(alice.bearer())).andExpect(status().isNotFound());

        edit("README.md", "# Unknown base\n", "0".repeat(40)).andExpect(status().isConflict());
        edit("README.md", "# Short base\n", deleted.substring(0, 7)).andExpect(status().isBadRequest());
        assertThat(head(privateModel())).as("no refused edit committed anything").isEqualTo(deleted);
    }

    @Test
    void concurrentEditsOfOneFileFromOneOpenedFormLandOnceAndOfDifferentFilesAllLand() throws Exception {
        int writers = 4;
        String opened = head(privateModel());
        List<Integer> same = race(writers, i -> edit("README.md", "# Writer " + i + "\n", opened));
        assertThat(same).as("one edit lands, the others are refused: none overwrites another unseen")
                .containsOnly(302, 409).filteredOn(status -> status == 302).hasSize(1);
        assertThat(read(privateModel(), "README.md")).startsWith("# Writer ");

        String next = head(privateModel());
        List<Integer> different = race(writers, i -> create("file-" + i + ".txt", "from writer " + i + "\n", next));
        assertThat(different).as("edits of different files all land, each checked again on the head it commits on")
                .containsOnly(302);
        for (int i = 0; i < writers; i++) {
            assertThat(read(privateModel(), "file-" + i + ".txt")).isEqualTo("from writer " + i + "\n");
        }
    }

    @Test
    void theOwnerTagsComparesRestoresAndDeletes() throws Exception {
        mvc.perform(post("/" + privateModel() + "/refs").with(csrf()).cookie(session(alice))
                .param("kind", "tag").param("refName", "v1").param("revision", "main")).andExpect(redirectedUrl("/" + privateModel() + "/refs"));
        mvc.perform(post("/" + privateModel() + "/refs").with(csrf()).cookie(session(alice))
                .param("kind", "tag").param("refName", "v1").param("revision", "main")).andExpect(status().isConflict());
        write(privateModel(), "README.md", "# Changed\n");
        mvc.perform(get("/" + privateModel() + "/compare/v1...main").cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().string(containsString("# Changed"))).andExpect(content().string(containsString("1 file differs")));
        mvc.perform(get("/" + privateModel() + "/compare").param("from", "v1").param("to", "main").cookie(session(alice)))
                .andExpect(redirectedUrl("/" + privateModel() + "/compare/v1...main"));
        mvc.perform(get("/" + privateModel() + "/compare/v1").cookie(session(alice))).andExpect(status().isBadRequest());
        mvc.perform(get("/" + privateModel() + "/edit/v1/README.md").cookie(session(alice))).andExpect(status().isBadRequest());
        mvc.perform(post("/" + privateModel() + "/restore/v1").with(csrf()).cookie(session(alice)))
                .andExpect(redirectedUrlPattern("/" + privateModel() + "/commit/*"));
        assertThat(read(privateModel(), "README.md")).isEqualTo("# One\n");
        mvc.perform(post("/" + privateModel() + "/delete/main/README.md").with(csrf()).cookie(session(alice)))
                .andExpect(redirectedUrl("/" + privateModel() + "/tree/main"));
        mvc.perform(get("/" + privateModel() + "/blob/main/README.md").cookie(session(alice))).andExpect(status().isNotFound());
    }

    @Test
    void restoringWhatTheBranchHoldsAlreadySaysNothingChangedAndARealRestoreSaysWhatItDid() throws Exception {
        String one = head(privateModel());
        String home = "/" + privateModel();
        String unchanged = restore(one).andExpect(redirectedUrl(home + "/commit/" + one + "?unchanged=main"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(text(unchanged)).contains("Nothing changed: no new commit was made. main already holds every file"
                + " exactly as in this commit, so there was nothing to restore.").doesNotContain("Restored.");
        assertThat(head(privateModel())).as("restoring the head made no commit").isEqualTo(one);

        write(privateModel(), "README.md", "# Changed\n");
        String changed = head(privateModel());
        String restored = restore(one).andExpect(redirectedUrlPattern(home + "/commit/*?restored=main&from=" + one))
                .andReturn().getResponse().getRedirectedUrl();
        String made = head(privateModel());
        assertThat(made).as("a new commit on main").isNotIn(one, changed);
        assertThat(restored).startsWith(home + "/commit/" + made + "?");
        assertThat(read(privateModel(), "README.md")).isEqualTo("# One\n");
        assertThat(text(restored)).contains("Restored. This new commit on main puts every file back as it was in commit "
                + one.substring(0, 7) + ".").contains("1 file changed").doesNotContain("Nothing changed");
        page(restored).andExpect(content().string(containsString("href=\"" + home + "/commit/" + one + "\"")));

        // another commit whose files are the head's: nothing to restore either
        restore(one).andExpect(redirectedUrl(home + "/commit/" + one + "?unchanged=main"));
        assertThat(head(privateModel())).isEqualTo(made);
    }

    @Test
    void restoringAsksFirstWithWhatWouldChangeAndCommitsNothingUntilConfirmed() throws Exception {
        String one = head(privateModel());
        String home = "/" + privateModel();
        write(privateModel(), "README.md", "# Changed\n");
        write(privateModel(), "later.txt", "added later\n");
        String two = head(privateModel());
        page(home + "/commit/" + one).andExpect(content().string(containsString("href=\"" + home + "/restore/" + one + "\"")))
                .andExpect(content().string(not(containsString("action=\"" + home + "/restore/"))));

        String confirm = text(home + "/restore/" + one);
        assertThat(confirm).contains("Restore every file as in commit " + one.substring(0, 7) + " on main?")
                .contains("One new commit on main puts every file back as it was in this commit: files added since are"
                        + " deleted, changed ones get this commit’s content, deleted ones come back.")
                .contains("2 files change, listed below.").contains("later.txt").contains("README.md").contains("# Changed");
        page(home + "/restore/" + one).andExpect(content().string(containsString("action=\"" + home + "/restore/" + one + "\"")))
                .andExpect(content().string(containsString("name=\"branch\" value=\"main\"")))
                .andExpect(content().string(containsString("href=\"" + home + "/commit/" + one + "\">Cancel")));
        assertThat(head(privateModel())).as("opening the confirmation commits nothing").isEqualTo(two);
        assertThat(text(home + "/restore/" + two)).contains("Nothing would change:").contains("restoring makes no commit")
                .as("no sentence promising a commit beside it").doesNotContain("One new commit");
        mvc.perform(get(home + "/restore/nosuchrev").cookie(session(alice))).andExpect(status().isNotFound());

        restore(one).andExpect(redirectedUrlPattern(home + "/commit/*?restored=main&from=" + one));
        assertThat(read(privateModel(), "README.md")).isEqualTo("# One\n");
        mvc.perform(get(home + "/resolve/main/later.txt").with(alice.bearer())).andExpect(status().isNotFound());
    }

    @Test
    void aHandMadeRestoreNoticeThatIsNotTrueIsNotShown() throws Exception {
        String one = head(privateModel());
        write(privateModel(), "README.md", "# Changed\n");
        String two = head(privateModel());
        String commit = "/" + privateModel() + "/commit/";
        for (String query : new String[]{one + "?unchanged=main", two + "?restored=main&from=" + one,
                one + "?unchanged=no-such-branch", two + "?unchanged=main&path=missing.txt", one + "?restored=main&from=zz",
                two + "?restored=v1&from=" + two}) {
            assertThat(text(commit + query)).as(query).doesNotContain("Nothing changed").doesNotContain("Restored.");
        }
        assertThat(text(commit + two + "?unchanged=main&path=README.md")).contains("main already holds README.md exactly as in this commit");
    }

    @Test
    void aRestoreConfirmedBeforeTheBranchMovedIsRefusedOnThePageAndNothingIsRestored() throws Exception {
        String one = head(privateModel());
        String home = "/" + privateModel();
        write(privateModel(), "README.md", "# Two\n");
        String shown = head(privateModel());
        page(home + "/restore/" + one).andExpect(content().string(containsString("name=\"parentCommit\" value=\"" + shown + "\"")));
        write(privateModel(), "later.txt", "committed after the page was shown\n");
        String moved = head(privateModel());

        String refused = mvc.perform(post(home + "/restore/" + one).with(csrf()).cookie(session(alice)).param("branch", "main")
                        .param("message", "My restore").param("parentCommit", shown))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused.replaceAll("<[^>]*>", "").replaceAll("\\s+", " "))
                .contains("main has moved since this page was shown: someone committed there, and nothing was restored."
                        + " Below is what restoring would change now; restore again to confirm.")
                .contains("2 files change, listed below.").contains("later.txt");
        assertThat(refused).contains("role=\"alert\"").contains("value=\"My restore\"")
                .contains("name=\"parentCommit\" value=\"" + moved + "\"");
        assertThat(head(privateModel())).as("nothing restored").isEqualTo(moved);
        assertThat(read(privateModel(), "README.md")).isEqualTo("# Two\n");

        mvc.perform(post(home + "/restore/" + one).with(csrf()).cookie(session(alice)).param("branch", "main")
                        .param("message", "My restore").param("parentCommit", moved))
                .andExpect(redirectedUrlPattern(home + "/commit/*?restored=main&from=" + one));
        assertThat(read(privateModel(), "README.md")).isEqualTo("# One\n");
        mvc.perform(get(home + "/resolve/main/later.txt").with(alice.bearer())).andExpect(status().isNotFound());
        mvc.perform(post(home + "/restore/" + one).with(csrf()).cookie(session(alice)).param("parentCommit", "abc"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aTagOrCommitIsNotOfferedForUploadAndItsUploadPageSaysItIsNotABranch() throws Exception {
        mvc.perform(post("/" + privateModel() + "/refs").with(csrf()).cookie(session(alice))
                .param("kind", "tag").param("refName", "v1.0").param("revision", "main")).andExpect(status().is3xxRedirection());
        String commit = head(privateModel());
        for (String revision : new String[]{"v1.0", commit}) {
            mvc.perform(get("/" + privateModel() + "/upload/" + revision).cookie(session(alice)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString(revision + " is not a branch")))
                    .andExpect(content().string(not(containsString("Upload files to"))));
            mvc.perform(get("/" + privateModel() + "/tree/" + revision).cookie(session(alice))).andExpect(status().isOk())
                    .andExpect(content().string(containsString("href=\"/" + privateModel() + "/upload/main\"")))
                    .andExpect(content().string(not(containsString("/upload/" + revision))))
                    .andExpect(content().string(not(containsString("/new/" + revision))));
            mvc.perform(get("/" + privateModel() + "/blob/" + revision + "/README.md").cookie(session(alice)))
                    .andExpect(status().isOk()).andExpect(content().string(not(containsString("/edit/" + revision))));
        }
        mvc.perform(get("/" + privateModel() + "/upload/main").cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Upload files to")));
    }

    @Test
    void theOwnerRenamesKeepingTheOldUrlThenDeletesOnlyWithTheFullNameTyped() throws Exception {
        String renamed = alice.username() + "/renamed";
        mvc.perform(post("/" + privateModel() + "/settings/rename").with(csrf()).cookie(session(alice)).param("newName", "renamed"))
                .andExpect(redirectedUrl("/" + renamed + "/settings"));
        mvc.perform(get("/" + privateModel()).cookie(session(alice))).andExpect(status().isFound())
                .andExpect(redirectedUrl("/" + renamed));
        mvc.perform(post("/" + renamed + "/settings/visibility").with(csrf()).cookie(session(alice)).param("visibility", "maybe"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/" + renamed + "/settings/transfer").with(csrf()).cookie(session(alice))).andExpect(status().isNotFound());
        mvc.perform(post("/" + renamed + "/settings/delete").with(csrf()).cookie(session(alice)).param("confirm", privateModel()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Delete this repository")))
                .andExpect(content().string(containsString("type the full name " + renamed + " to confirm the deletion")));
        mvc.perform(post("/" + renamed + "/settings/delete").with(csrf()).cookie(session(alice)).param("confirm", renamed))
                .andExpect(redirectedUrl("/models?deleted=" + renamed));
        mvc.perform(get("/" + renamed).cookie(session(alice))).andExpect(status().isNotFound());
        assertThat(text("/models?deleted=" + renamed)).as("the page the user lands on says so").contains("Deleted " + renamed + ".");
        assertThat(text("/models?deleted=" + publicModel())).as("a link naming a repository that is there claims nothing")
                .doesNotContain("Deleted ");
        assertThat(text("/models?deleted=<b>x</b>")).doesNotContain("Deleted ");
    }

    @Test
    void anOldNamesPagesRedirectToTheNewNameKeepingPathAndQueryForThoseWhoMaySeeTheRepositoryOnly() throws Exception {
        String oldPrivate = privateModel(), oldPublic = publicModel();
        String newPrivate = alice.username() + "/moved-private", newPublic = alice.username() + "/moved-public";
        for (String[] rename : new String[][]{{oldPrivate, "moved-private"}, {oldPublic, "moved-public"}}) {
            mvc.perform(post("/" + rename[0] + "/settings/rename").with(csrf()).cookie(session(alice)).param("newName", rename[1]))
                    .andExpect(status().is3xxRedirection());
        }
        String head = mvc.perform(get("/api/commits").param("name", newPublic).with(alice.bearer())).andReturn().getResponse()
                .getContentAsString().replaceAll("(?s).*?\"id\":\"([0-9a-f]{40})\".*", "$1");
        for (String page : new String[]{"", "/tree/main", "/blob/main/README.md", "/commits/main/README.md?p=2", "/commit/" + head,
                "/edit/main/README.md", "/compare/main...main?x=%20y", "/refs", "/settings", "/upload/main", "/restore/" + head}) {
            mvc.perform(get(java.net.URI.create("/" + oldPrivate + page)).cookie(session(alice))).andExpect(status().isFound())
                    .andExpect(redirectedUrl("/" + newPrivate + page));
            // private means absent: the same 404 page as a name that never existed
            mvc.perform(get(java.net.URI.create("/" + oldPrivate + page)).cookie(session(bob))).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("There is nothing here, or you may not see it.")))
                    .andExpect(content().string(not(containsString("moved-private"))));
        }
        mvc.perform(get("/" + oldPublic + "/blob/main/README.md")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/" + newPublic + "/blob/main/README.md"));
        mvc.perform(get("/" + oldPublic.toUpperCase(java.util.Locale.ROOT) + "/tree/main").cookie(session(bob)))
                .andExpect(redirectedUrl("/" + newPublic + "/tree/main"));
        mvc.perform(get("/" + newPublic + "/tree/main")).andExpect(status().isOk());
        mvc.perform(get("/" + alice.username() + "/never-existed/tree/main").cookie(session(bob))).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is nothing here, or you may not see it.")));
        // a form posted to the old name is served as before; the Hub's downloads keep answering there
        mvc.perform(post("/" + oldPrivate + "/refs").with(csrf()).cookie(session(alice))
                .param("kind", "tag").param("refName", "v-old").param("revision", "main")).andExpect(redirectedUrl("/" + newPrivate + "/refs"));
        mvc.perform(get("/" + oldPrivate + "/resolve/main/README.md").with(alice.bearer())).andExpect(status().isOk());

        String dataset = alice.username() + "/old-data";
        mvc.perform(post("/api/dataset").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + dataset + "\"}")).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(post("/datasets/" + dataset + "/settings/rename").with(csrf()).cookie(session(alice)).param("newName", "new-data"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/datasets/" + dataset + "/tree/main?cursor=abc")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/datasets/" + alice.username() + "/new-data/tree/main?cursor=abc"));
    }

    /**
     * The old name's redirect also answers {@code HEAD}, comes before the sign-in a form page asks of an
     * anonymous caller, and before the comparison form's own redirect; a private repository's old name
     * stays what a name that never existed is (404, or the sign-in for an anonymous caller).
     */
    @Test
    void anOldNameRedirectsHeadRequestsSignInPagesAndTheComparisonFormAsWell() throws Exception {
        String oldPrivate = privateModel(), oldPublic = publicModel();
        String newPrivate = alice.username() + "/head-private", newPublic = alice.username() + "/head-public";
        for (String[] rename : new String[][]{{oldPrivate, "head-private"}, {oldPublic, "head-public"}}) {
            mvc.perform(post("/" + rename[0] + "/settings/rename").with(csrf()).cookie(session(alice)).param("newName", rename[1]))
                    .andExpect(status().is3xxRedirection());
        }
        mvc.perform(MockMvcRequestBuilders.head("/" + oldPublic + "/blob/main/README.md?x=1")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/" + newPublic + "/blob/main/README.md?x=1"));
        mvc.perform(MockMvcRequestBuilders.head("/" + oldPrivate + "/tree/main").cookie(session(alice))).andExpect(status().isFound())
                .andExpect(redirectedUrl("/" + newPrivate + "/tree/main"));
        mvc.perform(MockMvcRequestBuilders.head("/" + oldPrivate + "/tree/main").cookie(session(bob))).andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.head("/" + alice.username() + "/never-existed/tree/main").cookie(session(bob))).andExpect(status().isNotFound());
        for (String page : new String[]{"/edit/main/README.md", "/new/main", "/delete/main/README.md", "/restore/main",
                "/settings", "/upload/main"}) {
            mvc.perform(get("/" + oldPublic + page)).andExpect(status().isFound()).andExpect(redirectedUrl("/" + newPublic + page));
            mvc.perform(get("/" + oldPrivate + page)).andExpect(redirectedUrl("/login?next=/" + oldPrivate + page));
        }
        mvc.perform(get("/" + oldPublic + "/compare?from=main&to=main")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/" + newPublic + "/compare?from=main&to=main"));
        mvc.perform(get("/" + oldPrivate + "/compare?from=main&to=main").cookie(session(bob))).andExpect(status().isFound())
                .andExpect(redirectedUrl("/" + oldPrivate + "/compare/main...main"));
    }

    @Test
    void anInvalidOrTakenRefNameShowsTheRefsFormAgainWithTheReasonAndWhatWasTyped() throws Exception {
        String refs = "/" + privateModel() + "/refs";
        String bad = mvc.perform(post(refs).with(csrf()).cookie(session(alice))
                        .param("kind", "tag").param("refName", "bad..ref").param("revision", "main"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("New branch or tag").contains("role=\"alert\"").contains("value=\"bad..ref\"")
                .containsPattern("value=\"tag\"\\s+checked").doesNotContain("Back to the catalogue");
        mvc.perform(post(refs).with(csrf()).cookie(session(alice)).param("kind", "branch").param("refName", "main").param("revision", "main"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("New branch or tag")))
                .andExpect(content().string(containsString("id=\"refName\" name=\"refName\"")))
                .andExpect(content().string(not(containsString("Back to the catalogue"))));
    }

    @Test
    void aRenameOntoATakenNameShowsTheSettingsFormAgainWith409() throws Exception {
        String taken = mvc.perform(post("/" + privateModel() + "/settings/rename").with(csrf()).cookie(session(alice))
                        .param("newName", "public-m"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(taken).contains("Rename or move").contains("role=\"alert\"").contains("already exists")
                .contains("value=\"public-m\"").doesNotContain("Back to the catalogue");
        mvc.perform(post("/" + privateModel() + "/settings/rename").with(csrf()).cookie(session(alice)).param("newName", "bad name!"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("value=\"bad name!\"")))
                .andExpect(content().string(containsString("Rename or move")));
        page("/" + privateModel() + "/settings");
    }

    @Test
    void aRefusedNewFileShowsTheFormAgainWithTheReasonAndWhatWasTyped() throws Exception {
        String head = head(privateModel());
        String outside = mvc.perform(post("/" + privateModel() + "/new/main").with(csrf()).cookie(session(alice))
                        .param("path", "../etc/passwd").param("content", "my typed text").param("message", "My message")
                        .param("parentCommit", head))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(outside).contains("New file on").contains("role=\"alert\"").contains("path must not contain . or .. segments")
                .contains("value=\"../etc/passwd\"").contains(">my typed text</textarea>").contains("value=\"My message\"")
                .contains("name=\"parentCommit\" value=\"" + head + "\"").contains("aria-invalid=\"true\"")
                .doesNotContain("Back to the catalogue");
        String exists = mvc.perform(post("/" + privateModel() + "/new/main").with(csrf()).cookie(session(alice))
                        .param("path", "README.md").param("content", "over it").param("parentCommit", head))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(exists).contains("README.md exists already at main; edit it instead").contains("value=\"README.md\"")
                .contains(">over it</textarea>").contains("New file on").doesNotContain("Back to the catalogue");
        assertThat(read(privateModel(), "README.md")).isEqualTo("# One\n");
        assertThat(head(privateModel())).as("nothing was committed").isEqualTo(head);
        mvc.perform(post("/" + privateModel() + "/new/main").with(csrf()).cookie(session(bob))
                .param("path", "../etc/passwd").param("content", "x")).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is nothing here, or you may not see it.")));
    }

    @Test
    void aComparisonWithARevisionThatDoesNotExistShowsTheFormWithTheReasonAndWhatWasTyped() throws Exception {
        String typo = "/" + privateModel() + "/compare/mian...main";
        String page = mvc.perform(get(typo).cookie(session(alice))).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("no such revision: mian").contains("role=\"alert\"").contains("value=\"mian\"")
                .contains("id=\"compare-to\" name=\"to\" type=\"text\" value=\"main\"")
                .doesNotContain("There is nothing here").doesNotContain("No file differs");
        mvc.perform(get("/" + privateModel() + "/compare").param("from", "").param("to", "main").cookie(session(alice)))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("name two revisions to compare")))
                .andExpect(content().string(containsString("id=\"compare-from\"")));
        mvc.perform(get(typo).cookie(session(bob))).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is nothing here, or you may not see it.")))
                .andExpect(content().string(not(containsString("mian"))));
    }

    @Test
    void refusedNamesAreExplainedInThePagesWordsNotTheApisFieldNames() throws Exception {
        mvc.perform(post("/" + privateModel() + "/settings/rename").with(csrf()).cookie(session(alice)).param("newName", "tiny bert"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The new name may only use letters")))
                .andExpect(content().string(not(containsString("newName may"))));
        mvc.perform(post("/" + privateModel() + "/refs").with(csrf()).cookie(session(alice))
                        .param("kind", "tag").param("refName", "bad name").param("revision", "main"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("A branch or tag name may hold only letters")))
                .andExpect(content().string(not(containsString("refName may"))));
    }

    @Test
    void bidirectionalControlsInACommitMessageAreShownAsTheirCodesNotObeyedWhileTheStoredMessageKeepsThem() throws Exception {
        String home = "/" + privateModel();
        String message = "Fix \u202Etxt.exe\u202C and \u2066x\u2069 \u200E\u200F\u061C";
        mvc.perform(put("/api/files/text").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + privateModel() + "\",\"path\":\"bidi.txt\",\"content\":\"x\",\"message\":\""
                        + message + "\"}")).andExpect(jsonPath("$.msg").value("success"));
        String head = head(privateModel());
        String shown = "Fix <span class=\"muted control-char\">&lt;U+202E&gt;</span>txt.exe<span class=\"muted control-char\">&lt;U+202C&gt;</span>"
                + " and <span class=\"muted control-char\">&lt;U+2066&gt;</span>x<span class=\"muted control-char\">&lt;U+2069&gt;</span> "
                + "<span class=\"muted control-char\">&lt;U+200E&gt;</span><span class=\"muted control-char\">&lt;U+200F&gt;</span>"
                + "<span class=\"muted control-char\">&lt;U+061C&gt;</span>";
        for (String page : new String[]{"/commit/" + head, "/commits/main", "/tree/main", "/blob/main/bidi.txt", "/compare/" + head + "..." + head}) {
            String html = page(home + page).andReturn().getResponse().getContentAsString();
            assertThat(html).as(page).contains(shown).doesNotContainPattern("[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]");
        }
        assertThat(page(home + "/commit/" + head).andReturn().getResponse().getContentAsString())
                .contains("<title>Fix &lt;U+202E&gt;txt.exe&lt;U+202C&gt; and &lt;U+2066&gt;x&lt;U+2069&gt;");
        String stored = mvc.perform(get("/api/commits").param("name", privateModel()).with(alice.bearer()))
                .andReturn().getResponse().getContentAsString();
        assertThat(stored).as("the stored message is unchanged").contains("\"message\":\"" + message + "\"").doesNotContain("U+202E");
    }

    @Test
    void aFileOfOneLineSaysOneLine() throws Exception {
        write(privateModel(), "config.json", "{}\n");
        mvc.perform(get("/" + privateModel() + "/blob/main/config.json").cookie(session(alice)))
                .andExpect(content().string(containsString("config.json, 1 line<")));
        mvc.perform(get("/" + privateModel() + "/blob/main/config.json").cookie(session(alice)))
                .andExpect(content().string(not(containsString("1 lines"))));
    }

    @Test
    void theHeaderSearchLooksForDatasetsOnDatasetPagesAndModelsElsewhere() throws Exception {
        String dataset = alice.username() + "/some-data";
        mvc.perform(post("/api/dataset").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + dataset + "\"}")).andExpect(jsonPath("$.msg").value("success"));
        for (String page : new String[]{"/datasets", "/datasets/" + dataset}) {
            mvc.perform(get(page)).andExpect(status().isOk())
                    .andExpect(content().string(containsString("role=\"search\" method=\"get\" action=\"/datasets\"")))
                    .andExpect(content().string(containsString("placeholder=\"Search datasets\"")));
        }
        mvc.perform(get("/" + publicModel())).andExpect(status().isOk())
                .andExpect(content().string(containsString("role=\"search\" method=\"get\" action=\"/models\"")))
                .andExpect(content().string(containsString("placeholder=\"Search models\"")));
    }

        @Test
    void theRepositoryPageOffersAFileThatExistsAndChartsThirtyDays() throws Exception {
        String name = alice.username() + "/no-readme";
        create(name, false);
        write(name, "weights/config.json", "{}\n");
        mvc.perform(get("/" + name)).andExpect(status().isOk())
                // the curl line's URL, a <wbr> after each slash (W17)
                .andExpect(content().string(matchesPattern("(?s).*resolve/<wbr>main/<wbr>weights/<wbr>config\\.json.*")))
                .andExpect(content().string(not(containsString("resolve/<wbr>main/<wbr>README.md"))))
                .andExpect(content().string(containsString("Downloads, last 30 days")))
                .andExpect(content().string(not(containsString("not charted by day"))));
    }

    @Test
    void anImportedAllTimeCountIsSaidUnderTheChartRatherThanLeftAsAnEmptyChart() throws Exception {
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("name").is(publicModel())),
                org.springframework.data.mongodb.core.query.Update.update("downloads", 1234L), io.modellibrary.catalog.Repo.COLLECTION);
        String from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(29).toString();
        assertThat(text(mvc.perform(get("/" + publicModel())).andExpect(status().isOk())))
                .contains("1,234 downloads ·")
                .contains("1,234 downloads before " + from + " or imported as a total, not charted by day");
    }

    @Test
    void theDeleteCommitOffersTheFileAsBeforeItAndTheConfirmationNamesOnlyThatFile() throws Exception {
        String[] accident = vocabDeletedByAccident();
        String added = accident[0], deleted = accident[1];
        String home = "/" + privateModel();
        String restoreFile = home + "/restore/" + added + "?path=ckpt/vocab.txt";
        String commit = html(home + "/commit/" + deleted);
        assertThat(commit).contains("href=\"" + restoreFile + "&amp;before=" + deleted + "\"")
                .contains("Restore this file as it was before this commit…")
                .contains("To put back one file, use the link next to it below.");

        String confirm = text(restoreFile);
        assertThat(confirm).contains("Restore ckpt/vocab.txt as in commit " + added.substring(0, 7) + " on main?")
                .contains("One new commit on main puts ckpt/vocab.txt back as it was in this commit (it comes back if it"
                        + " was deleted since). Other files stay as they are unless listed below.")
                .doesNotContain("files added since")
                .contains("1 file changes, listed below.").contains("ckpt/vocab.txt comes back")
                .doesNotContain("later.bin").doesNotContain("README.md");
        assertThat(html(restoreFile)).as("the commit message names the file")
                .contains("value=\"Restore ckpt/vocab.txt as in " + added.substring(0, 7) + "\"");

        mvc.perform(post(home + "/restore/" + added).with(csrf()).cookie(session(alice)).param("branch", "main")
                        .param("path", "ckpt/vocab.txt").param("message", "Put vocab back"))
                .andExpect(redirectedUrlPattern(home + "/commit/*?restored=main&from=" + added + "&path=ckpt/vocab.txt"));
        assertThat(read(privateModel(), "ckpt/vocab.txt")).isEqualTo("alpha\n\nomega\n");
        assertThat(read(privateModel(), "later.bin")).as("the later upload is kept").isEqualTo("a later upload\n");
    }

    @Test
    void reachedFromTheCommitsLinkTheConfirmationSaysTheVersionBeforeThatCommit() throws Exception {
        String[] accident = vocabDeletedByAccident();
        String added = accident[0], deleted = accident[1];
        String a7 = added.substring(0, 7), d7 = deleted.substring(0, 7);
        String home = "/" + privateModel();
        String restoreFile = home + "/restore/" + added + "?path=ckpt/vocab.txt";

        String confirm = text(restoreFile + "&before=" + deleted);
        assertThat(confirm).contains("Restore ckpt/vocab.txt as before " + d7 + " · ")
                .contains("Restore ckpt/vocab.txt as it was before commit " + d7 + " on main?")
                .contains("The version restored is that of commit " + a7 + ", the one before " + d7 + ".")
                .contains("One new commit on main puts ckpt/vocab.txt back as it was before commit " + d7
                        + " (it comes back if it was deleted since).")
                .doesNotContain("as in commit").doesNotContain("in this commit");
        assertThat(html(restoreFile + "&before=" + deleted))
                .contains("value=\"Restore ckpt/vocab.txt as before " + d7 + "\"")
                .contains("name=\"before\" value=\"" + deleted + "\"")
                .as("Cancel goes back to the commit the link was on").contains("href=\"" + home + "/commit/" + deleted + "\"");
        // a file's history or an old version links without before= and reads as the commit's own version
        assertThat(text(restoreFile)).contains("Restore ckpt/vocab.txt as in " + a7 + " · ")
                .contains("Restore ckpt/vocab.txt as in commit " + a7 + " on main?").doesNotContain("before commit");
        // a before= that is no child of the restored commit (here the restored commit itself, a branch name) is not named
        for (String wrong : new String[]{added, "main", "0000000"}) {
            assertThat(text(restoreFile + "&before=" + wrong)).as(wrong)
                    .contains("Restore ckpt/vocab.txt as in commit " + a7 + " on main?").doesNotContain("before commit");
        }

        String after = mvc.perform(post(home + "/restore/" + added).with(csrf()).cookie(session(alice)).param("branch", "main")
                        .param("path", "ckpt/vocab.txt").param("before", deleted))
                .andExpect(redirectedUrlPattern(home + "/commit/*?restored=main&from=" + added + "&path=ckpt/vocab.txt&before=" + deleted))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(text(after)).contains("Restored. This new commit on main puts ckpt/vocab.txt back as it was before commit "
                + d7 + " (its version in commit " + a7 + ").");
        assertThat(text(after.replace(deleted, added))).as("a before= that is no child of from= is not named")
                .contains("back as it was in commit " + a7 + ".");
    }

    @Test
    void aFolderIsRestoredWithWhatIsInItAndAPathThatWasNothingThereIsNoConfirmation() throws Exception {
        String added = vocabDeletedByAccident()[0];
        String home = "/" + privateModel();
        write(privateModel(), "ckpt/extra.txt", "added since\n");
        String folder = home + "/restore/" + added + "?path=ckpt";
        assertThat(text(folder)).contains("Restore ckpt as in commit " + added.substring(0, 7) + " on main?")
                .contains("One new commit on main puts the folder ckpt back as it was in this commit: files added to it"
                        + " since are deleted, changed ones get this commit’s content, deleted ones come back. Files outside it"
                        + " stay as they are unless listed below.")
                .doesNotContain("(it comes back if it was deleted since)")
                .contains("2 files change, listed below.").contains("ckpt/vocab.txt comes back").contains("ckpt/extra.txt is deleted")
                .doesNotContain("later.bin");
        mvc.perform(get(home + "/restore/" + added + "?path=ckpt/nothing.txt").cookie(session(alice)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is nothing here")))
                .andExpect(content().string(not(containsString("Restore</button>"))));

        mvc.perform(post(home + "/restore/" + added).with(csrf()).cookie(session(alice)).param("branch", "main")
                        .param("path", "ckpt").param("message", "Put ckpt back"))
                .andExpect(redirectedUrlPattern(home + "/commit/*?restored=main&from=" + added + "&path=ckpt"));
        assertThat(read(privateModel(), "ckpt/vocab.txt")).isEqualTo("alpha\n\nomega\n");
        mvc.perform(get(home + "/resolve/main/ckpt/extra.txt").with(alice.bearer())).andExpect(status().isNotFound());
        assertThat(read(privateModel(), "later.bin")).as("outside the folder").isEqualTo("a later upload\n");
    }

    @Test
    void aFileStandingWhereTheRestoredFilesFolderWasIsListedAsDeleted() throws Exception {
        String added = vocabDeletedByAccident()[0];
        String home = "/" + privateModel();
        write(privateModel(), "ckpt", "a file where the folder was\n");
        assertThat(text(home + "/restore/" + added + "?path=ckpt/vocab.txt"))
                .contains("2 files change, listed below.").contains("ckpt is deleted").contains("ckpt/vocab.txt comes back");
        mvc.perform(post(home + "/restore/" + added).with(csrf()).cookie(session(alice)).param("branch", "main")
                .param("path", "ckpt/vocab.txt")).andExpect(status().is3xxRedirection());
        assertThat(read(privateModel(), "ckpt/vocab.txt")).isEqualTo("alpha\n\nomega\n");
    }

    @Test
    void aChangedFileIsOfferedAsBeforeTheCommitAndAnAddedOneIsNot() throws Exception {
        vocabDeletedByAccident();
        String home = "/" + privateModel();
        String parent = head(privateModel());
        write(privateModel(), "README.md", "# Two\n");
        String changed = head(privateModel());
        assertThat(html(home + "/commit/" + changed))
                .contains("href=\"" + home + "/restore/" + parent + "?path=README.md&amp;before=" + changed + "\"");
        // later.bin was added: restoring it "as before" would delete it, which the file's own Delete does
        String addCommit = html(home + "/commits/main/later.bin");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("/commit/([0-9a-f]{40})").matcher(addCommit);
        assertThat(id.find()).isTrue();
        assertThat(html(home + "/commit/" + id.group(1))).doesNotContain("Restore this file as it was before this commit");
    }

    @Test
    void aFilesHistoryAndAnOldVersionOfferRestoreThisVersionExceptWhereNothingIsThere() throws Exception {
        String[] accident = vocabDeletedByAccident();
        String added = accident[0], deleted = accident[1];
        String home = "/" + privateModel();
        String history = html(home + "/commits/main/ckpt/vocab.txt");
        assertThat(history).contains("href=\"" + home + "/restore/" + added + "?path=ckpt/vocab.txt\"")
                .doesNotContain("href=\"" + home + "/restore/" + deleted + "?path=")
                .contains("Restore this version…");

        assertThat(html(home + "/blob/" + added + "/ckpt/vocab.txt"))
                .contains("href=\"" + home + "/restore/" + added + "?path=ckpt/vocab.txt\"").contains("Restore this version…");
        assertThat(html(home + "/blob/main/README.md")).doesNotContain("Restore this version");
        assertThat(html(home + "/commits/main/README.md")).as("main holds the only version").doesNotContain("Restore this version");
    }

    @Test
    void readersSeeNoRestoreLinksOfOneFileAndAPrivateRepositoryStaysAbsent() throws Exception {
        String[] accident = vocabDeletedByAccident();
        String added = accident[0], deleted = accident[1];
        String open = "/" + publicModel();
        write(publicModel(), "README.md", "# Two\n");
        String changed = head(publicModel());
        for (String page : new String[]{"/commit/" + changed, "/commits/main/README.md", "/blob/" + changed + "/README.md"}) {
            String seen = mvc.perform(get(open + page).cookie(session(bob))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(seen).as(page).doesNotContain("/restore/");
        }
        mvc.perform(get(open + "/restore/" + changed + "?path=README.md").cookie(session(bob))).andExpect(status().isForbidden());
        for (String page : new String[]{"/commit/" + deleted, "/restore/" + added + "?path=ckpt/vocab.txt"}) {
            mvc.perform(get("/" + privateModel() + page).cookie(session(bob))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/" + privateModel() + "/restore/" + added).with(csrf()).cookie(session(bob))
                .param("path", "ckpt/vocab.txt")).andExpect(status().isNotFound());
    }

    /**
     * A newcomer's probe (session 17): {@code ckpt/vocab.txt} (with a blank line) in both models, deleted by accident
     * from the private one through the page, then a later upload there. Answers {@code {added, deleted}}: the commit
     * that added it and the one that deleted it.
     */
    private String[] vocabDeletedByAccident() throws Exception {
        for (String repo : new String[]{privateModel(), publicModel()}) {
            write(repo, "ckpt/vocab.txt", "alpha\n\nomega\n");
        }
        String added = head(privateModel());
        mvc.perform(post("/" + privateModel() + "/delete/main/ckpt/vocab.txt").with(csrf()).cookie(session(alice))
                .param("message", "Oops")).andExpect(status().is3xxRedirection());
        String deleted = head(privateModel());
        write(privateModel(), "later.bin", "a later upload\n");
        return new String[]{added, deleted};
    }

    private String html(String url) throws Exception {
        return page(url).andReturn().getResponse().getContentAsString();
    }

    /** The owner restores every file as at {@code revision} on main, with the commit page's form. */
    private org.springframework.test.web.servlet.ResultActions restore(String revision) throws Exception {
        return mvc.perform(post("/" + privateModel() + "/restore/" + revision).with(csrf()).cookie(session(alice))
                .param("branch", "main").param("message", "Restore " + revision.substring(0, 7)));
    }

    private org.springframework.test.web.servlet.ResultActions page(String url) throws Exception {
        return mvc.perform(get(url).cookie(session(alice))).andExpect(status().isOk());
    }

    /** The page's text as a reader sees it: tags dropped, white space made single spaces. */
    private String text(String url) throws Exception {
        return page(url).andReturn().getResponse().getContentAsString().replaceAll("<[^>]*>", "").replaceAll("\\s+", " ");
    }

    /** The owner posts the edit form of {@code path} on main, opened at {@code parentCommit}. */
    private org.springframework.test.web.servlet.ResultActions edit(String path, String content, String parentCommit) throws Exception {
        return mvc.perform(post("/" + privateModel() + "/edit/main/" + path).with(csrf()).cookie(session(alice))
                .param("content", content).param("parentCommit", parentCommit));
    }

    /** The owner posts the new-file form on main, opened at {@code parentCommit}. */
    private org.springframework.test.web.servlet.ResultActions create(String path, String content, String parentCommit) throws Exception {
        return mvc.perform(post("/" + privateModel() + "/new/main").with(csrf()).cookie(session(alice))
                .param("path", path).param("content", content).param("parentCommit", parentCommit));
    }

    /** A page's text as a reader sees it (see {@link #text(String)}). */
    private static String text(org.springframework.test.web.servlet.ResultActions page) throws Exception {
        return page.andReturn().getResponse().getContentAsString().replaceAll("<[^>]*>", "").replaceAll("\\s+", " ");
    }

    /** Runs {@code writers} posts at once, released together; answers their statuses in writer order. */
    private static List<Integer> race(int writers, Post post) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return post.send(writer).andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One writer's post. */
    private interface Post {
        org.springframework.test.web.servlet.ResultActions send(int writer) throws Exception;
    }

    private String privateModel() {
        return alice.username() + "/private-m";
    }

    private String publicModel() {
        return alice.username() + "/public-m";
    }

    private MockHttpServletRequestBuilder form(String repo, String[] form) {
        return post("/" + repo + form[0]).with(csrf()).param(form[1], form[2]).param("kind", "tag");
    }

    private static Cookie session(Accounts.SignedIn user) {
        return new Cookie(WebPages.SESSION_COOKIE, user.token());
    }

    private void create(String name, boolean isPrivate) throws Exception {
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"isPrivate\":" + isPrivate + "}")).andExpect(jsonPath("$.msg").value("success"));
    }

    private void write(String name, String path, String text) throws Exception {
        mvc.perform(put("/api/files/text").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"path\":\"" + path + "\",\"content\":\"" + text.replace("\n", "\\n") + "\"}"))
                .andExpect(jsonPath("$.msg").value("success"));
    }

    private String read(String name, String path) throws Exception {
        return mvc.perform(get("/" + name + "/resolve/main/" + path).with(alice.bearer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String head(String name) throws Exception {
        String html = mvc.perform(get("/" + name + "/edit/main/README.md").cookie(session(alice))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"parentCommit\" value=\"([0-9a-f]{40})\"").matcher(html);
        assertThat(m.find()).as("the edit form carries the head it was read at").isTrue();
        return m.group(1);
    }
}
