package io.modellibrary.hub;

import io.modellibrary.common.ErrorForm;
import io.modellibrary.common.LfsRoutes;
import io.modellibrary.common.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import tools.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The Hub's error form for refusals written before its handlers run (a malformed query string, a
 * missing login, the container refusing the URL): {@code {"error"}} with {@code X-Error-Message}, as
 * {@link HubExceptionHandler} answers, and Git LFS's {@code {"message"}} in its media type on the LFS
 * routes, as {@link LfsErrors} does. {@code huggingface_hub}'s {@code hf_raise_for_status} reads the
 * header; the LFS clients read {@code message}.
 */
@Component
class HubErrorForm implements ErrorForm {

    /**
     * The Hub's routes (docs/hub-api.md): {@code /api/models|datasets|spaces[/...]}, {@code /api/repos/...}, whoami, a
     * user's likes, file URLs (a Space's too: they answer that Spaces are not supported).
     * The Git LFS routes, and git's discovery without {@code .git} ({@link LfsRoutes#isGitDiscovery}), take Git LFS's form.
     */
    private static final Pattern HUB = Pattern.compile("^(/api/(models|datasets|spaces)(/.*)?|/api/repos/.*|/api/whoami-v2"
            + "|/api/validate-yaml|/api/users/[^/]*/likes|(/datasets|/spaces)?(/[^/]*){1,2}/(resolve|raw)/.*)$");

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = RequestPaths.inApp(request);
        return (path != null && HUB.matcher(path).matches()) || LfsRoutes.takesLfsForm(request);
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        boolean lfs = LfsRoutes.takesLfsForm(request);
        response.setStatus(status);
        response.setContentType(lfs ? LfsErrors.LFS_JSON : "application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HubHeaders.ERROR_MESSAGE, HubHeaders.headerSafe(message));
        StringBuilder json = new StringBuilder(lfs ? "{\"message\":\"" : "{\"error\":\"");
        JsonStringEncoder.getInstance().quoteAsString(message, json);
        response.getWriter().write(json.append("\"}").toString());
    }
}
