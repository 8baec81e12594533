package io.modellibrary.transfer;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Reads request bodies from the socket in 64 KB rather than Tomcat's default 8 KB, which
 * cuts the system calls of a multi-gigabyte upload eightfold; and writes responses the
 * application streams (a download from the S3 store, which has no file to {@code sendfile})
 * in 64 KB too: Tomcat copies every write into its socket write buffer and sends the buffer
 * whenever it is full, so at 8 KB a 2 GiB download was 262,144 {@code write} calls
 * (bench/s3.sh, "download"). Both buffers are per connection, on the heap.
 * <p>
 * Answers {@code Expect: 100-continue} only once the application reads the body
 * ({@code continueResponseTiming=onRead}; Tomcat's default sends it at once), so that a client
 * which asks first (curl does for bodies over 1 MB) gets a refusal given before the body is read
 * (401, 403, 404, 413) without sending a body the server then has to cut off (RFC 9110 §10.1.1).
 */
@Component
class TomcatTuning implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String READ_BUFFER = String.valueOf(64 * 1024);
    static final String WRITE_BUFFER = String.valueOf(64 * 1024);

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", READ_BUFFER);
            connector.setProperty("socket.appWriteBufSize", WRITE_BUFFER);
            connector.setProperty("continueResponseTiming", "onRead");
        });
    }
}
