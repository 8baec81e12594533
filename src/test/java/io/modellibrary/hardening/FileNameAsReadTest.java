package io.modellibrary.hardening;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.transfer.MultipartReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite's model of how a {@code file} part's quoted {@code filename} is read
 * ({@link HostileRequests#fileNameAsRead}) against the parser every such part goes through,
 * {@code transfer/MultipartReader}: the suite judges a hostile file name by the name the model
 * gives, so a model that drifted from the parser would pass or flag the wrong names.
 */
class FileNameAsReadTest {

    private static final String BOUNDARY = "modelcheck";

    @Test
    void aBareQuoteEndsTheNameAndALineBreakEndsTheHeader() throws IOException {
        assertThat(read("{\"a\":{\"b\":1}}")).contains("{");
        assertThat(model("{\"a\":{\"b\":1}}")).contains("{");
        assertThat(read("a\r\nSet-Cookie: x=1")).contains("a");
        assertThat(model("a\r\nSet-Cookie: x=1")).contains("a");
        assertThat(model("a\\\"b")).contains("a\"b"); // \" is the one escape
        assertThat(model("C:\\x\\y")).contains("C:\\x\\y"); // other backslashes are kept, as browsers send them
        assertThat(model("x\"; filename*=UTF-8''%2e%2e%2fetc")).contains("../etc\""); // the suite's closing quote joins the token
        assertThat(model("x\"; filename*=UTF-8''%zz")).isEmpty(); // refused: 400
    }

    @Test
    void theModelReadsEveryHostileNameAsTheParserDoes() throws IOException {
        List<byte[]> names = new ArrayList<>();
        for (String s : List.of("{\"a\":{", "\"\\\\\"", "\\", "a\\", "\"", "\";name=\"x", "x\"; filename=\"y", "x\";filename*=iso-8859-1''%e9",
                "x\"; filename*=UTF-8''a%2Fb", "x\"; filename*=UTF-8''%", "x\"junk; filename=y", "a\r\n\r\nbody", "a\r\nContent-Disposition: x; filename=z")) {
            names.add(s.getBytes(StandardCharsets.UTF_8));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            names.add(Hostile.any(random).raw());
        }
        int compared = 0;
        for (byte[] name : names) {
            Optional<String> parsed;
            try {
                parsed = read(name);
            } catch (BadRequestException e) {
                parsed = Optional.empty();
                if (!e.getMessage().contains("percent-encoded")) {
                    continue; // a header too long: refused before any name is read, which the model does not cover
                }
            }
            Optional<String> modelled = HostileRequests.fileNameAsRead(new Hostile(Hostile.Category.CONTROL, name, null, null)).map(Hostile::text);
            assertThat(modelled).as("the name read from %s", new String(name, StandardCharsets.UTF_8)).isEqualTo(parsed);
            compared++;
        }
        assertThat(compared).isGreaterThan(2000);
    }

    private static Optional<String> model(String name) {
        return HostileRequests.fileNameAsRead(new Hostile(Hostile.Category.CONTROL, name.getBytes(StandardCharsets.UTF_8), null, null))
                .map(Hostile::text);
    }

    private static Optional<String> read(String name) throws IOException {
        return read(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The file name of the first file part of the body the suite sends, as the server's parser reads it. */
    private static Optional<String> read(byte[] name) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(HostileRequests.fileHeaders(name));
        body.writeBytes(("probe\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.toByteArray()), BOUNDARY, 64 * 1024);
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            if (part.isFile()) {
                return Optional.of(part.filename());
            }
            part.body().transferTo(OutputStream.nullOutputStream());
        }
        return Optional.empty();
    }
}
