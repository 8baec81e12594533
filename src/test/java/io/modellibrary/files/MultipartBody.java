package io.modellibrary.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a raw multipart/form-data body, as a browser or curl sends it. */
public final class MultipartBody {

    public static final String BOUNDARY = "----ModelLibraryTestBoundary7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    public MultipartBody field(String name, String value) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(value);
        write("\r\n");
        return this;
    }

    public MultipartBody file(String filename, byte[] content) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** A part with the Content-Disposition parameters as given, such as {@code name="file"; filename*=UTF-8''a.txt}. */
    public MultipartBody part(String dispositionParameters, byte[] content) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; " + dispositionParameters + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    public MultipartBody file(String filename, String content) {
        return file(filename, content.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] build() {
        write("--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
