package io.modellibrary.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The "Use this" code's layout (W17): what fits stays on one line, the rest is continued as its language reads it. */
class SnippetsTest {

    @Test
    void aShellCommandThatFitsStaysOnOneLine() {
        assertThat(Snippets.shell("curl -L", "-O http://h/x")).isEqualTo("curl -L -O http://h/x");
    }

    @Test
    void aLongShellCommandIsContinuedWithABackslashAndReadsAsTheOneLine() {
        String[] parts = {"HF_ENDPOINT=http://models.example.org:8080", "hf download alice/tiny-bert", "--repo-type dataset",
                "--token \"$HF_TOKEN\""};
        String folded = Snippets.shell(parts);
        assertThat(folded).isEqualTo("HF_ENDPOINT=http://models.example.org:8080 \\\n  hf download alice/tiny-bert"
                + " --repo-type dataset \\\n  --token \"$HF_TOKEN\"");
        for (String line : folded.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(Snippets.COLUMNS);
        }
        assertThat(folded.replace(" \\\n  ", " ")).isEqualTo(String.join(" ", parts));
    }

    @Test
    void aPythonCallPutsItsArgumentsOnTheirOwnLinesOnlyWhenItMust() {
        String callee = "model = AutoModel.from_pretrained";
        assertThat(Snippets.pythonCall(callee, "\"alice/tiny\"")).isEqualTo(callee + "(\"alice/tiny\")");
        assertThat(Snippets.pythonCall(callee, "\"alice/a-longer-model-name\""))
                .isEqualTo(callee + "(\n    \"alice/a-longer-model-name\"\n)");
        assertThat(Snippets.pythonCall(callee, "\"alice/tiny\"", "token=os.environ[\"HF_TOKEN\"]"))
                .isEqualTo(callee + "(\n    \"alice/tiny\", token=os.environ[\"HF_TOKEN\"]\n)");
        assertThat(Snippets.pythonCall(callee, "\"alice/a-longer-model-name\"", "token=os.environ[\"HF_TOKEN\"]"))
                .isEqualTo(callee + "(\n    \"alice/a-longer-model-name\",\n    token=os.environ[\"HF_TOKEN\"],\n)");
    }

    @Test
    void thePageFormIsEscapedAndMayBreakAfterASlash() {
        assertThat(Snippets.html("curl -H \"a<b\" http://h/x")).isEqualTo("curl -H &quot;a&lt;b&quot; http:/<wbr>/<wbr>h/<wbr>x");
        assertThat(Snippets.html(null)).isNull();
    }
}
