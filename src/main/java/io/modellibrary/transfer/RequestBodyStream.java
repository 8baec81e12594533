package io.modellibrary.transfer;

import io.modellibrary.common.ApiException;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.TooLargeException;
import org.springframework.http.HttpStatus;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * An upload's body as read from the socket: counts bytes against the request limit,
 * and turns a failed read (the client went away) into a 400 rather than a server error.
 * Reads throw {@link TooLargeException} past the limit and {@link Interrupted} when the
 * client stops sending.
 */
public final class RequestBodyStream extends FilterInputStream implements ReadableByteChannel {

    private final long limit;
    private long count;

    /**
     * @param in    the request's input stream
     * @param limit the most bytes the body may have
     */
    public RequestBodyStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw new Interrupted(e);
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new TooLargeException("the upload is larger than the limit of " + FilesProperties.describe(limit));
            }
        }
        return n;
    }

    /**
     * Reads into {@code dst} at its position, which moves past the bytes (a channel's read):
     * straight from Tomcat's buffer when the body comes through {@link BodyReadValve} (no heap
     * buffer between; the upload path fills direct buffers this way, see {@code blob.HashingCopy}),
     * else through {@link #read(byte[], int, int)}.
     */
    @Override
    public int read(ByteBuffer dst) {
        if (!(in instanceof BodyReadValve.PacedStream paced)) {
            byte[] bytes = new byte[Math.min(dst.remaining(), 64 * 1024)];
            int n = read(bytes, 0, bytes.length);
            if (n > 0) {
                dst.put(bytes, 0, n);
            }
            return n;
        }
        int n;
        try {
            n = paced.readInto(dst);
        } catch (IOException e) {
            throw new Interrupted(e);
        }
        count(n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    private void count(int n) {
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new TooLargeException("the upload is larger than the limit of " + FilesProperties.describe(limit));
            }
        }
    }

    /** The client stopped sending: nothing of the upload is kept. */
    public static final class Interrupted extends ApiException {
        Interrupted(IOException cause) {
            super(HttpStatus.BAD_REQUEST, "the upload was interrupted");
            initCause(cause);
        }
    }
}
