package io.modellibrary.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.modellibrary.common.Errors;
import io.modellibrary.common.ThrottledWarning;
import io.modellibrary.content.ChosenBlob;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP side of a download: validators ({@code ETag} = quoted sha256, {@code If-None-Match}
 * → 304, {@code If-Range}), one {@code Range} → 206 or 416, and the bytes. From the disk store
 * under Tomcat the bytes go by {@code sendfile} (the kernel copies file to socket, as nginx
 * does; bench/transfer.sh), else through a large buffer; from a store without local files (S3)
 * they are streamed from one ranged read, or, when the store hands out presigned URLs, a GET
 * is answered {@code 302} to one. Never is a file held in memory. The bytes are the
 * content layer's choice ({@link ChosenBlob}, from {@code content.DownloadService}).
 */
public final class DownloadResponder {

    private static final Logger log = LoggerFactory.getLogger(DownloadResponder.class);
    private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    private static final long SENDFILE_MIN = 48 * 1024;
    private static final int STREAM_BUFFER = 256 * 1024;
    /**
     * Downloads that broke off after their answer began: one WARN line without a stack trace at most every
     * 10 s, naming the request and the innermost reason, the others at DEBUG and counted in the next line; a
     * store failing every read (S3 gone mid-way) then writes a line every 10 s, not one per download.
     */
    private static final ThrottledWarning BROKEN = new ThrottledWarning(Duration.ofSeconds(10), Clock.systemUTC());
    private static final String BROKEN_CAUSE = "the blob store's read failed after the answer had begun; the connection was"
            + " closed, so the client sees an incomplete transfer";
    /**
     * Bytes of download bodies answered: one add per response, none per write, so neither the
     * sendfile path nor the streaming loop is slowed. On Micrometer's global registry, scraped on
     * the management port (README, "Running at scale").
     */
    private static final Counter SENT = Counter.builder("modellibrary.download.bytes").baseUnit("bytes")
            .description("Bytes of file downloads answered, whole files and ranges (a client that leaves early counts in full)")
            .register(Metrics.globalRegistry);

    private DownloadResponder() {
    }

    /**
     * Answers the request; runs {@code onDownload} when it counts as a download: a GET that
     * sends the whole file, or a range from byte 0 longer than one byte. Not counted: HEAD,
     * 304, 416, a {@code bytes=0-0} probe (how clients learn a file's size), a range that
     * starts later (the rest of a download already counted). {@code Range} applies to GET
     * only (RFC 9110 §14.2); a HEAD answers as a GET without it would.
     */
    public static void respond(ChosenBlob file, HttpServletRequest request, HttpServletResponse response,
                               Runnable onDownload) throws IOException {
        respond(file, "\"" + file.sha256() + "\"", request, response, onDownload);
    }

    /**
     * As {@link #respond(ChosenBlob, HttpServletRequest, HttpServletResponse, Runnable)}, with the
     * entity tag a face gives the file (quoted, strong; the Hub's is a git blob sha1 for small
     * files). Headers the face sets on the response before are kept, on every answer (304 and 416 too).
     */
    public static void respond(ChosenBlob file, String etag, HttpServletRequest request, HttpServletResponse response,
                               Runnable onDownload) throws IOException {
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (Validators.anyMatches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        boolean get = "GET".equals(request.getMethod());
        ByteRange range = get && Validators.ifRangeHolds(request.getHeader(HttpHeaders.IF_RANGE), etag)
                ? ByteRange.parse(request.getHeader(HttpHeaders.RANGE), file.size()) : null;
        if (range != null && !range.satisfiable()) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size());
            Errors.write(response, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value(),
                    "range not satisfiable: the file has " + file.size() + " bytes");
            return;
        }
        ByteRange bytes = range != null ? range : new ByteRange(0, file.size() - 1);
        boolean counts = range == null || (range.start() == 0 && range.end() > 0);
        Optional<URI> elsewhere = get ? file.presignedDownload(Validators.attachment(file.name())) : Optional.empty();
        if (elsewhere.isPresent()) {
            redirect(response, elsewhere.get(), counts ? onDownload : () -> { });
            return;
        }
        Optional<Path> local = file.localFile();
        // from a store without local files the read is opened before any header is set: a store that
        // cannot be reached then fails the request while the face can still answer it in its own form
        try (InputStream fromStore = get && local.isEmpty() && bytes.length() > 0 ? file.open(bytes.start(), bytes.length()) : null) {
            writeHeaders(response, file, range, bytes);
            if (!get) {
                return;
            }
            if (counts) {
                onDownload.run();
            }
            SENT.increment(Math.max(0, bytes.length()));
            if (local.isPresent()) {
                send(local.get(), bytes, request, response);
            } else if (fromStore != null) {
                streamFromStore(fromStore, file, bytes, request, response);
            }
        }
    }

    /**
     * {@code 302 Found} to a presigned URL of the store, with the headers set so far (the
     * validators, and a face's own such as the Hub's {@code X-Repo-Commit}, {@code X-Linked-Etag},
     * {@code X-Linked-Size}, which the Hub also sends on its redirects to its CDN). The client
     * repeats its request there, {@code Range} included; the store answers it.
     */
    private static void redirect(HttpServletResponse response, URI location, Runnable onDownload) {
        onDownload.run();
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader(HttpHeaders.LOCATION, location.toASCIIString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentLengthLong(0);
    }

    private static void writeHeaders(HttpServletResponse response, ChosenBlob file, ByteRange range, ByteRange bytes) {
        if (range != null) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + file.size());
        } else {
            response.setStatus(HttpStatus.OK.value());
        }
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setContentLengthLong(Math.max(0, bytes.length()));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Validators.attachment(file.name()));
    }

    private static void send(Path blob, ByteRange bytes, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (bytes.length() <= 0) {
            return;
        }
        if (bytes.length() >= SENDFILE_MIN && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            request.setAttribute(SENDFILE_FILENAME, blob.toAbsolutePath().toString());
            request.setAttribute(SENDFILE_START, bytes.start());
            request.setAttribute(SENDFILE_END, bytes.end() + 1);
            return;
        }
        stream(blob, bytes, response);
    }

    /**
     * The bytes through this server from a store without local files: {@code in}, one ranged read
     * ({@link ChosenBlob#open}, on S3 a GetObject with {@code Range}) the caller opened and closes,
     * copied through a buffer of {@value #STREAM_BUFFER} bytes. A read that fails (the store's
     * connection broken, a read timeout) or ends early (a blob shorter than recorded) before the
     * answer is committed is thrown, and the face answers it in its own form (a 503 for a store
     * that cannot be reached) with the download's headers cleared; once committed, the answer is
     * aborted ({@link AbortedResponses}: the connection closed, the body left short of its
     * {@code Content-Length}, so the client sees an incomplete transfer) and one throttled WARN
     * says so ({@link #BROKEN}).
     */
    private static void streamFromStore(InputStream in, ChosenBlob file, ByteRange bytes, HttpServletRequest request,
                                        HttpServletResponse response) throws IOException {
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[STREAM_BUFFER];
        for (long left = bytes.length(); left > 0; ) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("blob " + file.sha256() + " is shorter than its recorded size");
                }
            } catch (IOException | RuntimeException e) {
                if (!response.isCommitted()) {
                    response.reset();
                    throw e;
                }
                AbortedResponses.abort(request, e);
                BROKEN.failure(log, "Broke off " + request.getMethod() + " " + request.getRequestURI() + " after "
                        + (bytes.length() - left) + " of " + bytes.length() + " bytes", BROKEN_CAUSE, e);
                return;
            }
            if (!write(out, buffer, n)) {
                return;
            }
            left -= n;
        }
    }

    private static void stream(Path blob, ByteRange bytes, HttpServletResponse response) throws IOException {
        try (FileChannel in = FileChannel.open(blob, StandardOpenOption.READ)) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[STREAM_BUFFER];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long position = bytes.start();
            for (long left = bytes.length(); left > 0; ) {
                wrapped.clear().limit((int) Math.min(buffer.length, left));
                int n = in.read(wrapped, position);
                if (n < 0) {
                    throw new IOException("blob " + blob + " is shorter than its recorded size");
                }
                if (!write(out, buffer, n)) {
                    return;
                }
                position += n;
                left -= n;
            }
        }
    }

    /** False when the client went away: nothing to answer then. */
    private static boolean write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
            return true;
        } catch (IOException e) {
            log.debug("Download stopped by the client", e);
            return false;
        }
    }

    /** Conditional-request and header helpers. */
    static final class Validators {

        private Validators() {
        }

        /** If-None-Match: {@code *} or any listed tag equal to ours (weak comparison). */
        static boolean anyMatches(String header, String etag) {
            if (header == null) {
                return false;
            }
            for (String tag : header.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                    return true;
                }
            }
            return false;
        }

        /** If-Range: absent, or our strong tag. A date or another tag means: send the whole file. */
        static boolean ifRangeHolds(String header, String etag) {
            return header == null || header.trim().equals(etag);
        }

        /** {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded} (RFC 6266). */
        static String attachment(String name) {
            StringBuilder ascii = new StringBuilder();
            name.chars().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
            StringBuilder encoded = new StringBuilder();
            for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (Character.isLetterOrDigit(c) && c < 0x80 || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                    encoded.append((char) c);
                } else {
                    encoded.append('%').append(String.format("%02X", c));
                }
            }
            return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
        }
    }
}
