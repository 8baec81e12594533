package io.modellibrary.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Model cards are rendered from Markdown and sanitised by an allow-list: what is kept, what is removed. */
class MarkdownCardsTest {

    private final MarkdownCards cards = new MarkdownCards();

    private String html(String markdown) {
        return cards.render(markdown).html();
    }

    @Test
    void scriptElementsAreRemovedWithTheirContent() {
        String html = html("Hello\n\n<script>alert('x')</script>\n\n<p>after<script src=\"https://evil.example/x.js\"></script></p>");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("alert(").contains("Hello").contains("after");
    }

    @Test
    void javascriptLinksLoseTheirTarget() {
        String html = html("[click](javascript:alert(1)) and <a href=\"JaVaScRiPt:alert(2)\">raw</a>"
                + " and <a href=\"  javascript:alert(3)\">spaced</a>");
        assertThat(html).doesNotContainIgnoringCase("javascript:").contains("click").contains("raw");
    }

    @Test
    void eventHandlerAttributesAreRemoved() {
        String html = html("<img src=\"https://example.org/a.png\" onerror=\"alert(1)\">\n\n"
                + "<p onclick=\"alert(2)\" onmouseover=\"alert(3)\">text</p>");
        assertThat(html).doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("onmouseover").doesNotContain("alert(")
                .contains("src=\"https://example.org/a.png\"").contains("text");
    }

    @Test
    void framesObjectsAndFormsAreRemoved() {
        String html = html("<iframe src=\"https://evil.example\"></iframe>\n\n<object data=\"x.swf\"></object>"
                + "<embed src=\"x\"><form action=\"https://evil.example\"><input name=\"q\"></form>");
        assertThat(html).doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("<object")
                .doesNotContainIgnoringCase("<embed").doesNotContainIgnoringCase("<form").doesNotContainIgnoringCase("<input");
    }

    @Test
    void styleAttributesAndElementsAreRemovedExpressionsIncluded() {
        String html = html("<p style=\"width: expression(alert(1)); background: url(javascript:alert(2))\">styled</p>\n\n"
                + "<style>body { background: url(javascript:alert(3)) }</style>");
        assertThat(html).doesNotContainIgnoringCase("style=").doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase("expression(")
                .doesNotContainIgnoringCase("javascript:").contains("styled");
    }

    @Test
    void imagesWithOtherSchemesAreDropped() {
        String html = html("![a](data:text/html;base64,PHNjcmlwdD4=) ![b](vbscript:msgbox)");
        assertThat(html).doesNotContain("data:").doesNotContainIgnoringCase("vbscript");
    }

    @Test
    void headingsTablesCodeBlocksAndHttpImagesAreKept() {
        String html = html("""
                # Title

                ## Usage

                | metric | value |
                |--------|-------|
                | f1     | 0.9   |

                ```python
                print("<b>hi</b>")
                ```

                ![chart](https://example.org/chart.png) ![old](http://example.org/old.png)

                [docs](https://example.org/docs)
                """);
        assertThat(html).contains("<h1>Title</h1>").contains("<h2>Usage</h2>")
                .contains("<table>").contains("<th>metric</th>").contains("<td>0.9</td>")
                .contains("<pre><code class=\"language-python\">").contains("&lt;b&gt;hi&lt;/b&gt;")
                .contains("src=\"https://example.org/chart.png\"").contains("src=\"http://example.org/old.png\"")
                .contains("href=\"https://example.org/docs\"").containsPattern("rel=\"[a-z ]*noopener[a-z ]*\"")
                .containsPattern("rel=\"[a-z ]*nofollow[a-z ]*\"");
    }

    @Test
    void frontMatterBecomesTagsAndIsNotRendered() {
        MarkdownCards.Card card = cards.render("---\nlicense: apache-2.0\nlanguage:\n- en\n- fr\nmodel-index: {a: 1}\n---\n# Card\n");
        assertThat(card.tags()).containsExactly("license: apache-2.0", "language: en", "language: fr");
        assertThat(card.html()).contains("<h1>Card</h1>").doesNotContain("license");
    }

    @Test
    void frontMatterThatIsNotYamlGivesNoTags() {
        MarkdownCards.Card card = cards.render("---\n: : [\n---\ntext\n");
        assertThat(card.tags()).isEmpty();
        assertThat(card.html()).contains("text");
    }

    @Test
    void relativeImagesAndLinksPointIntoTheRepository() {
        MarkdownCards.Card card = cards.render("![fig](./assets/fig%201.png) [cfg](config.json) [abs](/x) [up](../x)",
                path -> "/r/resolve/main/" + path, path -> "/r/blob/main/" + path);
        assertThat(card.html()).contains("src=\"/r/resolve/main/assets/fig%201.png\"")
                .contains("href=\"/r/blob/main/config.json\"").contains("href=\"/x\"").contains("href=\"../x\"");
    }
}
