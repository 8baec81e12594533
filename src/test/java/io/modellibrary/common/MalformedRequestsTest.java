package io.modellibrary.common;

import io.modellibrary.support.ApiOperations;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/decisions.md L6, over a real socket and the container's own parsing: every malformed
 * request, on every operation of the OpenAPI document, is a 4xx in the envelope (in the Hub's
 * {@code {"error"}} on its routes, in Git LFS's {@code {"message"}} and media type on the LFS ones),
 * and the log gets no stack trace and no ERROR line for it.
 */
@FullStackTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    List<ApiOperations.Operation> operations;

    @BeforeEach
    void readTheDocument() throws IOException {
        Answer doc = send("GET /v3/api-docs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        operations = ApiOperations.of(JSON.readTree(doc.body()));
        assertThat(operations).hasSizeGreaterThan(20);
    }

    @Test
    void theIssuesExampleIsA400NamingTheParameter(CapturedOutput output) throws IOException {
        Answer answer = send("GET /api/modelList?name=% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("msg").asString()).contains("name");
        assertQuietLog(output);
    }

    @Test
    void badPercentEncodingOnAnyParameterOfAnyOperationIsA400(CapturedOutput output) throws IOException {
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (ApiOperations.Operation op : operations) {
            for (String parameter : op.query().keySet()) {
                for (String bad : List.of("%", "%zz", "%C3%28", "a%2")) {
                    cases++;
                    Answer answer = send(op.method().toUpperCase() + " " + op.path().replaceAll("\\{[^}]*}", "x") + "?" + parameter + "=" + bad
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    boolean named = op.method().equals("head") || answer.json().path("msg").asString("").contains(parameter)
                            || op.hub() && answer.json().path("error").asString("").contains(parameter)
                            || op.lfs() && answer.json().path("message").asString("").contains(parameter);
                    if (answer.status() != 400 || !named) { // a HEAD answer has no body to name it in
                        problems.add(op + " " + parameter + "=" + bad + " → " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(50);
        assertThat(problems).isEmpty();
        assertQuietLog(output);
    }

    @Test
    void anUnacceptableAcceptIsA4xxEnvelopeOnEveryOperation(CapturedOutput output) throws IOException {
        List<String> problems = new ArrayList<>();
        for (ApiOperations.Operation op : operations) {
            Answer answer = send(op.method().toUpperCase() + " " + op.path().replaceAll("\\{[^}]*}", "x") + "?name=x&path=x&commit=x&filepath=x"
                    + otherRequired(op) + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            boolean envelope = answer.status() == 200 || op.method().equals("head")
                    || (op.lfs() ? lfsError(answer) : answer.json().has("msg") || op.hub() && answer.json().has("error"))
                    || gitsOwnForm(op, answer);
            if (answer.status() >= 500 || !envelope) {
                problems.add(op + " → " + answer.status() + " " + answer.body());
            }
        }
        assertThat(send("GET /api/modelList HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(406);
        assertThat(problems).isEmpty();
        assertQuietLog(output);
    }

    @Test
    void malformedRequestLinesMethodsAndMediaTypesAre4xx(CapturedOutput output) throws IOException {
        for (String request : List.of(
                "GET /api/modelList?name=a b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /api/../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "BREW /api/modelList HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "PUT /api/modelLabel HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi",
                "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{[",
                "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: ;;;\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                "GET /api/modelList HTTP/1.1\r\nHost: localhost\r\nAccept: ;;;\r\nConnection: close\r\n\r\n",
                "GET /api/modelList?pageIndex=x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "DELETE /api/like HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\nConnection: close\r\n\r\nname=%",
                "POST /api/register/verifyUsername HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\nConnection: close\r\n\r\nusername=%",
                "GET /api/filesTable?name=a&name=b%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")) {
            Answer answer = send(request);
            assertThat(answer.status()).as(request).isBetween(400, 499);
        }
        assertQuietLog(output);
    }

    @Test
    void moreQueryParametersThanTheServersLimitAreA400NamingTheLimit(CapturedOutput output) throws IOException {
        String over = "x=1&".repeat(1000) + "name=a";
        Answer answer = send("GET /api/modelList?" + over + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("msg").asString()).contains("more than 1000 parameters")
                .contains("server.tomcat.max-parameter-count").doesNotContain("encoded");

        String form = "y=2&".repeat(500);
        answer = send("POST /api/register/verifyUsername?" + "x=1&".repeat(501) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                + "\r\nConnection: close\r\n\r\n" + form);
        assertThat(answer.status()).as("query and form count together").isEqualTo(400);
        assertThat(answer.json().path("msg").asString()).contains("more than 1000 parameters");

        String atTheLimit = "x=1&".repeat(999) + "&&name=a";
        answer = send("GET /api/modelList?" + atTheLimit + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).as("1,000 parameters and empty chunks are within the limit").isEqualTo(200);
        assertQuietLog(output);
    }

    /**
     * Git LFS's error form ({@code {"message"}}, its media type), which its routes answer. The one
     * exception: an anonymous batch call is refused by the security layer, before any route, with
     * its shared 401 {@code no login} envelope.
     */
    private static boolean lfsError(Answer answer) {
        boolean lfs = answer.json().has("message") && answer.contentType().startsWith(ApiOperations.LFS_JSON);
        return lfs || answer.status() == 401 && Envelope.NO_LOGIN.equals(answer.json().path("msg").asString(""));
    }

    private static void assertQuietLog(CapturedOutput output) {
        assertThat(output.getOut() + output.getErr()).doesNotContain("Unexpected failure")
                .doesNotContain(" ERROR ").doesNotContainPattern("\\n\\s+at [a-z]+\\.");
    }

    /** A response: its status, its {@code Content-Type} (empty when absent) and its body. */
    /** The operation's other required query parameters ({@code service} of git's discovery), each {@code =x}. */
    private static String otherRequired(ApiOperations.Operation op) {
        StringBuilder query = new StringBuilder();
        op.required().stream().filter(p -> !List.of("name", "path", "commit", "filepath").contains(p))
                .forEach(p -> query.append('&').append(p).append("=x"));
        return query.toString();
    }

    /** git's discovery request ({@code [.git]/info/refs}) is answered in the one form git shows: 404 text/plain. */
    private static boolean gitsOwnForm(ApiOperations.Operation op, Answer answer) {
        return op.path().endsWith("/info/refs") && answer.status() == 404 && answer.contentType().startsWith("text/plain")
                && answer.body().startsWith("git clone and git push are not supported");
    }

    private record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                return JSON.createObjectNode();
            }
        }
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            String body = bodyStart < 0 ? "" : response.substring(bodyStart + 4);
            String contentType = "";
            for (String line : (bodyStart < 0 ? response : response.substring(0, bodyStart)).split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(status, contentType, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes count bytes; the bodies here are ASCII JSON
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
