package io.modellibrary.common;

import io.modellibrary.support.EmptyCatalogueTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler lookup that skips mappings by first path segment ({@link FirstSegmentMappings})
 * picks, for a request to any path of any mapping and to paths no mapping has, what Spring's own
 * lookup over the same controllers picks: the same handler method, or the same refusal (no
 * handler, wrong method, wrong content type).
 */
@EmptyCatalogueTest
class FirstSegmentMappingsTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    ApplicationContext context;

    @Test
    void everyMappedPathGoesWhereSpringsOwnLookupSendsIt() throws Exception {
        assertThat(mapping).isInstanceOf(FirstSegmentMappings.Lookup.class);
        RequestMappingHandlerMapping plain = new RequestMappingHandlerMapping();
        plain.setApplicationContext(context);
        plain.setEmbeddedValueResolver(new EmbeddedValueResolver(((ConfigurableApplicationContext) context).getBeanFactory()));
        plain.setPatternParser(mapping.getPatternParser());
        plain.setContentNegotiationManager(mapping.getContentNegotiationManager());
        plain.afterPropertiesSet();

        Set<String> paths = new LinkedHashSet<>(List.of("/", "/api", "/api/", "/x", "/x/y", "/API/whoami-v2",
                "/alice/model/resolve/main/config.json", "/datasets/alice/data/resolve/main/a/b.csv",
                "/alice/model/tree/main", "/settings/tokens", "/nothing/here/at/all", "/api/nothing-here"));
        Set<String> methods = new LinkedHashSet<>(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"));
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (info.getPathPatternsCondition() != null) {
                for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                    paths.add(sample(pattern.getPatternString()));
                }
            }
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
        });
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            for (String method : methods) {
                String ours = handlerOf(mapping, method, path);
                String spring = handlerOf(plain, method, path);
                if (!ours.equals(spring)) {
                    differences.add(method + " " + path + ": " + ours + " instead of " + spring);
                }
            }
        }
        assertThat(paths).hasSizeGreaterThan(100);
        assertThat(differences).isEmpty();
    }

    /** A concrete path the pattern matches (variables as {@code x}, catch-alls as {@code a/b}). */
    private static String sample(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]*}", "a/b").replaceAll("\\{[^}]*}", "x")
                .replace("**", "a/b").replace("*", "x").replace("?", "x");
    }

    private static String handlerOf(RequestMappingHandlerMapping lookup, String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = lookup.getHandler(request);
            if (chain == null) {
                return "none";
            }
            return chain.getHandler() instanceof HandlerMethod handler ? handler.getMethod().toGenericString() : chain.getHandler().toString();
        } catch (Exception refused) {
            return refused.getClass().getSimpleName();
        }
    }
}
