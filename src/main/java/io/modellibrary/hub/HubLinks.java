package io.modellibrary.hub;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The {@code Link: <URL>; rel="next"} paging header. The URL must be absolute and a space must
 * follow the {@code ;}: {@code @huggingface/hub utils/parseLinkHeader.ts} matches
 * {@code /<(https?:[/][/][^>]+)>;\s+rel="([^"]+)"/} and {@code huggingface_hub utils/_pagination.py}
 * GETs the URL as it is. Built from the request's URL (scheme, host and port as the container
 * sees them, {@code server.forward-headers-strategy} behind a proxy) and raw query, with the
 * one paging parameter replaced.
 */
final class HubLinks {

    private HubLinks() {
    }

    /** Sets {@code Link} to this request's URL with {@code parameter=value}. */
    static void next(HttpServletRequest request, HttpServletResponse response, String parameter, String value) {
        StringJoiner query = new StringJoiner("&");
        String raw = request.getQueryString();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (!pair.isEmpty() && !pair.equals(parameter) && !pair.startsWith(parameter + "=")) {
                    query.add(pair);
                }
            }
        }
        query.add(parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        response.setHeader("Link", "<" + request.getRequestURL() + "?" + query + ">; rel=\"next\"");
    }
}
