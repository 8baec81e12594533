package io.modellibrary.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A {@code multipart/form-data} body held in memory (RFC 7578): text fields and files, as the
 * seed's registration and upload forms take them, for the suites that drive a real server over
 * HTTP ({@code hardening/RaceSuiteTest}, {@code src/test/sh/LoadSuite.java}). JDK only: load.sh
 * compiles this one file beside the suite it runs.
 */
public final class MultipartForm {

    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** An empty form; {@code boundary} must not occur in any value. */
    public MultipartForm(String boundary) {
        this.boundary = boundary;
    }

    /** Adds the text field {@code name}. */
    public MultipartForm field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** Adds each entry as a {@code file} part whose file name is the path in the repository. */
    public MultipartForm files(Map<String, byte[]> files) {
        files.forEach((path, content) -> {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + path
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
        });
        return this;
    }

    /** Adds one file part named {@code name} (a form's {@code <input type=file name=...>}). */
    public MultipartForm file(String name, String filename, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The {@code Content-Type} header's value. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body with its closing boundary; the form takes no more parts after it. */
    public HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.ofByteArray(build());
    }

    /** The body's bytes with its closing boundary; the form takes no more parts after it. */
    public byte[] build() {
        write("--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
