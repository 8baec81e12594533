package io.modellibrary.transfer;

import io.modellibrary.common.BadRequestException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code Content-Disposition} of a multipart part: {@code form-data; name="file";
 * filename="weights/part-001.bin"}, quoted strings (only {@code \"} is an escape), and an
 * RFC 5987 {@code filename*=UTF-8''...} preferred over {@code filename} when present.
 */
final class PartHeaders {

    private String name;
    private String filename;
    private String extendedFilename;

    String name() {
        return name;
    }

    String filename() {
        return extendedFilename != null ? extendedFilename : filename;
    }

    void parseDisposition(String value) {
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            String key = value.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            StringBuilder val = new StringBuilder();
            i = readValue(value, eq + 1, val);
            assign(key, val.toString());
        }
    }

    private void assign(String key, String val) {
        switch (key) {
            case "name" -> name = val;
            case "filename" -> filename = val;
            case "filename*" -> extendedFilename = decodeExtended(val);
            default -> { }
        }
    }

    /** Reads a token or quoted string starting at {@code from}; returns the index of the next ';' (or -1). */
    private static int readValue(String s, int from, StringBuilder out) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '"') {
            for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
                if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    i++; // only \" is an escape: browsers send backslashes as they are
                }
                out.append(s.charAt(i));
            }
            return s.indexOf(';', i);
        }
        int end = s.indexOf(';', i);
        out.append(s.substring(i, end < 0 ? s.length() : end).trim());
        return end;
    }

    private static String decodeExtended(String value) {
        int quote = value.indexOf("''");
        if (quote < 0 || !value.substring(0, quote).equalsIgnoreCase("UTF-8")) {
            return null;
        }
        try {
            return URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the filename* of a part is not properly percent-encoded");
        }
    }
}
