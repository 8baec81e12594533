package io.modellibrary.org;

import io.modellibrary.account.Namespaces;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import io.modellibrary.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Deleting an organisation while a member writes repositories into it (found by a newcomer's probe:
 * the deletion answered 200 and left them behind, and whoever founded an organisation of that name
 * next got write and delete rights on them, private ones included). The writes are put between the
 * deletion's count of the repositories and its answer ({@link OrgService#afterCount}), so the race is
 * played out the same way every run; the opposite order is {@code catalog/NamespaceWriteRaceTest}'s.
 * Also: users whose registration {@code team} named a deleted organisation have no team any more.
 */
@FullStackTest
class OrgDeletionRaceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    OrgService orgs;
    @Autowired
    Namespaces namespaces;
    @Autowired
    MutableClock clock;

    @AfterEach
    void noMoreInterleaving() {
        orgs.afterCount = () -> { };
    }

    @Test
    void repositoriesCreatedWhileTheDeletionCountsAreRefusedAndTheFreedNameHoldsNone() throws Exception {
        Members.Team team = members.team(accounts, "race", "write");
        String org = team.org();
        Accounts.SignedIn admin = team.admin();
        Accounts.SignedIn writer = team.member();
        List<Integer> answers = new ArrayList<>();
        orgs.afterCount = () -> {
            answers.add(members.statusFromAnotherThread(post("/api/model").with(writer.bearer()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + org + "/seed\",\"isPrivate\":true}")));
            answers.add(members.statusFromAnotherThread(post("/api/repos/create").with(writer.bearer()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"viahub\",\"organization\":\"" + org + "\",\"type\":\"model\",\"private\":true}")));
        };

        mvc.perform(delete("/api/orgs/" + org).with(admin.bearer())).andExpect(status().isOk());

        assertThat(answers).containsExactly(403, 403);
        assertTheFreedNameHoldsNothing(org);
    }

    @Test
    void aRepositoryMovedInWhileTheDeletionCountsIsMovedBackUnchanged() throws Exception {
        Members.Team team = members.team(accounts, "raceinto", "write");
        String org = team.org();
        Accounts.SignedIn admin = team.admin();
        Accounts.SignedIn writer = team.member();
        String own = writer.username() + "/weights";
        members.createModel(writer.bearer(), own, true).andExpect(jsonPath("$.msg").value("success"));
        List<Integer> answers = new ArrayList<>();
        orgs.afterCount = () -> answers.add(members.statusFromAnotherThread(patch("/api/model").param("name", own).with(writer.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"newName\":\"" + org + "/weights\",\"isPrivate\":false,\"description\":\"moved\"}")));

        mvc.perform(delete("/api/orgs/" + org).with(admin.bearer())).andExpect(status().isOk());

        assertThat(answers).containsExactly(403);
        mvc.perform(get("/api/model").param("name", own).with(writer.bearer()))
                .andExpect(jsonPath("$.data.options.name").value(own))
                .andExpect(jsonPath("$.data.options.isPrivate").value(true))
                .andExpect(jsonPath("$.data.options.description").value(""));
        mvc.perform(get("/api/model").param("name", own)).andExpect(jsonPath("$.data").doesNotExist()); // still private
        assertTheFreedNameHoldsNothing(org);
    }

    /**
     * A deletion sure to fail (the organisation holds a repository already) is refused on a count made
     * before its name is closed: a write at the same moment goes on (a newcomer's probe saw such
     * writes refused with a message about the admin's role, for a deletion that could never succeed).
     */
    @Test
    void aDeletionOfAnOrganisationHoldingRepositoriesIsRefusedWithoutClosingItsName() throws Exception {
        String org = Accounts.uniqueName("raceheld");
        Accounts.SignedIn admin = accounts.signUp("raceheldadmin");
        members.createOrg(admin, org);
        members.createModel(admin.bearer(), org + "/kept", true).andExpect(jsonPath("$.msg").value("success"));
        List<Integer> answers = new ArrayList<>();
        orgs.afterCount = () -> answers.add(members.statusFromAnotherThread(post("/api/model").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + org + "/during\"}")));

        mvc.perform(delete("/api/orgs/" + org).with(admin.bearer())).andExpect(status().isConflict())
                .andExpect(jsonPath("$.msg").value(containsString("still holds 1 repository")));

        assertThat(answers).isEmpty(); // refused before the name was closed: no write was put in a closing
        members.createModel(admin.bearer(), org + "/after", false).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(get("/api/orgs/" + org).with(admin.bearer())).andExpect(jsonPath("$.data.repositories.length()").value(2));
    }

    @Test
    void concurrentCreatesEitherBlockTheDeletionOrAreRefused() throws Exception {
        for (int round = 0; round < 6; round++) {
            Members.Team team = members.team(accounts, "racemany", "write");
            String org = team.org();
            Accounts.SignedIn admin = team.admin();
            Accounts.SignedIn writer = team.member();
            List<CompletableFuture<Integer>> creates = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                String body = "{\"name\":\"" + org + "/s" + k + "\",\"isPrivate\":true}";
                creates.add(CompletableFuture.supplyAsync(() -> members.status(post("/api/model").with(writer.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(body))));
            }
            Thread.sleep(round);
            int deletion = members.status(delete("/api/orgs/" + org).with(admin.bearer()));
            long created = creates.stream().map(CompletableFuture::join).filter(answer -> answer == 200).count();
            assertThat(creates).allSatisfy(create -> assertThat(create.join()).isIn(200, 403));

            if (deletion == 200) {
                assertThat(created).as("a repository kept by a create while its organisation was deleted").isZero();
                assertTheFreedNameHoldsNothing(org);
            } else {
                assertThat(deletion).isEqualTo(409);
                mvc.perform(get("/api/orgs/" + org).with(admin.bearer()))
                        .andExpect(jsonPath("$.data.repositories.length()").value((int) created));
            }
        }
    }

    @Test
    void aMarkLeftByACrashedDeletionBlocksCreatingForAMinuteOnly() throws Exception {
        String org = Accounts.uniqueName("racecrash");
        Accounts.SignedIn admin = accounts.signUp("racecrashadmin");
        members.createOrg(admin, org);
        assertThat(namespaces.close(org, Namespaces.Kind.ORG)).isPresent(); // a deletion that never came back

        members.createModel(admin.bearer(), org + "/early", false).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.msg").value(org + " is being deleted or was deleted meanwhile: nothing was created or moved into it"));
        // someone who may not create there hears only that, not that a deletion is under way
        members.createModel(accounts.signUp("racecrashstranger").bearer(), org + "/stranger", false).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.msg").value(containsString("you may only create or move repositories under your own name")));
        mvc.perform(delete("/api/orgs/" + org).with(admin.bearer())).andExpect(status().isConflict())
                .andExpect(jsonPath("$.msg").value(org + " is being deleted; try again"));

        clock.advance(Namespaces.CLOSING_HOLD.plusSeconds(1));
        members.createModel(admin.bearer(), org + "/later", false).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(delete("/api/orgs/" + org).with(admin.bearer())).andExpect(status().isConflict())
                .andExpect(jsonPath("$.msg").value(containsString("still holds 1 repository")));
    }

    @Test
    void usersWhoseTeamNamedTheDeletedOrganisationHaveNoTeamAnyMore() throws Exception {
        String org = Accounts.uniqueName("gamma");
        Accounts.SignedIn admin = accounts.signUp("gammaadmin");
        members.createOrg(admin, org);
        Accounts.SignedIn lower = accounts.signUp("gammalower", org);
        Accounts.SignedIn upper = accounts.signUp("gammaupper", org.toUpperCase());
        Accounts.SignedIn other = accounts.signUp("gammaother", Accounts.uniqueName("delta"));
        profile(upper).andExpect(jsonPath("$.data.team").value(org.toUpperCase()))
                .andExpect(jsonPath("$.data.teamStatus").value("pending"));

        mvc.perform(delete("/api/orgs/" + org).with(admin.bearer())).andExpect(status().isOk());

        for (Accounts.SignedIn user : List.of(lower, upper)) {
            profile(user).andExpect(jsonPath("$.data.team").value("")).andExpect(jsonPath("$.data.teamStatus").value(""));
        }
        profile(other).andExpect(jsonPath("$.data.team").value(other.team()))
                .andExpect(jsonPath("$.data.teamStatus").value("active"));
        // Someone founding the name anew with their registration keeps it as their team.
        Accounts.SignedIn founder = accounts.signUp("gammafounder", org);
        profile(founder).andExpect(jsonPath("$.data.team").value(org)).andExpect(jsonPath("$.data.teamStatus").value("active"));
    }

    @Test
    void theLastAdminsAccountDeletionClearsTheTeamOfThoseWhoNamedIt() throws Exception {
        String org = Accounts.uniqueName("omega");
        Accounts.SignedIn founder = accounts.signUp("omegafounder", org);
        Accounts.SignedIn asker = accounts.signUp("omegaasker", org.toUpperCase());
        profile(asker).andExpect(jsonPath("$.data.teamStatus").value("pending"));

        mvc.perform(delete("/api/account").with(founder.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + Accounts.PASSWORD + "\"}")).andExpect(status().isOk());

        mvc.perform(get("/api/orgs/" + org)).andExpect(status().isNotFound());
        profile(asker).andExpect(jsonPath("$.data.team").value("")).andExpect(jsonPath("$.data.teamStatus").value(""));
    }

    /** Someone else founds an organisation of the freed name: nothing of the old one is in it. */
    private void assertTheFreedNameHoldsNothing(String org) throws Exception {
        Accounts.SignedIn newcomer = accounts.signUp("racenewcomer");
        members.createOrg(newcomer, org);
        mvc.perform(get("/api/orgs/" + org).with(newcomer.bearer())).andExpect(jsonPath("$.data.yourRole").value("admin"))
                .andExpect(jsonPath("$.data.repositories.length()").value(0));
    }

    private ResultActions profile(Accounts.SignedIn user) throws Exception {
        return mvc.perform(get("/api/personalInformation").with(user.bearer()));
    }


}
