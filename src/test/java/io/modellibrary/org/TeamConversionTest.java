package io.modellibrary.org;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * Users stored in today's shape ({@code team}, {@code teamKey} on the user) become
 * organisations at start-up: one per team ignoring case, the earliest member its admin,
 * the others writers; running it again changes nothing.
 */
@FullStackTest
@ExtendWith(OutputCaptureExtension.class)
class TeamConversionTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    TeamConversion conversion;
    @Autowired
    Accounts accounts;

    @Test
    void existingTeamsBecomeOrganisationsOnceWithTheEarliestMemberAsAdmin(CapturedOutput output) throws Exception {
        String team = Accounts.uniqueName("Legacy");
        String first = legacyUser("first", team, "2023-01-01T00:00:00Z");
        String second = legacyUser("second", team.toLowerCase(Locale.ROOT), "2023-02-01T00:00:00Z");
        String third = legacyUser("third", team.toUpperCase(Locale.ROOT), "2023-03-01T00:00:00Z");
        String selfNamed = legacyUser("self", null, "2023-01-01T00:00:00Z");
        mongo.getCollection("users").updateOne(new Document("username", selfNamed),
                new Document("$set", new Document("team", selfNamed).append("teamKey", selfNamed.toLowerCase(Locale.ROOT))));

        conversion.convertTeams();
        conversion.convertTeams();

        String signedIn = accounts.login(second);
        mvc.perform(get("/api/orgs/" + team).with(Accounts.bearer(signedIn)))
                .andExpect(jsonPath("$.data.name").value(team))
                .andExpect(jsonPath("$.data.members.length()").value(3))
                .andExpect(jsonPath("$.data.members[?(@.username == '" + first + "')].role").value("admin"))
                .andExpect(jsonPath("$.data.members[?(@.username == '" + second + "')].role").value("write"))
                .andExpect(jsonPath("$.data.members[?(@.username == '" + third + "')].role").value("write"))
                .andExpect(jsonPath("$.data.yourRole").value("write"));
        mvc.perform(get("/api/personalInformation").with(Accounts.bearer(signedIn)))
                .andExpect(jsonPath("$.data.teamStatus").value("active"));
        assertThat(mongo.getCollection("orgs").countDocuments(new Document("_id", team.toLowerCase(Locale.ROOT)))).isEqualTo(1);
        assertThat(output.getAll()).containsOnlyOnce("Converted team '" + team + "'");
        assertThat(mongo.getCollection("orgs").countDocuments(new Document("_id", selfNamed.toLowerCase(Locale.ROOT)))).isZero();
    }

    /** A user document as stored before organisations existed; its name is claimed as at start-up. */
    private String legacyUser(String prefix, String team, String registeredAt) {
        String username = Accounts.uniqueName(prefix);
        Document user = new Document("_id", new ObjectId())
                .append("username", username).append("usernameKey", username.toLowerCase(Locale.ROOT))
                .append("passwordHash", encoder.encode(Accounts.PASSWORD))
                .append("avatar", "/images/defaultAvatar.png")
                .append("createdAt", Date.from(Instant.parse(registeredAt)));
        if (team != null) {
            user.append("team", team).append("teamKey", team.toLowerCase(Locale.ROOT));
        }
        mongo.getCollection("users").insertOne(user);
        mongo.getCollection("names").insertOne(new Document("_id", username.toLowerCase(Locale.ROOT))
                .append("name", username).append("kind", "USER"));
        return username;
    }
}
