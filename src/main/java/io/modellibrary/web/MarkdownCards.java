package io.modellibrary.web;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Model and dataset cards: a README's YAML front matter (shown as tags) and its Markdown body
 * rendered to HTML (CommonMark with GitHub tables), then cleaned by an allow-list sanitiser: only
 * text formatting, headings, lists, tables, code blocks, links (http, https, mailto, relative) and
 * images (http, https, relative) survive; scripts, frames, forms, styles, event handlers and
 * {@code javascript:} URLs are removed whatever the Markdown held.
 */
@Component
class MarkdownCards {

    /** At most this many tags are taken from the front matter. */
    static final int MAX_TAGS = 60;
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\r?\\n(.*?\\r?\\n)?---[ \\t]*(\\r?\\n|\\z)", Pattern.DOTALL);
    private static final Pattern LANGUAGE_CLASS = Pattern.compile("language-[A-Za-z0-9_+-]{1,40}");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowCommonBlockElements()
            .allowCommonInlineFormattingElements()
            .allowElements("a", "img", "pre", "code", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "hr", "br",
                    "del", "details", "summary", "dl", "dt", "dd", "kbd", "sup", "sub", "figure", "figcaption")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("src", "alt", "title", "width", "height").onElements("img")
            .allowAttributes("align").onElements("th", "td", "p", "div", "img", "h1", "h2", "h3")
            .allowAttributes("class").matching(LANGUAGE_CLASS).onElements("code")
            .allowAttributes("open").onElements("details")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    /** A URL relative to the README: no scheme, not absolute, no query, fragment or {@code ..}. */
    private static final Pattern RELATIVE = Pattern.compile("^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/#?])(?!.*\\.\\.)[^?#]+$");

    private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /**
     * A rendered card.
     *
     * @param tags the front matter's values as {@code key: value} tags
     * @param html the body, sanitised
     */
    record Card(List<String> tags, String html) {
    }

    /** The card of a README's text, its relative links and images left as they are. */
    Card render(String markdown) {
        return render(markdown, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The card of a README's text.
     *
     * @param images the URL of an image at a path relative to the repository's root (its download)
     * @param links  the URL of a link to such a path (its file page)
     */
    Card render(String markdown, UnaryOperator<String> images, UnaryOperator<String> links) {
        String body = markdown;
        List<String> tags = List.of();
        var matcher = FRONT_MATTER.matcher(markdown);
        if (matcher.find()) {
            tags = tags(matcher.group(1) == null ? "" : matcher.group(1));
            body = markdown.substring(matcher.end());
        }
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(List.of(TablesExtension.create()))
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if (node instanceof Image) {
                        attributes.computeIfPresent("src", (k, url) -> relative(url, images));
                    } else if (node instanceof Link) {
                        attributes.computeIfPresent("href", (k, url) -> relative(url, links));
                    }
                })
                .build();
        return new Card(tags, sanitise(renderer.render(parser.parse(body))));
    }

    /** A relative URL (as rendered: percent-encoded) through {@code to}; any other unchanged. */
    private static String relative(String url, UnaryOperator<String> to) {
        if (!RELATIVE.matcher(url).matches()) {
            return url;
        }
        String path = UriUtils.decode(url.startsWith("./") ? url.substring(2) : url, StandardCharsets.UTF_8);
        return path.isEmpty() ? url : to.apply(path);
    }

    /** HTML with everything outside the allow-list removed. */
    static String sanitise(String html) {
        return POLICY.sanitize(html);
    }

    /** The front matter's scalars and lists of scalars as {@code key: value}; nothing when it is not a YAML map. */
    static List<String> tags(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(256 * 1024);
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (RuntimeException e) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        if (parsed instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = entry.getValue();
                Collection<?> values = value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
                for (Object v : values) {
                    if (tags.size() < MAX_TAGS && (v instanceof String || v instanceof Number || v instanceof Boolean)) {
                        tags.add(entry.getKey() + ": " + v);
                    }
                }
            }
        }
        return tags;
    }
}
