package io.modellibrary.support;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.core.Ordered;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.DelegatingServletOutputStream;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * MockMvc's request and response bodies moved in blocks, as the servlet container moves them.
 * Spring's mock streams ({@code DelegatingServletInputStream}, {@code MockHttpServletResponse}'s
 * output stream) implement only the one-byte {@code read()} and {@code write(int)}, so every
 * block the application reads or writes went through them one byte at a time: in the Java suite's
 * profile (JFR, 2026-12) that was about an eighth of all CPU samples, in uploads, downloads and
 * large JSON pages. This filter, outermost in MockMvc's chain (a {@link MockMvcBuilderCustomizer}
 * ordered first; the application's filters, Spring Security's among them, wrap what it passes on),
 * hands the application streams whose block reads and writes go straight to the mock's
 * {@code ByteArrayInputStream} and {@code ByteArrayOutputStream}. What a test can observe stays:
 * the same bytes, end of input, and the response committed once its content exceeds the buffer
 * size or it is flushed, as {@code MockHttpServletResponse} does after each byte. Not a
 * {@code Filter} bean, so the real server ({@code @LocalServerPort}) never runs it.
 */
@TestComponent
public class BulkBodies implements MockMvcBuilderCustomizer, Ordered {

    @Override
    public void customize(ConfigurableMockMvcBuilder<?> builder) {
        builder.addFilters(new BlockFilter());
    }

    /** Before Spring Boot's customizer, which adds the application's filters after this one. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static final class BlockFilter implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
                chain.doFilter(new BlockRequest(http), new BlockResponse(httpResponse));
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    private static final class BlockRequest extends HttpServletRequestWrapper {

        private final Rewrapped<DelegatingServletInputStream, BlockInput> input = new Rewrapped<>();

        BlockRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return in instanceof DelegatingServletInputStream mock ? input.of(mock, BlockInput::new) : in;
        }
    }

    /** The wrapper of the last stream wrapped: one wrapper as long as the mock hands out the same stream. */
    private static final class Rewrapped<S, W> {

        private S stream;
        private W wrapper;

        W of(S current, Function<S, W> wrap) {
            if (current != stream) {
                stream = current;
                wrapper = wrap.apply(current);
            }
            return wrapper;
        }
    }

    /** The mock's stream, with block reads from its source. */
    private static final class BlockInput extends ServletInputStream {

        private final DelegatingServletInputStream mock;
        private final InputStream source;
        private boolean finished;

        BlockInput(DelegatingServletInputStream mock) {
            this.mock = mock;
            this.source = mock.getSourceStream();
        }

        @Override
        public int read() throws IOException {
            int b = mock.read();
            finished |= b == -1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            int n = source.read(b, off, len);
            finished |= n == -1;
            return n;
        }

        @Override
        public int available() throws IOException {
            return source.available();
        }

        @Override
        public boolean isFinished() {
            return finished || mock.isFinished();
        }

        @Override
        public boolean isReady() {
            return mock.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            mock.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            mock.close();
        }
    }

    private static final class BlockResponse extends HttpServletResponseWrapper {

        private final Rewrapped<DelegatingServletOutputStream, BlockOutput> output = new Rewrapped<>();

        BlockResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream out = super.getOutputStream();
            if (out instanceof DelegatingServletOutputStream mockStream && mockStream.getTargetStream() instanceof ByteArrayOutputStream
                    && getResponse() instanceof MockHttpServletResponse mock) {
                return output.of(mockStream, stream -> new BlockOutput(stream, mock));
            }
            return out;
        }
    }

    /** The mock's stream, with block writes into its content; commits as the mock does after each byte. */
    private static final class BlockOutput extends ServletOutputStream {

        private final DelegatingServletOutputStream mockStream;
        private final ByteArrayOutputStream content;
        private final MockHttpServletResponse mock;

        BlockOutput(DelegatingServletOutputStream mockStream, MockHttpServletResponse mock) {
            this.mockStream = mockStream;
            this.content = (ByteArrayOutputStream) mockStream.getTargetStream();
            this.mock = mock;
        }

        @Override
        public void write(int b) throws IOException {
            mockStream.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            content.write(b, off, len);
            int buffer = mock.getBufferSize();
            if (buffer > 0 && content.size() > buffer) {
                mock.setCommitted(true);
            }
        }

        @Override
        public void flush() throws IOException {
            mockStream.flush();
        }

        @Override
        public void close() throws IOException {
            mockStream.close();
        }

        @Override
        public boolean isReady() {
            return mockStream.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            mockStream.setWriteListener(listener);
        }
    }
}
