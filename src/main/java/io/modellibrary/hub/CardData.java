package io.modellibrary.hub;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.Map;

/**
 * A repository card's metadata: the YAML front matter of its {@code README.md} (between a first
 * line {@code ---} and the next {@code ---}), as the Hub's {@code cardData}
 * ({@code huggingface_hub repocard.py}, {@code hf_api.py ModelInfo.card_data}). Read safely: plain
 * maps, lists and scalars only (no tags to Java types), at most {@value #MAX_CHARS} characters,
 * nesting {@value #MAX_DEPTH} deep and {@value #MAX_ALIASES} aliases; anything else gives no card data.
 */
final class CardData {

    static final int MAX_CHARS = 64 * 1024;
    static final int MAX_DEPTH = 20;
    static final int MAX_ALIASES = 20;

    private CardData() {
    }

    /** The front matter as a map, or null when there is none or it is not a valid YAML mapping within the limits. */
    static Map<String, Object> of(String readme) {
        if (readme == null) {
            return null;
        }
        String text = readme.startsWith("\uFEFF") ? readme.substring(1) : readme;
        if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
            return null;
        }
        int start = text.indexOf('\n') + 1;
        int end = text.indexOf("\n---", start - 1);
        if (end < 0 || end - start > MAX_CHARS) {
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        try {
            Object yaml = new Yaml(new SafeConstructor(options)).load(text.substring(start, Math.max(start, end)));
            if (yaml instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> card = (Map<String, Object>) map;
                return card;
            }
            return null;
        } catch (RuntimeException e) {
            return null; // not valid YAML, or over a limit: no card data, as for a README without any
        }
    }
}
