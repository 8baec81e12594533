package io.modellibrary.transfer;

import io.modellibrary.common.ApiException;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.TooLargeException;
import org.springframework.http.HttpStatus;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload's body as read from the socket: counts bytes against the request limit,
 * and turns a failed read (the client went away) into a 400 rather than a server error.
 * Reads throw {@link TooLargeException} past the limit and {@link Interrupted} when the
 * client stops sending.
 */
public final class RequestBodyStream extends FilterInputStream {

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

    /** The client stopped sending: nothing of the upload is kept. */
    public static final class Interrupted extends ApiException {
        Interrupted(IOException cause) {
            super(HttpStatus.BAD_REQUEST, "the upload was interrupted");
            initCause(cause);
        }
    }
}
