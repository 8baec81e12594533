package io.modellibrary.account;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.security.LoginThrottle;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Password change, sign-out everywhere and account deletion, as their user notices them. */
@FullStackTest
class AccountManagementTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    MockMvc mvc;
    @Autowired
    UserRepository users;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void aPasswordChangeRefusesEverySessionBeforeItButNotTheFreshOneNorAccessTokens() throws Exception {
        Accounts.SignedIn user = accounts.signUp("changer");
        String otherDevice = accounts.login(user.username());
        Members.Token script = members.token(user, "read");

        MvcResult changed = mvc.perform(post("/api/account/password").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + Accounts.PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}"))
                .andExpect(status().isOk()).andExpect(header().exists(HttpHeaders.AUTHORIZATION)).andReturn();
        String fresh = changed.getResponse().getHeader(HttpHeaders.AUTHORIZATION);

        profile(user.token()).andExpect(jsonPath("$.msg").value("no login"));
        profile(otherDevice).andExpect(jsonPath("$.msg").value("no login"));
        profile(fresh).andExpect(jsonPath("$.data.username").value(user.username()));
        profile(script.token()).andExpect(jsonPath("$.data.username").value(user.username()));
        login(user.username(), Accounts.PASSWORD).andExpect(jsonPath("$.msg").value("wrong username or password"));
        login(user.username(), NEW_PASSWORD).andExpect(jsonPath("$.code").value(1));
    }

    /**
     * A sign-in stores an older scheme's hash anew ({@code Credentials.upgradeHash}); a password change (or a
     * sign-out everywhere) made while its check ran must survive it: the sign-in once saved the whole user it
     * had read before the check, putting back the old password and the signed-out sessions.
     */
    @Test
    void aSignInUpgradingAnOldHashWhileThePasswordChangesKeepsTheNewPasswordAndItsSignOuts() throws Exception {
        Accounts.SignedIn user = accounts.signUp("upgrading");
        String otherDevice = accounts.login(user.username());
        PasswordEncoder checkOverlappingAChange = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                boolean matches = encoder.matches(raw, encoded);
                try {
                    mvc.perform(post("/api/account/password").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                                    .content("{\"currentPassword\":\"" + Accounts.PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}"))
                            .andExpect(status().isOk());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return matches;
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return true; // the stored hash is of an older scheme (a lower bcrypt cost, say)
            }
        };
        Credentials signIn = new Credentials(users, mongo, checkOverlappingAChange, throttle,
                new PasswordConfiguration.HashingProperties(null, null, null));

        assertThat(signIn.verify(user.username(), Accounts.PASSWORD, "192.0.2.77")).isPresent();

        login(user.username(), NEW_PASSWORD).andExpect(jsonPath("$.code").value(1));
        login(user.username(), Accounts.PASSWORD).andExpect(jsonPath("$.msg").value("wrong username or password"));
        profile(otherDevice).andExpect(jsonPath("$.msg").value("no login"));
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() throws Exception {
        Accounts.SignedIn user = accounts.signUp("guesser");
        mvc.perform(post("/api/account/password").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"not it at all\",\"newPassword\":\"" + NEW_PASSWORD + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/account/password").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + Accounts.PASSWORD + "\",\"newPassword\":\"short\"}"))
                .andExpect(status().isBadRequest());
        profile(user.token()).andExpect(jsonPath("$.data.username").value(user.username()));
        login(user.username(), Accounts.PASSWORD).andExpect(jsonPath("$.code").value(1));
    }

    @Test
    void signingOutEverywhereRefusesEveryEarlierSession() throws Exception {
        Accounts.SignedIn user = accounts.signUp("leaver");
        String otherDevice = accounts.login(user.username());

        mvc.perform(post("/api/account/logout-all").with(user.bearer()))
                .andExpect(status().isOk()).andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));

        profile(user.token()).andExpect(jsonPath("$.msg").value("no login"));
        profile(otherDevice).andExpect(jsonPath("$.msg").value("no login"));
        profile(accounts.login(user.username())).andExpect(jsonPath("$.data.username").value(user.username()));
    }

    @Test
    void signingOutEndsThisSessionAndItsRenewalsButNotTheOthersNorAccessTokens() throws Exception {
        Accounts.SignedIn user = accounts.signUp("oneout");
        String otherDevice = accounts.login(user.username());
        Members.Token script = members.token(user, "write");
        String renewed = profile(user.token()).andReturn().getResponse().getHeader(HttpHeaders.AUTHORIZATION);

        mvc.perform(post("/api/account/logout").with(Accounts.bearer(script.token()))).andExpect(status().isForbidden());
        mvc.perform(post("/api/account/logout")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/account/logout").with(Accounts.bearer(renewed)))
                .andExpect(status().isOk()).andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));

        profile(user.token()).andExpect(jsonPath("$.msg").value("no login"));
        profile(renewed).andExpect(jsonPath("$.msg").value("no login"));
        mvc.perform(post("/api/account/logout").with(user.bearer())).andExpect(status().isUnauthorized());
        profile(otherDevice).andExpect(jsonPath("$.data.username").value(user.username()));
        profile(script.token()).andExpect(jsonPath("$.data.username").value(user.username()));
    }

    @Test
    void deletingAnAccountTakesItsRepositoriesTokensAndNameWithIt() throws Exception {
        Accounts.SignedIn user = accounts.signUp("goner");
        members.createModel(user.bearer(), user.username() + "/weights", true).andExpect(jsonPath("$.msg").value("success"));
        Members.Token script = members.token(user, "write");

        deleteAccount(user, "wrong password").andExpect(status().isForbidden());
        deleteAccount(user, Accounts.PASSWORD).andExpect(status().isOk()).andExpect(jsonPath("$.data.deletedRepositories").value(1));

        mvc.perform(get("/api/model").param("name", user.username() + "/weights")).andExpect(jsonPath("$.msg").value("no such item"));
        profile(user.token()).andExpect(jsonPath("$.msg").value("no login"));
        profile(script.token()).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.msg").value("invalid or revoked access token"));
        login(user.username(), Accounts.PASSWORD).andExpect(jsonPath("$.msg").value("wrong username or password"));
        accounts.register(user.username(), null);
    }

    @Test
    void theLastAdminOfAnOrganisationWithRepositoriesCannotDeleteTheirAccount() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("keeper");
        String org = Accounts.uniqueName("kept");
        members.createOrg(admin, org);
        members.createModel(admin.bearer(), org + "/shared", true).andExpect(jsonPath("$.msg").value("success"));
        Accounts.SignedIn colleague = accounts.signUp("colleague");
        members.add(admin, org, colleague, "write");

        deleteAccount(admin, Accounts.PASSWORD).andExpect(status().isConflict())
                .andExpect(jsonPath("$.msg").value(containsString("last admin of " + org)));
        profile(admin.token()).andExpect(jsonPath("$.data.username").value(admin.username()));

        members.ok(put("/api/orgs/" + org + "/members/" + colleague.username()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"admin\"}"));
        deleteAccount(admin, Accounts.PASSWORD).andExpect(status().isOk());
        mvc.perform(get("/api/orgs/" + org).with(colleague.bearer())).andExpect(jsonPath("$.data.members.length()").value(1));
        mvc.perform(get("/api/model").param("name", org + "/shared").with(colleague.bearer())).andExpect(jsonPath("$.msg").value("success"));
    }

    @Test
    void accountChangesNeedASessionNotAnAccessToken() throws Exception {
        Accounts.SignedIn user = accounts.signUp("tokenonly");
        Members.Token write = members.token(user, "write");
        mvc.perform(post("/api/account/logout-all").with(Accounts.bearer(write.token()))).andExpect(status().isForbidden());
        mvc.perform(delete("/api/account").with(Accounts.bearer(write.token())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + Accounts.PASSWORD + "\"}")).andExpect(status().isForbidden());
        profile(user.token()).andExpect(jsonPath("$.data.username").value(user.username()));
    }

    private ResultActions deleteAccount(Accounts.SignedIn user, String password) throws Exception {
        return mvc.perform(delete("/api/account").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + password + "\"}"));
    }

    private ResultActions profile(String token) throws Exception {
        return mvc.perform(get("/api/personalInformation").with(Accounts.bearer(token)));
    }

    private ResultActions login(String username, String password) throws Exception {
        return mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
    }
}
