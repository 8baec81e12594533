package io.modellibrary.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The likes lists as {@code huggingface_hub list_liked_repos} and {@code list_repo_likers} read them: what a user
 * liked (private repositories only for those who may see them, without a trace for the others) and who liked a
 * repository, both newest first and paged by {@code Link}.
 */
@FullStackTest
class HubLikesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code huggingface_hub utils/_pagination.py} follows {@code response.links["next"]["url"]}. */
    private static final Pattern NEXT = Pattern.compile("<(https?://[^/]+)([^>]+)>; rel=\"next\"");
    private static final RequestPostProcessor ANONYMOUS = r -> r;

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();

    @Test
    void aUsersLikesListPrivateRepositoriesOnlyForThoseWhoMaySeeThem() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("liker");
        Accounts.SignedIn bob = accounts.signUp("looker");
        fixtures.create(alice, RepoType.MODEL, "open", false);
        fixtures.create(alice, RepoType.MODEL, "secret", true);
        fixtures.create(alice, RepoType.DATASET, "data", false);
        String open = alice.username() + "/open";
        String secret = alice.username() + "/secret";
        String data = alice.username() + "/data";
        like(alice, "models", open);
        like(alice, "datasets", data);
        like(alice, "models", secret);
        String likes = "/api/users/" + alice.username().toUpperCase() + "/likes";

        assertThat(names(walk(likes, alice.bearer()))).containsExactly("model " + secret, "dataset " + data, "model " + open);
        for (RequestPostProcessor other : List.of(ANONYMOUS, bob.bearer())) {
            assertThat(names(walk(likes, other))).containsExactly("dataset " + data, "model " + open);
            // a full page and no next page: nothing tells of the hidden like
            MockHttpServletResponse two = mvc.perform(get(likes).param("limit", "2").with(other)).andReturn().getResponse();
            assertThat(JSON.readTree(two.getContentAsString())).hasSize(2);
            assertThat(two.getHeader("Link")).isNull();
            List<JsonNode> onePerPage = walk(likes + "?limit=1", other);
            assertThat(names(onePerPage)).containsExactly("dataset " + data, "model " + open);
        }
        JsonNode first = walk(likes, alice.bearer()).get(0);
        assertThat(first.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        mvc.perform(delete("/api/datasets/" + data + "/like").with(alice.bearer())).andExpect(status().isOk());
        assertThat(names(walk(likes, ANONYMOUS))).containsExactly("model " + open);
    }

    @Test
    void anUnknownUserIs404InTheHubsErrorForm() throws Exception {
        mvc.perform(get("/api/users/no-such-user-anywhere/likes"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Message", "User not found"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"error\":\"User not found\"}", true));
        Accounts.SignedIn alice = accounts.signUp("badcursor");
        mvc.perform(get("/api/users/" + alice.username() + "/likes").param("cursor", "nope")).andExpect(status().isBadRequest())
                .andExpect(header().exists("X-Error-Message"));
        mvc.perform(get("/api/users/" + alice.username() + "/likes").param("limit", "0")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/users/" + alice.username() + "/likes")).andExpect(status().isOk()).andExpect(content().json("[]", true));
    }

    @Test
    void likersArePagedNewestFirstAndAHiddenRepositoryIsAbsent() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("liked");
        fixtures.create(owner, RepoType.MODEL, "popular", false);
        String id = owner.username() + "/popular";
        List<String> likers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Accounts.SignedIn fan = accounts.signUp("fan");
            like(fan, "models", id);
            likers.add(0, fan.username());
        }
        String route = "/api/models/" + id + "/likers";
        MockHttpServletResponse firstPage = mvc.perform(get(URI.create(route + "?limit=2"))).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(firstPage.getHeader("Link")).matches("<http://localhost(:\\d+)?/api/models/" + id + "/likers\\?limit=2&cursor=[0-9a-f]{24}>; rel=\"next\"");
        List<JsonNode> all = walk(route + "?limit=2", ANONYMOUS);
        assertThat(all).extracting(u -> u.get("user").asText()).containsExactlyElementsOf(likers);
        assertThat(all).allSatisfy(u -> {
            assertThat(u.get("fullname").asText()).isEqualTo(u.get("user").asText());
            assertThat(u.get("avatarUrl").asText()).startsWith("http://localhost/images/"); // absolute, as the Hub's
        });

        mvc.perform(put("/api/models/" + id + "/settings").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"private\":true}")).andExpect(status().isOk());
        Accounts.SignedIn stranger = accounts.signUp("stranger");
        for (RequestPostProcessor caller : List.of(ANONYMOUS, stranger.bearer())) {
            HubBaseTest.sameAnswer(mvc.perform(get(route).with(caller)).andReturn(),
                    mvc.perform(get("/api/models/" + owner.username() + "/never-made/likers").with(caller)).andReturn());
        }
        assertThat(walk(route, owner.bearer())).hasSize(3);
        // the fans no longer see it: their likes lists leave it out
        assertThat(walk("/api/users/" + likers.get(0) + "/likes", ANONYMOUS)).isEmpty();
    }

    private void like(Accounts.SignedIn who, String typeWord, String id) throws Exception {
        mvc.perform(post("/api/" + typeWord + "/" + id + "/like").with(who.bearer())).andExpect(status().isOk());
    }

    /** Every item of every page, following {@code Link} as the Python client does (at most 20 pages). */
    private List<JsonNode> walk(String first, RequestPostProcessor caller) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String next = first;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages").isLessThan(20);
            MockHttpServletResponse page = mvc.perform(get(URI.create(next)).with(caller)).andReturn().getResponse();
            assertThat(page.getStatus()).as(page.getContentAsString()).isEqualTo(200);
            JSON.readTree(page.getContentAsString()).forEach(items::add);
            Matcher link = NEXT.matcher(page.getHeader("Link") == null ? "" : page.getHeader("Link"));
            next = link.matches() ? link.group(2) : null;
        }
        return items;
    }

    /** {@code list_liked_repos}' reading of an item: its {@code repo.type} and {@code repo.name}. */
    private static List<String> names(List<JsonNode> likes) {
        return likes.stream().map(l -> l.get("repo").get("type").asText() + " " + l.get("repo").get("name").asText()).toList();
    }
}
