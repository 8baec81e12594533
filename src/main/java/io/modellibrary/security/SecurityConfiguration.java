package io.modellibrary.security;

import io.modellibrary.common.Envelope;
import io.modellibrary.common.ErrorForms;
import io.modellibrary.common.LfsRoutes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Stateless token security: reads of the catalogue, images, the API docs and health are
 * public, and so are login and registration; every other write needs a valid token, and
 * a request without one answers 401 {@code no login} in the envelope. The JWT filter
 * signs callers in and renews their token; CORS follows {@code modellibrary.cors}.
 *
 * <p>The Hugging Face Hub's read routes are open to anonymous callers as well ({@link HubPaths}):
 * downloads at {@code /{id}/resolve|raw/...}, {@code POST .../paths-info/...} (the GETs are
 * under {@code /api/}) and the Git LFS batch API, whose {@code download} operation needs no
 * credential and whose {@code upload} refuses an anonymous caller itself (the operation is in the
 * body); a private repository then answers as a missing one. A path no controller
 * maps answers 404 to everyone ({@link UnmappedPaths}), never 401.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * No observations of Spring Security's own: it otherwise wraps each filter of a chain, the
     * authentication and the authorization in a Micrometer observation of its own on every
     * request, about 4 % of a warm download's server time before its first byte (JFR over 8,000
     * requests, docs/decisions.md "Downloads against nginx"). The request's own observation
     * ({@code http.server.requests}) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtService jwt, UserDirectory users, CorsProperties cors, ErrorForms errors,
                                    @Qualifier("requestMappingHandlerMapping")
                                    ObjectProvider<RequestMappingHandlerMapping> mappings) throws Exception {
        // No CSRF protection needed: the token travels in a header a foreign page cannot set, never in a cookie.
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAt(Cors.filter(cors), CorsFilter.class)
                .addFilterBefore(new JwtAuthenticationFilter(jwt, users, errors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // Read-only paths: any method passes, so a wrong one answers 405, not 401.
                        .requestMatchers("/api/modelLabel", "/api/datasetLabel", "/api/modelList",
                                "/api/datasetList", "/modelList", "/api/trendingList").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/login", "/api/register/verifyUsername",
                                "/api/register/submitUserInfo").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**", "/images/**").permitAll()
                        // A read sent as POST by the web client (a commit's diff).
                        .requestMatchers(HttpMethod.POST, "/api/getPrevAndNewFile").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/**", "/images/**").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HubPaths::isFileRead, HubPaths::isReadSentAsPost, HubPaths::isSelfAuthorised, HubPaths::isLfsBatch).permitAll()
                        .requestMatchers(new UnmappedPaths(mappings)).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                errors.write(request, response, HttpStatus.UNAUTHORIZED.value(),
                                        HubPaths.isLfsRoute(request) ? LfsRoutes.NO_LOGIN : Envelope.NO_LOGIN))
                        .accessDeniedHandler((request, response, ex) ->
                                errors.write(request, response, HttpStatus.FORBIDDEN.value(), "not allowed")));
        return http.build();
    }

    /**
     * The browser pages ({@link WebPages}, when the web face is present): the session JWT from its
     * cookie, CSRF tokens on every state-changing form (no server session: derived from the signed-in
     * session, or a cookie before sign-in, {@link SessionCsrfTokens}; sent in a form field or a header,
     * in the query string on the upload form only, {@link PageCsrfTokens}), such a request from another
     * origin refused by its Fetch Metadata ({@link CrossSiteForms}), no login required here (pages that
     * need one redirect to the sign-in page), and a Content Security Policy allowing this host's scripts
     * and styles only. The upload page's Git LFS batch request, sent with the cookie and no token
     * ({@link HubPaths#isPageLfsBatch}), comes here as well: signed in by the cookie, with its CSRF token
     * in a header.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    SecurityFilterChain webPagesSecurity(HttpSecurity http, JwtService jwt, UserDirectory users, JwtProperties properties,
                                         ObjectProvider<WebPages> pages, ErrorForms errors, CsrfTokenRepository pageCsrfTokens)
            throws Exception {
        http.securityMatcher(request -> pages.stream().anyMatch(p -> p.matches(request) || HubPaths.isPageLfsBatch(request)))
                .csrf(csrf -> csrf.csrfTokenRepository(pageCsrfTokens)
                        .csrfTokenRequestHandler(new PageCsrfTokens(request -> pages.stream().anyMatch(p -> p.takesQueryCsrfToken(request)))))
                .addFilterBefore(new CrossSiteForms(errors), CsrfFilter.class)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // No session, and no CSRF token rotation on each request the cookie signs in (static files included).
                .sessionManagement(AbstractHttpConfigurer::disable)
                // The signed-in user lives for one request (its error dispatch included): never in an HTTP session.
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // Signed in before the Fetch Metadata and CSRF checks, so that their refusal pages show the real
                // signed-in state in the header (W23); a refusal is still a refusal, whoever sends it.
                .addFilterBefore(new JwtAuthenticationFilter(jwt, users, properties.ttl(), errors), CrossSiteForms.class)
                // Content-Security-Policy and the other security headers: common/SecurityHeaders (asking the web face, PageSecurityPolicy).
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                // Every page is open, so a refusal here is a form without its CSRF token: a page saying so.
                // The web face turns it into a fresh form where one makes sense (sign-in, sign-up, sign-out: W24, W25).
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> {
                    request.setAttribute(WebPages.CSRF_REFUSED, Boolean.TRUE);
                    errors.write(request, response, HttpStatus.FORBIDDEN.value(), WebPages.CSRF_REFUSAL);
                }));
        return http.build();
    }

    /**
     * The pages' CSRF tokens ({@link SessionCsrfTokens}), a bean so that a test can put it back into the
     * pages' chain after spring-security-test's {@code csrf()} swapped in its own.
     */
    @Bean
    CsrfTokenRepository pageCsrfTokens(JwtService jwt, SigningKey key) {
        return new SessionCsrfTokens(jwt, key);
    }

    /**
     * Encoded slashes on the Hub routes and page revisions that need them only ({@link HubFirewall});
     * a URL the firewall refuses ({@code ..}, {@code //}, {@code ;}, {@code %2F} elsewhere, {@code %25}) is
     * answered 400 in the error form of the face whose route it is ({@link ErrorForms}: the styled
     * error page for a page or a browser, the envelope or the Hub's JSON for the APIs).
     */
    @Bean
    WebSecurityCustomizer hubFirewall(ObjectProvider<WebPages> pages, ErrorForms errors) {
        return web -> web.httpFirewall(new HubFirewall(request -> pages.stream().anyMatch(p -> p.takesEncodedSlashes(request))))
                .requestRejectedHandler((request, response, refused) -> errors.write(request, response, HttpStatus.BAD_REQUEST.value(),
                        "this address holds something the server refuses (such as “..”, “//”, “;” or an encoded “/” or “%”)"));
    }
}
