package io.modellibrary.hub;

import io.modellibrary.common.BadRequestException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code application/x-www-form-urlencoded} body with repeated fields ({@code paths=a&paths=b},
 * as httpx sends a list), read from the raw body: the servlet's parameter map is not used, since
 * {@code common.MalformedQueryFilter} replays form bodies with one value per name.
 */
record FormBody(List<String[]> pairs) {

    static FormBody parse(String body) {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                pairs.add(new String[]{URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("the form body is not properly percent-encoded");
            }
        }
        return new FormBody(pairs);
    }

    /** Every value of the field, in order. */
    List<String> all(String name) {
        return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).toList();
    }

    /** The first value of the field, or null. */
    String first(String name) {
        return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).findFirst().orElse(null);
    }
}
