package io.modellibrary.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} everywhere, except that the Hub routes that take
 * a revision or path with an encoded slash ({@link HubPaths#takesEncodedSlashes}) may carry
 * {@code %2F}: {@code huggingface_hub} sends {@code refs%2Fheads%2Fdev} and {@code sub%2Fdir}
 * and cannot be changed. Elsewhere {@code %2F} stays refused (400), as no other route needs it
 * and a slash that servlet path matching and the controller read differently is a classic way
 * round path-based rules. Tomcat passes {@code %2F} through undecoded ({@code hub.HubTomcat}),
 * so Spring MVC decodes it inside one path variable. The web pages that take a revision accept
 * one in that segment only ({@link WebPages#takesEncodedSlashes}): a branch may hold {@code /}.
 */
final class HubFirewall implements HttpFirewall {

    private final StrictHttpFirewall strict = new StrictHttpFirewall();
    private final StrictHttpFirewall encodedSlashes = new StrictHttpFirewall();

    private final java.util.function.Predicate<HttpServletRequest> pagesWithEncodedSlashes;

    /** @param pagesWithEncodedSlashes the web pages whose revision segment may hold {@code %2F} */
    HubFirewall(java.util.function.Predicate<HttpServletRequest> pagesWithEncodedSlashes) {
        this.pagesWithEncodedSlashes = pagesWithEncodedSlashes;
        encodedSlashes.setAllowUrlEncodedSlash(true);
        // Tomcat leaves %2F undecoded, so the container's decoded path holds "%2F": its "%" must pass too.
        encodedSlashes.setAllowUrlEncodedPercent(true);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        boolean allowed = HubPaths.takesEncodedSlashes(request) || pagesWithEncodedSlashes.test(request);
        return (allowed ? encodedSlashes : strict).getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }
}
