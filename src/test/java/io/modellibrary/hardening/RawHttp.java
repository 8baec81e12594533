package io.modellibrary.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request a connection: the request's bytes go out exactly as
 * built (invalid percent-encoding, invalid UTF-8, malformed multipart), which no HTTP client
 * library lets through. The answer is read to the end ({@code Connection: close}).
 */
final class RawHttp {

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * An answer.
     *
     * @param headers lower-cased header name → its (last) value
     * @param body    the body, de-chunked
     */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line; {@code Host},
     * {@code Connection: close} and {@code Content-Length} are added) and {@code body}.
     *
     * @throws IOException when no answer arrives; a server that answers before reading the whole
     *                     body (a 400 or 413 at once) is not an error: its answer is returned
     */
    Answer send(String head, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(("\r\nHost: localhost:" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (SocketException e) {
                // the server answered and closed before taking everything: read what it said
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] response) throws IOException {
        String all = new String(response, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (!all.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("not an HTTP answer: " + all.substring(0, Math.min(200, all.length())));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = all.substring(0, end).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int eol = i;
            while (eol + 1 < chunked.length && !(chunked[eol] == '\r' && chunked[eol + 1] == '\n')) {
                eol++;
            }
            String size = new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, eol + 2, Math.min(n, chunked.length - eol - 2));
            i = eol + 2 + n + 2;
        }
        return out.toByteArray();
    }
}
