package io.modellibrary.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One hostile value, in the three forms a request can carry it: decoded bytes (a query value after
 * percent-decoding, a form part's content, a JSON string's text), a JSON fragment (which may be no
 * string at all: an operator object, a number, a nested array) and a URL form (the bytes
 * percent-encoded, or a pre-encoded spelling such as {@code ..%252f} that is sent as written).
 *
 * @param category what kind of hostility (the suite counts cases per category)
 * @param raw      the decoded bytes; not necessarily UTF-8
 * @param json     the JSON fragment put where the field's value goes
 * @param url      the URL spelling sent as written, or null to percent-encode {@code raw}
 */
record Hostile(Category category, byte[] raw, byte[] json, String url) {

    /** The categories of the hardening issue; {@link #RANGE} goes into {@code Range} headers only, {@link #MULTIPART} into whole bodies. */
    enum Category { NOSQL, REGEX_BOMB, TRAVERSAL, HUGE, DEEP, WRONG_TYPE, INVALID_UTF8, CONTROL, MULTIPART, RANGE }

    /** The categories drawn for a parameter, body field or part. */
    static final List<Category> FIELD_CATEGORIES = List.of(Category.NOSQL, Category.REGEX_BOMB, Category.TRAVERSAL, Category.HUGE,
            Category.DEEP, Category.WRONG_TYPE, Category.INVALID_UTF8, Category.CONTROL);

    private static final List<String> OPERATORS = List.of(
            "{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$regex\":\".*\"}", "{\"$where\":\"sleep(10000)\"}", "{\"$exists\":true}",
            "{\"$in\":[\"a\",\"b\"]}", "{\"$expr\":{\"$eq\":[1,1]}}", "[{\"$gt\":\"\"}]", "{\"$function\":{\"body\":\"x\",\"args\":[],\"lang\":\"js\"}}");
    private static final List<String> OPERATOR_TEXTS = List.of(
            "$gt", "$where", "{\"$ne\":null}", "'; return true; var x='", "this.password.match(/.*/)", "1; db.users.drop()",
            "$ne", "[$regex]", "{$gt: ''}", "a' || '1'=='1", "$$ROOT", "$(touch /tmp/x)");
    private static final List<String> REGEX_BOMBS = List.of(
            "(a+)+$", "((a|a)*)*b", "(.*a){20}", "^(([a-z])+.)+[A-Z]([a-z])+$", "(x+x+)+y", ".*.*.*.*.*.*.*.*=",
            "[", "(?:", "\\", "a{1000000}", "(?<=a+)b", "*", "(a|aa)+$", "\\p{", "((((((((((a))))))))))\\11");
    private static final List<String> TRAVERSALS = List.of(
            "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd", "....//....//etc/passwd", ".git/config",
            "a/../../b", "./.", "..", ".", "//", "a//b", "C:\\boot.ini", "\\\\server\\share", "~/.ssh/id_rsa",
            "\uff0e\uff0e\uff0fetc", "..\u2215..\u2215etc", "a/\u0000/b", "file:///etc/passwd", "README.md/../../x");
    /** Traversal spelled in the encodings a decoder might undo once too often or not at all; sent as written. */
    private static final List<String> ENCODED_TRAVERSALS = List.of(
            "..%2f..%2fetc%2fpasswd", "..%252f..%252fetc%252fpasswd", "%2e%2e%2f%2e%2e%2fetc", "%2e%2e/%2e%2e/etc",
            "..%5c..%5cwindows", "%c0%ae%c0%ae%c0%af", "%e0%80%ae%e0%80%ae/", "..%c0%af..%c0%afetc", "%252e%252e%252f",
            "..%00/etc", "%2F%2Fetc", "..%u2216etc", "%uff0e%uff0e%u2215");
    private static final List<String> WRONG_TYPES = List.of(
            "123", "-1", "0", "1e309", "-9223372036854775809", "99999999999999999999999", "1.5", "true", "false", "null",
            "[]", "[1,2,3]", "{}", "{\"a\":1}", "[\"a\",{\"b\":[]}]", "\"\"", "NaN", "0x10", "\"\\u0000\"", "\"\\ud800\"");
    private static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0xC3, 0x28), bytes(0xFF), bytes(0xFE, 0xFF), bytes(0xC0, 0xAF), bytes(0xE0, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0x80),
            bytes(0xE2, 0x82), bytes(0x61, 0xC3));
    private static final List<String> CONTROLS = List.of(
            "\u0000", "a\r\nSet-Cookie: x=1", "\r\n\r\nHTTP/1.1 200 OK", "\u202Egpj.exe", "\u2066x\u2069", "\u0007\u001b[31m",
            "\ufeff", "\ud83d\ude00", "\u200e", "a\tb", " ", "\u0085", "\u00a0", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "{{7*7}}", "%s%s%s%n", "'\"><img src=x onerror=alert(1)>", "\"; DROP TABLE repos; --");

    /** A value of {@code category} drawn from {@code random}. */
    static Hostile of(Category category, RandomGenerator random) {
        return switch (category) {
            case NOSQL -> random.nextBoolean() ? fragment(category, pick(OPERATORS, random)) : text(category, pick(OPERATOR_TEXTS, random));
            case REGEX_BOMB -> text(category, pick(REGEX_BOMBS, random) + (random.nextBoolean() ? "a".repeat(40) + "!" : ""));
            case TRAVERSAL -> random.nextInt(3) == 0 ? encoded(category, pick(ENCODED_TRAVERSALS, random)) : text(category, pick(TRAVERSALS, random));
            case HUGE -> huge(random);
            case DEEP -> deep(random);
            case WRONG_TYPE -> fragment(category, pick(WRONG_TYPES, random));
            case INVALID_UTF8 -> invalid(random);
            case CONTROL -> text(category, pick(CONTROLS, random));
            case MULTIPART, RANGE -> throw new IllegalArgumentException(category + " is a whole request, not a value");
        };
    }

    /** A value of one of the {@link #FIELD_CATEGORIES}. */
    static Hostile any(RandomGenerator random) {
        return of(pick(FIELD_CATEGORIES, random), random);
    }

    /** Smaller values of the same kind: a huge or deep value cut in half; the others are as small as they get. */
    List<Hostile> shrinks() {
        if (category == Category.HUGE && raw.length > 16) {
            return List.of(withText(Arrays.copyOf(raw, raw.length / 2)));
        }
        boolean arrays = raw.length > 0 && raw[0] == '[';
        int depth = raw.length / (arrays ? 2 : 6);
        if (category == Category.DEEP && depth > 8) {
            return List.of(nested(depth / 2, arrays));
        }
        return List.of();
    }

    /**
     * True when the value is a path a user may give a file (docs/http-contract.md#names): valid UTF-8
     * without controls, bidirectional controls or backslashes, no empty, {@code .}, {@code ..} or
     * {@code .git} segment, at most 1024 bytes. A write may accept such a value.
     */
    boolean isUsablePath() {
        String text = text();
        if (text.contains("\ufffd") || raw.length > 1024 || text.isEmpty() || text.contains("\\")
                || text.codePoints().anyMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0) || BIDI.indexOf(c) >= 0)) {
            return false;
        }
        for (String segment : text.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase(".git")) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the value is a usable branch or tag name: git's {@code check-ref-format} rules (no
     * controls, space, {@code ~^:?*[\\}, {@code ..}, {@code @{}, {@code //}; not starting or ending
     * with {@code /} or {@code .}, not ending {@code .lock}), valid UTF-8, at most 255 bytes.
     */
    boolean isUsableRefName() {
        String text = text();
        return !text.isEmpty() && raw.length <= 255 && !text.contains("\ufffd")
                && text.codePoints().noneMatch(c -> c <= 0x20 || c == 0x7f || "~^:?*[\\".indexOf(c) >= 0 || BIDI.indexOf(c) >= 0)
                && !text.contains("..") && !text.contains("@{") && !text.contains("//") && !text.startsWith("/")
                && !text.endsWith("/") && !text.startsWith(".") && !text.endsWith(".") && !text.endsWith(".lock") && !text.equals("@");
    }

    /**
     * True when the JSON fragment has the JSON type of {@code valid} (both strings, both numbers,
     * both booleans, both arrays, both objects), or is {@code null} (an optional field left out).
     */
    boolean sameJsonTypeAs(byte[] valid) {
        return json.length > 0 && valid != null && valid.length > 0 && (kind(json[0]) == kind(valid[0]) || new String(json, StandardCharsets.UTF_8).equals("null"));
    }

    private static char kind(byte first) {
        return first == '-' || Character.isDigit(first) ? '0' : first == 'f' ? 't' : (char) first;
    }

    private static final String BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c";

    /** The value as the server reads it: a pre-encoded URL spelling decoded once when it travels in a URL, else this. */
    Hostile asReceived(boolean inUrl) {
        if (!inUrl || url == null) {
            return this;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%' && i + 2 < url.length() && Character.digit(url.charAt(i + 1), 16) >= 0 && Character.digit(url.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(url.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] decoded = out.toByteArray();
        return new Hostile(category, decoded, quoted(decoded), null);
    }

    /** The decoded value as a Java string (invalid bytes become U+FFFD: only for places that cannot carry bytes). */
    String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The value in a URL: {@link #url} as written, or every byte outside the unreserved set percent-encoded ({@code /} kept in a catch-all path). */
    String inUrl(boolean keepSlashes) {
        return inUrl(keepSlashes, Integer.MAX_VALUE);
    }

    /**
     * {@link #inUrl(boolean)}, encoded only until it is longer than {@code atLeast} characters:
     * its first {@code atLeast} characters are those of the whole encoding, at a fraction of the
     * work for the megabyte values (the encoding of every byte of them took a quarter of the
     * hostile-input suite's time, only to be cut to a URL's length).
     */
    String inUrl(boolean keepSlashes, int atLeast) {
        if (url != null) {
            return url;
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length, atLeast) + 16);
        for (int i = 0; i < raw.length && out.length() <= atLeast; i++) {
            int c = raw[i] & 0xFF;
            boolean unreserved = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0 || keepSlashes && c == '/');
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(UPPER_HEX.toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();
    private static final HexFormat LOWER_HEX = HexFormat.of();

    /** A valid value in a URL, percent-encoded as {@link #inUrl} does. */
    static String encodedPlain(String value, boolean keepSlashes) {
        return new Hostile(Category.CONTROL, value.getBytes(StandardCharsets.UTF_8), null, null).inUrl(keepSlashes);
    }

    @Override
    public String toString() {
        String shown = category == Category.MULTIPART ? url + ", body " + text().replace("\r\n", "\\r\\n")
                : url != null ? url : new String(json, StandardCharsets.UTF_8);
        return category + " " + (shown.length() > 120 ? shown.substring(0, 120) + "… (" + raw.length + " bytes)" : shown);
    }

    /** The value as a page's form keeps it: without leading and trailing white space ({@link String#strip}). */
    Hostile stripped() {
        return withText(text().strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** This value's category with other decoded bytes (as a part of the server reads it). */
    Hostile withText(byte[] text) {
        return new Hostile(category, text, quoted(text), null);
    }

    private static Hostile text(Category category, String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return new Hostile(category, raw, quoted(raw), null);
    }

    private static Hostile fragment(Category category, String json) {
        return new Hostile(category, json.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static Hostile encoded(Category category, String url) {
        byte[] raw = url.getBytes(StandardCharsets.UTF_8);
        return new Hostile(category, raw, quoted(raw), url);
    }

    /**
     * The huge and deep values made so far, by size and unit or depth and kind: 32 and 8 of them
     * in all, each drawn hundreds of times. Made once each: building and quoting a megabyte value
     * per draw was a sixth of the hostile-input suite's CPU (a JFR profile, issue 16). Nobody
     * writes into a value's arrays.
     */
    private static final java.util.Map<String, Hostile> MADE = new java.util.concurrent.ConcurrentHashMap<>();

    /** 20 KB to 1.1 MB: over the 16 KB request line, the 10,000-character description, the 1 MB text edit. */
    private static Hostile huge(RandomGenerator random) {
        int size = List.of(20_000, 70_000, 300_000, 1_100_000).get(random.nextInt(4));
        String unit = pick(List.of("a", "\u00e9", "/", "a/", "../", "%", "\ud83d\ude00", "$gt"), random);
        return MADE.computeIfAbsent("huge " + size + " " + unit,
                key -> text(Category.HUGE, unit.repeat(size / unit.getBytes(StandardCharsets.UTF_8).length)));
    }

    /** Nested arrays or objects 501 to 20,000 deep: over Jackson's nesting limits (500 for trees, 1,000 for streams) and any recursive walk. */
    private static Hostile deep(RandomGenerator random) {
        int depth = List.of(501, 1_001, 5_000, 20_000).get(random.nextInt(4));
        boolean arrays = random.nextBoolean();
        return MADE.computeIfAbsent("deep " + depth + " " + arrays, key -> nested(depth, arrays));
    }

    private static Hostile nested(int depth, boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String json = open.repeat(depth) + "1" + close.repeat(depth);
        return fragment(Category.DEEP, json);
    }

    private static Hostile invalid(RandomGenerator random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("name-".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(pick(INVALID_UTF8, random));
        out.writeBytes(".txt".getBytes(StandardCharsets.UTF_8));
        byte[] raw = out.toByteArray();
        return new Hostile(Category.INVALID_UTF8, raw, quoted(raw), null);
    }

    /** A JSON string of these bytes: quotes, backslashes and controls escaped, every other byte as is (so invalid UTF-8 stays invalid). */
    private static byte[] quoted(byte[] raw) {
        // written into an array of the exact size: byte by byte through a stream, the quoting of
        // the megabyte values was a tenth of the hostile-input suite's time
        int escapes = 0;
        for (byte b : raw) {
            int c = b & 0xFF;
            escapes += c == '"' || c == '\\' ? 1 : c < 0x20 ? 5 : 0;
        }
        byte[] out = new byte[raw.length + escapes + 2];
        int at = 0;
        out[at++] = '"';
        for (byte b : raw) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                out[at++] = '\\';
                out[at++] = b;
            } else if (c < 0x20) {
                // backslash, u, 00 and two hex digits: String.format here took 3 % of a profile of the
                // slowest classes' CPU (the megabyte values of control characters)
                out[at++] = '\\';
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = (byte) LOWER_HEX.toHighHexDigit(c);
                out[at++] = (byte) LOWER_HEX.toLowHexDigit(c);
            } else {
                out[at++] = b;
            }
        }
        out[at] = '"';
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static <E> E pick(List<E> list, RandomGenerator random) {
        return list.get(random.nextInt(list.size()));
    }
}
