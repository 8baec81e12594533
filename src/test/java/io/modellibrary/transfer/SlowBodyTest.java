package io.modellibrary.transfer;

import io.modellibrary.support.ContainerDatabase;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send their request body a byte at a time cannot take the server's threads:
 * beyond the configured number of body readers a request with a body is answered 503 at
 * once (429 beyond one client address's share, so that others still find one), requests
 * without one are served as usual, and a body slower than the minimum rate
 * is cut off with a 408 and its connection closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modellibrary.demo-data=false", "modellibrary.body-read.max-concurrent=3", "modellibrary.body-read.grace=1s",
        "modellibrary.body-read.min-rate=100B", "modellibrary.body-read.max-per-address=2"})
@Import(ContainerDatabase.class)
class SlowBodyTest {

    @LocalServerPort
    int port;
    @Autowired
    WebServerApplicationContext server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void slowBodiesAreBoundedAndCutOffWhileEverythingElseIsServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            slow.add(startSlowLogin("127.0.0.1"));
            slow.add(startSlowLogin("127.0.0.1"));
            awaitBodiesBeingRead(2); // the two have reached the application and hold two of its three body readers

            Socket thirdFromTheSameClient = startSlowLogin("127.0.0.1");
            String ownShare = answer(thirdFromTheSameClient, Duration.ofSeconds(2));
            assertThat(ownShare).as("one client holds at most its share").startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 1");
            thirdFromTheSameClient.close();

            slow.add(startSlowLogin("127.0.0.2")); // another client still finds a reader
            awaitBodiesBeingRead(3);
            assertThat(answer(slow.get(2), Duration.ofMillis(500))).as("admitted: no answer yet").contains("no answer within");

            Socket fourth = startSlowLogin("127.0.0.3");
            String refused = answer(fourth, Duration.ofSeconds(2));
            assertThat(refused).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 1");

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            for (Socket socket : slow) {
                trickle(socket, 3, true);
                String cut = answer(socket, Duration.ofSeconds(10));
                assertThat(cut).startsWith("HTTP/1.1 408");
                socket.setSoTimeout(5_000);
                assertThat(drain(socket.getInputStream())).as("connection closed after the 408").isTrue();
            }
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody\",\"password\":\"wrong\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("wrong username or password");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyTheApplicationLeftUnreadDoesNotHoldTheConnectionOpenForever() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            // A write without a token is refused before the body is read; the body then trickles.
            out.write(("POST /api/files HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = answer(socket, Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 401");
            trickle(socket, 3, false);
            socket.setSoTimeout(10_000);
            assertThat(drain(socket.getInputStream())).as("connection closed by the server").isTrue();
        }
    }

    /**
     * A client that sends the start of its body and then nothing is answered 408 (without a body:
     * Tomcat writes none after its read failed) once a read has waited the grace time (1 s here), its connection closed and its body
     * reader given back: before, it held the reader until Tomcat's connection timeout (60 s) ran out
     * twice, so 100 such connections from two addresses refused every sign-in for two minutes.
     */
    @Test
    void aBodyThatStopsArrivingIsCutOffAfterTheGraceTimeNotTheConnectionTimeout() throws Exception {
        try (Socket stalled = startSlowLogin("127.0.0.4")) {
            stalled.setSoTimeout(30_000); // far under the connection timeout's 60 s, twice
            String whole = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(whole).startsWith("HTTP/1.1 408").containsIgnoringCase("Content-Length: 0").endsWith("\r\n\r\n");
        }
        awaitBodiesBeingRead(0);
    }

    /** Waits until {@code n} request bodies hold a reader of the server's {@link BodyReadValve}. */
    private void awaitBodiesBeingRead(int n) {
        Tomcat tomcat = ((TomcatWebServer) server.getWebServer()).getTomcat();
        BodyReadValve valve = Arrays.stream(tomcat.getHost().findChildren())
                .flatMap(context -> Arrays.stream(context.getPipeline().getValves()))
                .flatMap(v -> v instanceof BodyReadValve bodies ? Stream.of(bodies) : Stream.empty())
                .findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> valve.bodiesBeingRead() == n);
    }

    /** A sign-in whose body has begun, from {@code client} (an address of the loopback network). */
    private Socket startSlowLogin(String client) throws IOException {
        Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, java.net.InetAddress.getByName(client), 0);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Sends a byte every tenth of a second (10 bytes a second, a tenth of the minimum rate) for
     * {@code seconds}, as long as the server takes them and, with {@code untilAnswered}, has not
     * answered yet: the answer is then there to read, and more bytes would only wait on it (they
     * were sent for the whole time before, 5 of the suite's seconds with a core idle; issue 16).
     */
    private static void trickle(Socket socket, int seconds, boolean untilAnswered) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            try {
                if (untilAnswered && socket.getInputStream().available() > 0) {
                    return;
                }
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
            } catch (IOException closed) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The status line and headers of the answer, read within the time given. */
    private static String answer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        try {
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    break;
                }
                head.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            return head + "(no answer within " + within + ")";
        }
        return head.toString();
    }

    /** True when the stream ends (the server closed the connection) before the socket's timeout. */
    private static boolean drain(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // the rest of the answer's body
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
