package io.modellibrary.files;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.support.BlobsInS3;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A download from the S3 store whose read breaks after the answer's headers and first bytes went
 * out (the store's connection reset mid-way: a spy on the store whose stream throws after
 * {@link #BREAKS_AFTER} bytes), over real HTTP on a connection the client would keep alive: the
 * client gets the headers, fewer bytes than their {@code Content-Length}, then the connection
 * closed (an incomplete transfer, never a clean short body or a wait for the rest), on the seed
 * and the Hub faces; the log has one WARN line for the two, naming the request and the reason, no
 * stack trace. A context of its own (the spy).
 */
@EmptyCatalogueTest
@BlobsInS3
@ExtendWith(OutputCaptureExtension.class)
class S3BrokenDownloadTest {

    private static final int SIZE = 2_000_000;
    private static final int BREAKS_AFTER = 600_000;

    @MockitoSpyBean
    BlobStore blobs;
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @LocalServerPort
    int port;

    @Test
    void aReadThatBreaksAfterTheHeadersAbortsTheDownloadAndIsLoggedOnce(CapturedOutput output) throws Exception {
        String name = uniqueName("broken");
        fixtures.model(name).owner("alice").save();
        byte[] weights = bytes(SIZE, 44);
        upload(mvc, alice(), new MultipartBody().field("name", name).file("model.bin", weights)).andExpect(status().isOk());
        // the Hub face reads a small file whole once for its git blob id (cached): before the store breaks
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head("/" + name + "/resolve/main/model.bin"))
                .andExpect(status().isOk());
        doAnswer(call -> new BreaksAfter((InputStream) call.callRealMethod(), BREAKS_AFTER))
                .when(blobs).open(eq(sha256(weights)), anyLong(), anyLong());
        int before = output.getOut().length();

        for (String path : new String[]{"/api/files/download?type=model&name=" + name + "&path=model.bin",
                "/" + name + "/resolve/main/model.bin"}) {
            Answer answer = get(path);
            assertThat(answer.head).as(path).startsWith("http/1.1 200").contains("content-length: " + SIZE);
            assertThat(answer.bodyBytes).as(path + ": the bytes before the break, then the connection closed")
                    .isGreaterThan(0).isLessThanOrEqualTo(BREAKS_AFTER);
        }

        String log = output.getOut().substring(before);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("Broke off GET")))
                .as("one WARN line for both broken downloads").singleElement().satisfies(line -> assertThat(line)
                        .contains("Broke off GET /api/files/download after ")
                        .contains("the blob store's read failed after the answer had begun")
                        .contains("SocketException: Connection reset"));
        assertThat(log).doesNotContain("Unexpected failure").doesNotContain("\tat ");
    }

    /** What a client on a kept-alive connection read: the head (lower case) and how many body bytes came before the connection closed. */
    private record Answer(String head, long bodyBytes) {
    }

    /** GET over a new connection asking to keep it alive, reading until the server closes it (a 30 s read timeout fails the test). */
    private Answer get(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("the head arrives whole").isNotEqualTo(-1);
                head.write(b);
            }
            long body = 0;
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) != -1; ) {
                body += n;
            }
            return new Answer(head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT), body);
        }
    }

    /** The store's stream, failing as a reset connection once {@code limit} bytes were read. */
    private static final class BreaksAfter extends FilterInputStream {
        private long left;

        BreaksAfter(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new SocketException("Connection reset");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(0, n);
            return n;
        }
    }
}
