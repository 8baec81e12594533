package io.modellibrary.common;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A request whose body a filter has already read (some of): the body is replayed from
 * {@code body}, and {@code fields} (taken from that body; a field given more than once keeps
 * every value, in order, as the container's own form parsing does) stand behind the
 * request's own parameters, which win.
 */
final class ReplayedBody extends FixedParameters {

    private final InputStream body;

    ReplayedBody(HttpServletRequest request, InputStream body, Map<String, List<String>> fields) {
        super(request);
        this.body = body;
        fields.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        parameters.putAll(request.getParameterMap());
    }

    @Override
    public ServletInputStream getInputStream() {
        return new ServletInputStream() {
            private boolean finished;

            @Override
            public int read() throws IOException {
                int b = body.read();
                finished = b < 0;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = body.read(b, off, len);
                finished = n < 0;
                return n;
            }

            @Override
            public boolean isFinished() {
                return finished;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking reads only");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        Charset charset = StandardCharsets.UTF_8;
        try {
            charset = getCharacterEncoding() == null ? charset : Charset.forName(getCharacterEncoding());
        } catch (IllegalArgumentException unknown) {
            // An unknown charset name: read UTF-8, which JSON and forms use anyway.
        }
        return new BufferedReader(new InputStreamReader(body, charset));
    }
}
