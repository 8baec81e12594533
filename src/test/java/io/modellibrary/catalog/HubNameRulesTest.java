package io.modellibrary.catalog;

import io.modellibrary.common.ReservedNames;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

import static io.modellibrary.support.Users.alice;
import static io.modellibrary.support.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 17, names: new repository names follow {@code validate_repo_id} of
 * {@code huggingface_hub/utils/_validators.py}; route words are no user, organisation or
 * repository name; a namespace-less repository's name is no user or organisation name.
 * Names stored before keep working.
 */
@EmptyCatalogueTest
class HubNameRulesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Accounts accounts;
    @Autowired
    ApplicationContext context;

    @ParameterizedTest
    @ValueSource(strings = {"alice/a--b", "alice/a..b", "alice/-lead", "alice/trail-", "alice/.dot", "alice/dot.",
            "alice/model.git", "alice/Model.GIT", "alice/tree", "alice/Resolve", "alice/preupload", "alice/modelList",
            "alice/refs", "alice/commit", "alice/settings", "alice/web", "alice/webjars"})
    void newRepositoryNamesFollowTheHubRuleAndAreNoRouteWord(String name) throws Exception {
        create("{\"name\":\"" + name + "\"}", alice()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value(containsString("name")));
    }

    @Test
    void aNameOf96CharactersIsAcceptedAndOneOf97Refused() throws Exception {
        String ns = "alice/";
        create("{\"name\":\"" + ns + "a".repeat(96 - ns.length()) + "\"}", alice()).andExpect(jsonPath("$.msg").value("success"));
        create("{\"name\":\"" + ns + "b".repeat(97 - ns.length()) + "\"}", alice()).andExpect(status().isBadRequest());
        create("{\"name\":\"alice/ok_name-1.0\"}", alice()).andExpect(jsonPath("$.msg").value("success"));
    }

    @Test
    void aRenameToABrokenNameIsRefusedButStoredNamesKeepWorking() throws Exception {
        fixtures.model("alice/old--name").owner("alice").save(); // stored before the rule
        mvc.perform(get("/api/model").param("name", "alice/old--name"))
                .andExpect(jsonPath("$.data.options.name").value("alice/old--name"));
        mvc.perform(patch("/api/model").param("name", "alice/old--name").with(as(alice()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"newName\":\"alice/tree\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(patch("/api/model").param("name", "alice/old--name").with(as(alice()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"newName\":\"alice/new-name\"}"))
                .andExpect(jsonPath("$.data.options.name").value("alice/new-name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"modelList", "DatasetList", "raw", "preupload", "paths-info", "refs", "discussions", "join",
            "web", "WebJars", "apple-touch-icon.png"})
    void routeWordsAreNoUserOrOrganisationName(String name) throws Exception {
        verify(name).andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg").value(containsString("reserved")));
        Accounts.SignedIn founder = accounts.signUp("founder");
        mvc.perform(post("/api/orgs").with(founder.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\"}")).andExpect(status().isBadRequest());
    }

    /**
     * A probe named an organisation {@code web}: its page {@code /web} was the static handler's. Every
     * first path segment this server answers itself (a controller's literal first segment, a resource
     * handler's, a top-level entry of the static resources) is a reserved name, so no user's,
     * organisation's or namespace-less repository's page can be shadowed by one.
     */
    @Test
    void everyFirstPathSegmentTheServerServesIsAReservedName() throws Exception {
        Set<String> served = new TreeSet<>();
        for (HandlerMapping mapping : context.getBeansOfType(HandlerMapping.class).values()) {
            if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
                methods.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(p -> served.add(firstSegment(p))));
            } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
                urls.getHandlerMap().forEach((pattern, handler) -> {
                    served.add(firstSegment(pattern));
                    if (pattern.equals("/**") && handler instanceof ResourceHttpRequestHandler resources) {
                        served.addAll(topLevelEntries(resources));
                    }
                });
            }
        }
        served.removeIf(segment -> segment.isEmpty() || segment.startsWith("{") || segment.contains("*"));
        assertThat(served).as("what this test found").contains("api", "web", "webjars", "images", "settings", "actuator");
        assertThat(served).allSatisfy(segment -> assertThat(ReservedNames.isReserved(segment)).as(segment).isTrue());
    }

    private static String firstSegment(String pattern) {
        String path = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** The names at the top of a resource handler's class path locations (the static files under {@code /**}). */
    private static Set<String> topLevelEntries(ResourceHttpRequestHandler handler) {
        Set<String> names = new TreeSet<>();
        var resolver = new PathMatchingResourcePatternResolver();
        for (Resource location : handler.getLocations()) {
            if (location instanceof ClassPathResource classPath) {
                try {
                    for (Resource entry : resolver.getResources("classpath*:" + classPath.getPath() + "*")) {
                        String url = entry.getURL().toString();
                        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
                        names.add(trimmed.substring(trimmed.lastIndexOf('/') + 1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab--cd", "ab..cd"})
    void userAndOrganisationNamesFollowTheHubRule(String name) throws Exception {
        verify(name).andExpect(status().isBadRequest());
        Accounts.SignedIn founder = accounts.signUp("founder");
        mvc.perform(post("/api/orgs").with(founder.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\"}")).andExpect(status().isBadRequest());
    }

    @Test
    void theNameOfANamespaceLessRepositoryIsNoUserOrOrganisationName() throws Exception {
        String bare = Accounts.uniqueName("squad");
        fixtures.dataset(bare).save();
        verify(bare.toUpperCase()).andExpect(jsonPath("$.msg").value("user name registered"));
        Accounts.SignedIn founder = accounts.signUp("founder");
        mvc.perform(post("/api/orgs").with(founder.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + bare + "\"}")).andExpect(status().isConflict());
        verify(Accounts.uniqueName("free")).andExpect(jsonPath("$.msg").value("verification successful"));
    }

    private ResultActions verify(String name) throws Exception {
        return mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + name + "\"}"));
    }

    private ResultActions create(String json, CurrentUser user) throws Exception {
        return mvc.perform(post("/api/model").with(as(user)).contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
