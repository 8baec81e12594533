package io.modellibrary.account;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Which names, passwords and teams are accepted, and what a taken name answers. */
@FullStackTest
class RegistrationRulesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void aTakenNameAnswersUserNameRegisteredWhateverItsCase() throws Exception {
        String name = Accounts.uniqueName("Alice");
        accounts.register(name, null);

        verify(name.toUpperCase()).andExpect(status().isOk())
                .andExpect(content().json("{\"code\":0,\"msg\":\"user name registered\",\"data\":null}", true));
        register(name.toLowerCase(), Accounts.PASSWORD, null)
                .andExpect(status().isOk())
                .andExpect(content().json("{\"code\":0,\"msg\":\"user name registered\",\"data\":null}", true));
    }

    @Test
    void aTeamNameCannotBeRegisteredAsAUserNorAUserNameTakenAsATeam() throws Exception {
        String team = Accounts.uniqueName("Lab");
        Accounts.SignedIn member = accounts.signUp("member", team);

        verify(team.toLowerCase()).andExpect(jsonPath("$.msg").value("user name registered"));
        register(Accounts.uniqueName("sneaky"), Accounts.PASSWORD, member.username().toUpperCase())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value(containsString("is the name of a user")));
        register(Accounts.uniqueName("colleague"), Accounts.PASSWORD, team.toLowerCase())
                .andExpect(jsonPath("$.code").value(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a-name-that-is-thirty-three-chars", "has space", "-dash", "dot.", "ünïcode",
            "semi;colon", "slash/name", "back\\\\slash", "tab\\tname", ""})
    void malformedNamesAre400NamingTheField(String name) throws Exception {
        verify(name).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value(containsString("username must be 3 to 32 letters")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "images", "Models", "datasets", "swagger-ui", "actuator", "ADMIN", "login",
            "register", "settings"})
    void reservedNamesAre400(String name) throws Exception {
        verify(name).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("username '" + name + "' is reserved"));
        register(name, Accounts.PASSWORD, null).andExpect(status().isBadRequest());
    }

    @Test
    void validNamesOfEveryAllowedCharacterAreFree() throws Exception {
        verify("a_b-c.9" + System.nanoTime() % 1000).andExpect(jsonPath("$.msg").value("verification successful"));
        verify(Accounts.uniqueName("x").substring(0, 3) + "y".repeat(29)).andExpect(jsonPath("$.code").value(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "1234567", "ééééééééééééééééééééééééééééééééééééé"})
    void passwordsOutsideEightTo72BytesAre400(String password) throws Exception {
        register(Accounts.uniqueName("pw"), password, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("password must be 8 to 72 bytes long in UTF-8"));
    }

    @Test
    void aPasswordOfExactly72BytesIsAccepted() throws Exception {
        register(Accounts.uniqueName("pw"), "é".repeat(36), null).andExpect(jsonPath("$.code").value(1));
    }

    @Test
    void missingFieldsAre400() throws Exception {
        mvc.perform(multipart("/api/register/submitUserInfo").param("username", Accounts.uniqueName("nopw")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("password must not be null"));
        mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("username must not be null"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my team", "api", "-x", "t23456789012345678901234567890123"})
    void malformedOrReservedTeamsAre400(String team) throws Exception {
        register(Accounts.uniqueName("tm"), Accounts.PASSWORD, team)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value(containsString("team")));
    }

    @Test
    void injectionShapedBodiesAre400() throws Exception {
        mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":{\"$ne\":null}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0));
    }

    private ResultActions verify(String name) throws Exception {
        return mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + name + "\"}"));
    }

    private ResultActions register(String name, String password, String team) throws Exception {
        var request = multipart("/api/register/submitUserInfo").param("username", name).param("password", password);
        if (team != null) {
            request.param("team", team);
        }
        return mvc.perform(request);
    }
}
