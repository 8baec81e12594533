package io.modellibrary.account;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Images;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A password goes in and never comes out: not in a response, not in the log (even at
 * DEBUG for the web and security layers), not in the database, where only a bcrypt hash
 * of it is kept.
 */
@FullStackTest
@ExtendWith(OutputCaptureExtension.class)
class NoPasswordLeakTest {

    private static final String PASSWORD = "Tr0ub4dor&3-unique-leak-probe";
    private static final List<String> LOGGERS = List.of("org.springframework.web", "org.springframework.security",
            "org.springframework.data.mongodb", "io.modellibrary");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PasswordEncoder encoder;

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void debugEverything() {
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void quietAgain() {
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void thePasswordAppearsInNoResponseLogLineOrDocument(CapturedOutput output) throws Exception {
        String name = Accounts.uniqueName("secretive");
        List<MvcResult> responses = new ArrayList<>();

        responses.add(mvc.perform(multipart("/api/register/submitUserInfo")
                .file(new MockMultipartFile("avatar", "a.png", "image/png", Images.png()))
                .param("username", name).param("password", PASSWORD).param("team", "leakers")).andReturn());
        responses.add(login(name, PASSWORD));
        responses.add(login(name, PASSWORD + "-wrong"));
        responses.add(login(name, PASSWORD.substring(0, 5))); // too short for registration, fine for login
        String token = responses.get(1).getResponse().getHeader("Authorization");
        responses.add(mvc.perform(get("/api/personalInformation").header("Authorization", "Bearer " + token)).andReturn());

        for (MvcResult response : responses) {
            assertThat(response.getResponse().getContentAsString()).doesNotContain(PASSWORD);
            response.getResponse().getHeaderNames().forEach(header ->
                    assertThat(response.getResponse().getHeaders(header)).noneMatch(v -> v.contains(PASSWORD)));
        }
        assertThat(output.getAll()).contains(name).doesNotContain(PASSWORD).doesNotContain(token);
        Document stored = mongo.findOne(Query.query(Criteria.where("username").is(name)), Document.class, "users");
        assertThat(stored.toJson()).doesNotContain(PASSWORD);
        assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}$2").isNotEqualTo(PASSWORD);
        assertThat(encoder.matches(PASSWORD, stored.getString("passwordHash"))).isTrue();
    }

    private MvcResult login(String name, String password) throws Exception {
        return mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}")
                .with(r -> { r.setRemoteAddr("10.99.0.1"); return r; })).andReturn();
    }
}
