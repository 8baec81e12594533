package io.modellibrary.transfer;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import io.modellibrary.common.Causes;
import io.modellibrary.common.PerKeyLimit;
import io.modellibrary.common.SecurityHeaders;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * Keeps clients that send their request body slowly (or not at all) from taking every
 * worker thread. Measured with {@code bench/slowclients.sh}: before it, 200 connections
 * sending a byte every 2 s held all 200 of Tomcat's threads and health did not answer
 * for the whole attack. Three rules, in Tomcat's pipeline ahead of the application:
 * <ul>
 *   <li>At most {@code maxConcurrent} requests are reading a body; the next gets a
 *       503 with {@code Retry-After: 1} without a byte of its body read. Requests without a
 *       body never wait for a body reader's thread. A request stops counting once its whole
 *       body is read: signing in or committing after that is ordinary work.</li>
 *   <li>At most {@code maxPerAddress} of them come from one client address; the next from it
 *       gets a 429 with {@code Retry-After: 1}. Measured with {@code src/test/sh/load.sh}: 200
 *       slow clients from one address held all 100 readers, and every upload, commit and
 *       sign-in of 64 other clients was refused with 503.</li>
 *   <li>While the application reads the body, the time it waits for bytes is counted; once
 *       it exceeds the grace period, the body must have arrived at {@code minRate} over
 *       that waiting time, else the read fails and the answer is 408. A read that waits the
 *       whole grace period for its next byte fails too (Tomcat's upload timeout,
 *       {@link BodyReadConfiguration}), with the same 408.</li>
 *   <li>A body the application left unread (a refusal, a 401 before the body) is read to
 *       its end by the same rule before the connection may be reused, in place of Tomcat's
 *       own unlimited "swallow"; a client too slow for it, or a rest over
 *       {@code server.tomcat.max-swallow-size}, has its connection closed after the answer.</li>
 * </ul>
 * A body that Tomcat parses itself (registration forms) counts against the first rule only.
 */
final class BodyReadValve extends ValveBase {

    private static final Logger log = LoggerFactory.getLogger(BodyReadValve.class);

    private final Semaphore readers;
    private final int maxReaders;
    private final long minBytesPerSecond;
    private final long graceNanos;
    private final long maxSwallowBytes;
    /** Body readers held per client address. */
    private final PerKeyLimit perAddress;

    BodyReadValve(BodyReadProperties properties, long maxSwallowBytes) {
        super(true);
        this.readers = new Semaphore(properties.maxConcurrent());
        this.maxReaders = properties.maxConcurrent();
        this.perAddress = new PerKeyLimit(Math.min(properties.maxPerAddress(), properties.maxConcurrent()));
        this.minBytesPerSecond = properties.minRate().toBytes();
        this.graceNanos = properties.grace().toNanos();
        this.maxSwallowBytes = maxSwallowBytes;
    }

    /** How many request bodies hold one of the {@code max-concurrent} readers now (a test waits for slow clients to take theirs). */
    int bodiesBeingRead() {
        return maxReaders - readers.availablePermits();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (!hasBody(request)) {
            getNext().invoke(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        if (!perAddress.tryAcquire(address)) {
            refuse(request, response, 429, "too many request bodies from your address at once; try again in a second");
            return;
        }
        if (!readers.tryAcquire()) {
            perAddress.release(address);
            refuse(request, response, 503, "too many uploads in progress; try again in a second");
            return;
        }
        Reader reader = new Reader(address);
        try {
            PacedStream body = new PacedStream(request.getInputStream(), reader, request.getContentLengthLong());
            request.setRequest(new PacedRequest(request.getRequest(), body));
            getNext().invoke(request, response);
            if (body.stopped) {
                refuse(request, response, 408, null); // Tomcat writes no body after its read failed: none is announced
            } else if (body.tooSlow) {
                refuse(request, response, 408, "the request body arrived slower than " + minBytesPerSecond + " bytes a second");
            } else if (!request.getInputStream().isFinished()) {
                finish(request, response, body);
            }
        } finally {
            reader.done();
        }
    }

    /** One request's body reader: given back once, when its body is read or the request ends. */
    private final class Reader {
        private final String address;
        private final java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);

        Reader(String address) {
            this.address = address;
        }

        void done() {
            if (held.compareAndSet(true, false)) {
                readers.release();
                perAddress.release(address);
            }
        }
    }

    /** Reads what the application left of the body, by the same rate, after its answer went out. */
    private void finish(Request request, Response response, PacedStream body) {
        byte[] sink = new byte[8192];
        try {
            // The answer goes out as given first: closing the connection on an uncommitted answer
            // made Tomcat turn it into a 500 (a DELETE with a 2 MB body: found by the hostile-input suite).
            response.flushBuffer();
            long declared = request.getContentLengthLong();
            if (declared >= 0 && declared - request.getCoyoteRequest().getBytesRead() > maxSwallowBytes) {
                closeAfterAnswer(request, response);
                return;
            }
            long read = 0;
            for (int n = body.read(sink); n != -1 && read <= maxSwallowBytes; n = body.read(sink)) {
                read += n;
            }
            if (read > maxSwallowBytes) {
                closeAfterAnswer(request, response);
            }
        } catch (IOException e) {
            closeAfterAnswer(request, response);
        }
    }

    /**
     * Tomcat closes the connection after this answer instead of reading the rest of the body.
     * That puts its request in an error state, which would make Tomcat add its own error
     * page to the answer already given: marked as reported, it does not.
     */
    private static void closeAfterAnswer(Request request, Response response) {
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        request.removeAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION);
        response.setErrorReported();
    }

    /** Answers {@code status} in the envelope with {@code message}, or with no body when it is null, and closes the connection after. */
    private static void refuse(Request request, Response response, int status, String message) throws IOException {
        closeAfterAnswer(request, response);
        if (response.isCommitted()) {
            return;
        }
        log.debug("Refused a request body: {} ({})", message == null ? "no byte of it for the grace time" : message,
                request.getRequestURI());
        response.reset();
        SecurityHeaders.setForApi(response); // as every answer's (reset() took the filter's, if it ran)
        response.setStatus(status);
        response.setHeader("Connection", "close");
        if (status == 503 || status == 429) {
            response.setHeader("Retry-After", "1");
        }
        if (message == null) {
            response.setContentLength(0);
            response.flushBuffer();
            return;
        }
        response.setContentType("application/json");
        byte[] json = ("{\"code\":0,\"msg\":\"" + message + "\",\"data\":null}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        response.flushBuffer();
    }

    private static boolean hasBody(Request request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The body as the application reads it, counting the time spent waiting for it. */
    final class PacedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final Reader reader;
        private final long declared;
        private long bytes;
        private long waitedNanos;
        volatile boolean tooSlow;
        /** The read failed in Tomcat (its upload timeout): Tomcat then drops any body written to the answer. */
        volatile boolean stopped;

        PacedStream(ServletInputStream in, Reader reader, long declared) {
            this.in = in;
            this.reader = reader;
            this.declared = declared;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long start = System.nanoTime();
            try {
                return paced(start, in.read(b, off, len));
            } catch (IOException e) {
                throw stalled(e);
            }
        }

        /**
         * A read that waited the grace time for a byte failed with Tomcat's upload timeout
         * ({@link BodyReadConfiguration}): the body is too slow, and the valve answers 408. Any
         * other failure passes as it is.
         */
        private IOException stalled(IOException e) {
            if (Causes.find(e, java.net.SocketTimeoutException.class).isPresent()) {
                tooSlow = true;
                stopped = true;
            }
            return e;
        }

        private int paced(long start, int n) throws IOException {
            waitedNanos += System.nanoTime() - start;
            if (n > 0) {
                bytes += n;
            }
            if (n == -1 || (declared >= 0 && bytes >= declared)) {
                reader.done(); // the whole body is here
            }
            if (n != -1 && waitedNanos > graceNanos && bytes * 1_000_000_000L < minBytesPerSecond * waitedNanos) {
                tooSlow = true;
                throw new ClientAbortException("the request body arrived at " + bytes + " bytes in "
                        + waitedNanos / 1_000_000 + " ms of waiting, below " + minBytesPerSecond + " bytes a second");
            }
            return n;
        }

        /**
         * As {@link #read(byte[], int, int)}, straight from Tomcat's buffer into {@code dst} (no
         * heap buffer between), with a channel's semantics: the bytes go at {@code dst}'s
         * position, which moves past them. (Servlet 6.1's {@code read(ByteBuffer)}, which this
         * calls, leaves the position and sets the limit after the bytes instead.)
         */
        int readInto(java.nio.ByteBuffer dst) throws IOException {
            int position = dst.position();
            int limit = dst.limit();
            long start = System.nanoTime();
            int n;
            try {
                n = in.read(dst);
            } catch (IOException e) {
                throw stalled(e);
            }
            dst.limit(limit).position(position + Math.max(n, 0));
            return paced(start, n);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The request the application sees: the same, with the paced body. */
    private static final class PacedRequest extends HttpServletRequestWrapper {

        private final PacedStream body;

        PacedRequest(jakarta.servlet.http.HttpServletRequest request, PacedStream body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public java.io.BufferedReader getReader() {
            String charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader((InputStream) body, java.nio.charset.Charset.forName(charset)));
        }
    }
}
