package io.modellibrary.catalog;

import io.modellibrary.account.AccountDirectory;
import io.modellibrary.account.AccountManagement;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import io.modellibrary.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.util.ReflectionTestUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A repository written into a namespace whose holder is deleted after the write's permission check
 * and before the write ({@link RepoService#beforeWrite}: the deletion runs there to its end, so the
 * race is played out the same way every run). Before, the write answered 200 and the repository
 * stayed in the freed namespace for its next holder (found by a newcomer's probe); now the write is
 * taken back with the 403 of a namespace the caller may not create in. The opposite order (the write
 * inside the deletion) is {@code org/OrgDeletionRaceTest}'s for organisations, and
 * {@link #aRepositoryCreatedAfterTheAccountDeletionsSweepIsTakenBack}'s for accounts. A write of a user
 * signed in before their account's deletion and run after it ended (the name freed, or claimed anew)
 * hears 401, as the user's credential does from then on.
 */
@FullStackTest
class NamespaceWriteRaceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    RepoService repos;
    @Autowired
    AccountManagement management;
    @Autowired
    AccountDirectory directory;

    @AfterEach
    void noMoreInterleaving() {
        repos.beforeWrite = () -> { };
        repos.beforeEnter = () -> { };
        ReflectionTestUtils.setField(management, "afterSweep", (Runnable) () -> { });
    }

    @Test
    void aRepositoryCreatedInAnOrganisationDeletedMeanwhileIsTakenBack() throws Exception {
        Members.Team team = members.team(accounts, "wrgone", "write");
        String org = team.org();
        Accounts.SignedIn admin = team.admin();
        Accounts.SignedIn writer = team.member();
        List<Integer> deletion = once(delete("/api/orgs/" + org).with(admin.bearer()));

        mvc.perform(post("/api/repos/create").with(writer.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"s1\",\"organization\":\"" + org + "\",\"type\":\"model\",\"private\":true}"))
                .andExpect(status().isForbidden());

        assertThat(deletion).containsExactly(200);
        Accounts.SignedIn newcomer = accounts.signUp("wrgonenewcomer");
        members.createOrg(newcomer, org);
        mvc.perform(get("/api/orgs/" + org).with(newcomer.bearer())).andExpect(jsonPath("$.data.repositories.length()").value(0));
        mvc.perform(get("/api/models/" + org + "/s1").with(newcomer.bearer())).andExpect(status().isNotFound());
    }

    @Test
    void aRepositoryMovedIntoAnOrganisationDeletedMeanwhileIsMovedBack() throws Exception {
        Members.Team team = members.team(accounts, "wrmove", "write");
        String org = team.org();
        Accounts.SignedIn admin = team.admin();
        Accounts.SignedIn writer = team.member();
        String own = writer.username() + "/weights";
        members.createModel(writer.bearer(), own, true).andExpect(jsonPath("$.msg").value("success"));
        List<Integer> deletion = once(delete("/api/orgs/" + org).with(admin.bearer()));

        mvc.perform(patch("/api/model").param("name", own).with(writer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"newName\":\"" + org + "/weights\"}")).andExpect(status().isForbidden());

        assertThat(deletion).containsExactly(200);
        mvc.perform(get("/api/model").param("name", own).with(writer.bearer())).andExpect(jsonPath("$.data.options.name").value(own));
        Accounts.SignedIn newcomer = accounts.signUp("wrmovenewcomer");
        members.createOrg(newcomer, org);
        mvc.perform(get("/api/orgs/" + org).with(newcomer.bearer())).andExpect(jsonPath("$.data.repositories.length()").value(0));
        mvc.perform(get("/api/model").param("name", org + "/weights").with(newcomer.bearer())).andExpect(jsonPath("$.data").doesNotExist());
    }

    @Test
    void aRepositoryCreatedInTheOwnNamespaceOfAnAccountDeletedMeanwhileIsTakenBack() throws Exception {
        Accounts.SignedIn leaver = accounts.signUp("wrleaver");
        List<Integer> deletion = once(delete("/api/account").with(leaver.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + Accounts.PASSWORD + "\"}"));

        members.createModel(leaver.bearer(), leaver.username() + "/late", true).andExpect(status().isForbidden());

        assertThat(deletion).containsExactly(200);
        Accounts.SignedIn newcomer = new Accounts.SignedIn(leaver.username(), null, accounts.register(leaver.username(), null));
        mvc.perform(get("/api/personalFiles").with(newcomer.bearer())).andExpect(jsonPath("$.data.list.length()").value(0));
        mvc.perform(get("/api/models/" + leaver.username() + "/late").with(newcomer.bearer())).andExpect(status().isNotFound());
    }

    /**
     * A create signed in (its access token checked) before its account's deletion began, held before it
     * reads its namespace ({@link RepoService#beforeEnter}) until the deletion has ended: before, it found
     * the name free, its own-namespace permission needed no database, and the repository stayed in the
     * freed namespace for the name's next holder (docs/decisions.md, open point on O9).
     */
    @Test
    void aCreateSignedInBeforeItsAccountsDeletionAndRunAfterItIsRefused() throws Exception {
        Accounts.SignedIn leaver = accounts.signUp("wrafter");
        Members.Token token = members.token(leaver, "write");
        List<Integer> deletion = once(delete("/api/account").with(leaver.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + Accounts.PASSWORD + "\"}"), seam -> repos.beforeEnter = seam);

        mvc.perform(post("/api/repos/create").header("Authorization", "Bearer " + token.token())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"late\",\"type\":\"model\",\"private\":true}"))
                .andExpect(status().isUnauthorized());

        assertThat(deletion).containsExactly(200);
        Accounts.SignedIn newcomer = new Accounts.SignedIn(leaver.username(), null, accounts.register(leaver.username(), null));
        mvc.perform(get("/api/personalFiles").with(newcomer.bearer())).andExpect(jsonPath("$.data.list.length()").value(0));
        mvc.perform(get("/api/models/" + leaver.username() + "/late").with(newcomer.bearer())).andExpect(status().isNotFound());
    }

    /**
     * A change signed in as a user before their account's deletion, run after the name's next holder made a
     * repository of the same name: the own namespace's role came from the name alone, so it changed the
     * newcomer's repository. The caller is the one the session's sign-in made before the deletion.
     */
    @Test
    void aChangeSignedInBeforeItsAccountsDeletionLeavesTheNextHoldersRepositoryAlone() throws Exception {
        Accounts.SignedIn leaver = accounts.signUp("wrstale");
        CurrentUser signedInBefore = directory.findByUsername(leaver.username()).orElseThrow();
        mvc.perform(delete("/api/account").with(leaver.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + Accounts.PASSWORD + "\"}")).andExpect(status().isOk());
        Accounts.SignedIn newcomer = new Accounts.SignedIn(leaver.username(), null, accounts.register(leaver.username(), null));
        String name = leaver.username() + "/weights";
        members.createModel(newcomer.bearer(), name, false).andExpect(jsonPath("$.msg").value("success"));
        members.ok(patch("/api/model").param("name", name).with(newcomer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"description\":\"mine\"}"));

        mvc.perform(patch("/api/model").param("name", name).with(Users.as(signedInBefore)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"description\":\"taken over\"}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.msg").value("no login"));
        mvc.perform(delete("/api/model").param("name", name).with(Users.as(signedInBefore))).andExpect(status().isUnauthorized());

        mvc.perform(get("/api/model").param("name", name).with(newcomer.bearer()))
                .andExpect(jsonPath("$.data.options.name").value(name))
                .andExpect(jsonPath("$.data.options.description").value("mine"));
    }

    /**
     * The other order for an account: a create signed in before the deletion began waits at its write
     * until the deletion has swept the own namespace ({@code AccountManagement.afterSweep}), then writes
     * and finishes while the deletion waits; the deletion then frees the name.
     */
    @Test
    void aRepositoryCreatedAfterTheAccountDeletionsSweepIsTakenBack() throws Exception {
        Accounts.SignedIn leaver = accounts.signUp("wrsweep");
        members.createModel(leaver.bearer(), leaver.username() + "/before", true).andExpect(jsonPath("$.msg").value("success"));
        CountDownLatch atWrite = new CountDownLatch(1);
        CountDownLatch write = new CountDownLatch(1);
        repos.beforeWrite = () -> {
            atWrite.countDown();
            await(write);
        };
        CompletableFuture<Integer> create = CompletableFuture.supplyAsync(() -> members.status(post("/api/repos/create")
                .with(leaver.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"late\",\"type\":\"model\",\"private\":true}")));
        await(atWrite);
        ReflectionTestUtils.setField(management, "afterSweep", (Runnable) () -> {
            write.countDown();
            create.join();
        });

        mvc.perform(delete("/api/account").with(leaver.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"" + Accounts.PASSWORD + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data.deletedRepositories").value(1));

        assertThat(create.get(30, TimeUnit.SECONDS)).isEqualTo(403);
        Accounts.SignedIn newcomer = new Accounts.SignedIn(leaver.username(), null, accounts.register(leaver.username(), null));
        mvc.perform(get("/api/personalFiles").with(newcomer.bearer())).andExpect(jsonPath("$.data.list.length()").value(0));
        mvc.perform(get("/api/models/" + leaver.username() + "/late").with(newcomer.bearer())).andExpect(status().isNotFound());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other request reached its seam").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes the next write into a namespace wait, after its permission check, for this request (on another thread); its status. */
    private List<Integer> once(RequestBuilder request) {
        return once(request, seam -> repos.beforeWrite = seam);
    }

    /** Puts this request (run on another thread, once) into the seam; its status. */
    private List<Integer> once(RequestBuilder request, Consumer<Runnable> seam) {
        List<Integer> answers = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        seam.accept(() -> {
            if (done.compareAndSet(false, true)) {
                answers.add(members.statusFromAnotherThread(request));
            }
        });
        return answers;
    }

}
