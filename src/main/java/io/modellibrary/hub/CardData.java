package io.modellibrary.hub;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Check check = check(readme);
        return check.card();
    }

    /**
     * What {@code POST /api/validate-yaml} says of a {@code README.md}: the card data when the front
     * matter is a YAML mapping within the limits; an {@code error} when front matter is there (a first
     * line {@code ---} and a closing one) but is not valid YAML or not a mapping, so that the upload
     * stops before any byte goes (as on the Hub, {@code hf_api.py _validate_yaml}); a {@code warning}
     * when there is none, or it is over a limit and will be read as none.
     *
     * @param readme the card's text; null reads as an empty card
     * @return exactly one of {@code card}, {@code error} or {@code warning} is non-null
     */
    static Check check(String readme) {
        String text = readme == null ? "" : readme.startsWith("\uFEFF") ? readme.substring(1) : readme;
        if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
            return Check.warning(MISSING);
        }
        int start = text.indexOf('\n') + 1;
        int end = text.indexOf("\n---", start - 1);
        if (end < 0) {
            return Check.error("The YAML metadata block opened by the first line '---' is never closed by a line '---'");
        }
        if (end - start > MAX_CHARS) {
            return Check.warning("The YAML metadata is over " + MAX_CHARS / 1024 + " KiB: Model Library does not read it as card data");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        Object yaml;
        try {
            yaml = new Yaml(new SafeConstructor(options)).load(text.substring(start, Math.max(start, end)));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            return Check.error("Invalid YAML in the metadata block: " + e.getProblem()
                    + (mark == null ? "" : " (README.md line " + (mark.getLine() + 2) + ", column " + (mark.getColumn() + 1) + ")"));
        } catch (RuntimeException e) {
            return Check.error("Invalid YAML in the metadata block: " + firstLine(e.getMessage())); // over a nesting or alias limit
        }
        if (yaml == null) {
            return Check.warning(MISSING);
        }
        if (yaml instanceof Map<?, ?> map) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> card = (Map<String, Object>) plain(map, Collections.newSetFromMap(new IdentityHashMap<>()));
                return new Check(card, null, null);
            } catch (IllegalArgumentException e) {
                return Check.error("Invalid YAML in the metadata block: " + e.getMessage());
            }
        }
        return Check.error("The YAML metadata must be a mapping of keys to values, not a " + yaml.getClass().getSimpleName());
    }

    /**
     * {@code value} as JSON can carry it, as the Hub's Python turns a card into JSON ({@code json.dumps}): a scalar
     * key becomes its text ({@code 1: one} the key {@code "1"}, {@code ~: x} the key {@code "null"}). A key that is a
     * list or a mapping (Python refuses it too) and a structure that contains itself through an alias
     * ({@code a: &x {b: *x}}) are refused: they answered 500 wherever the card went out as JSON (a newcomer's probe).
     *
     * @param open the maps and lists being copied, outer ones first (identity), to find a cycle
     * @throws IllegalArgumentException naming what cannot be carried
     */
    private static Object plain(Object value, Set<Object> open) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            return value;
        }
        if (!open.add(value)) {
            throw new IllegalArgumentException("the metadata contains itself through an alias");
        }
        Object copy;
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey();
                if (key instanceof Map<?, ?> || key instanceof List<?>) {
                    throw new IllegalArgumentException("a key is a list or a mapping; keys must be plain values");
                }
                out.put(String.valueOf(key), plain(e.getValue(), open));
            }
            copy = out;
        } else {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                out.add(plain(item, open));
            }
            copy = out;
        }
        open.remove(value);
        return copy;
    }

    /** The Hub's warning for a card without metadata (its text, seen by {@code huggingface_hub} users as a Python warning). */
    static final String MISSING = "Empty or missing yaml metadata in repo card";

    /**
     * The outcome of {@link #check}: the metadata as a map, or why it is refused, or what the user
     * should know although it is accepted.
     */
    record Check(Map<String, Object> card, String error, String warning) {
        static Check error(String message) {
            return new Check(null, message, null);
        }

        static Check warning(String message) {
            return new Check(null, null, message);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
