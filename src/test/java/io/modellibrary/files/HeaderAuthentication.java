package io.modellibrary.files;

import io.modellibrary.security.CurrentUser;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import java.util.List;

/**
 * Test-only sign-in for tests over real HTTP: a request with {@code X-Test-User: alice}
 * runs as alice. It hands Spring Security the context the way its request-attribute
 * repository expects, before the security filters run; production has no such filter.
 */
@TestConfiguration(proxyBeanMethods = false)
class HeaderAuthentication {

    static final String HEADER = "X-Test-User";

    @Bean
    FilterRegistrationBean<Filter> testUserFilter() {
        Filter filter = (request, response, chain) -> {
            String user = ((HttpServletRequest) request).getHeader(HEADER);
            if (user != null) {
                request.setAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME,
                        new SecurityContextImpl(new UsernamePasswordAuthenticationToken(
                                new CurrentUser("id-" + user, user, null), null, List.of())));
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
