package io.modellibrary.transfer;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.files.MultipartBody;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartReaderTest {

    record ReadPart(String name, String filename, byte[] body) {
    }

    private static List<ReadPart> readAll(InputStream in) throws IOException {
        MultipartReader reader = new MultipartReader(in, MultipartBody.BOUNDARY, 1024);
        List<ReadPart> parts = new ArrayList<>();
        for (MultipartReader.Part p = reader.next(); p != null; p = reader.next()) {
            parts.add(new ReadPart(p.name(), p.filename(), p.body().readAllBytes()));
        }
        return parts;
    }

    /** Hands out at most 7 bytes a read, so every boundary straddles reads somewhere. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    /** A body that is also a channel handing out at most {@code most} bytes a read, as the request body is. */
    private static InputStream channelBody(byte[] bytes, int most) {
        class Channel extends ByteArrayInputStream implements java.nio.channels.ReadableByteChannel {
            Channel() {
                super(bytes);
            }

            @Override
            public int read(java.nio.ByteBuffer dst) {
                int n = Math.min(Math.min(most, dst.remaining()), available());
                if (n == 0) {
                    return -1;
                }
                dst.put(buf, pos, n);
                pos += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        }
        return new Channel();
    }

    /** Parts read as the upload path reads them: through the part's channel into a direct buffer. */
    private static List<ReadPart> readAllThroughChannels(InputStream in) throws IOException {
        MultipartReader reader = new MultipartReader(in, MultipartBody.BOUNDARY, 1 << 20);
        List<ReadPart> parts = new ArrayList<>();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(200 * 1024);
        for (MultipartReader.Part p = reader.next(); p != null; p = reader.next()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.nio.channels.ReadableByteChannel body = (java.nio.channels.ReadableByteChannel) p.body();
            for (int n = body.read(buffer.clear()); n != -1; n = body.read(buffer.clear())) {
                buffer.flip();
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk);
            }
            parts.add(new ReadPart(p.name(), p.filename(), out.toByteArray()));
        }
        return parts;
    }

    @Test
    void partsReadStraightIntoTheCallersBufferAreExactWhateverTheReadSizes() throws IOException {
        byte[] content = awkwardContent();
        byte[] body = new MultipartBody().field("name", "alice/bert").file("weights/a.bin", content)
                .file("empty.txt", new byte[0]).file("b.bin", java.util.Arrays.copyOf(content, 70_000))
                .field("message", "three files").build();
        for (int most : new int[]{7, 1000, 65_536, 300_000}) {
            List<ReadPart> parts = readAllThroughChannels(channelBody(body, most));
            assertThat(parts).extracting(ReadPart::name).containsExactly("name", "file", "file", "file", "message");
            assertThat(parts.get(1).body()).as("reads of %d", most).isEqualTo(content);
            assertThat(parts.get(2).body()).isEmpty();
            assertThat(parts.get(3).body()).isEqualTo(java.util.Arrays.copyOf(content, 70_000));
            assertThat(new String(parts.get(4).body(), StandardCharsets.UTF_8)).isEqualTo("three files");
        }
    }

    private static byte[] awkwardContent() {
        byte[] random = new byte[200_000];
        new Random(42).nextBytes(random);
        // near-misses of the delimiter inside the content
        byte[] near = ("\r\n--" + MultipartBody.BOUNDARY.substring(0, 20) + "\r\n\r\n--").getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 1000; at + near.length < random.length; at += 17_000) {
            System.arraycopy(near, 0, random, at, near.length);
        }
        // the whole delimiter but its last byte, and its tail alone (the skip search looks at the last byte first)
        String b = MultipartBody.BOUNDARY;
        byte[] allButLast = ("\r\n--" + b.substring(0, b.length() - 1) + "\u0000").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tailOnly = ("-" + b).getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 5003; at + allButLast.length + tailOnly.length < random.length; at += 13_001) {
            System.arraycopy(allButLast, 0, random, at, allButLast.length);
            System.arraycopy(tailOnly, 0, random, at + allButLast.length + 3, tailOnly.length);
        }
        return random;
    }

    @Test
    void readsFieldsAndFilesInOrderWhateverTheReadSizes() throws IOException {
        byte[] content = awkwardContent();
        byte[] body = new MultipartBody().field("name", "alice/bert").file("weights/a.bin", content)
                .file("empty.txt", new byte[0]).field("message", "two files").build();
        for (InputStream in : List.of(new ByteArrayInputStream(body), trickle(body))) {
            List<ReadPart> parts = readAll(in);
            assertThat(parts).extracting(ReadPart::name).containsExactly("name", "file", "file", "message");
            assertThat(parts.get(0).filename()).isNull();
            assertThat(new String(parts.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("alice/bert");
            assertThat(parts.get(1).filename()).isEqualTo("weights/a.bin");
            assertThat(parts.get(1).body()).isEqualTo(content);
            assertThat(parts.get(2).body()).isEmpty();
            assertThat(new String(parts.get(3).body(), StandardCharsets.UTF_8)).isEqualTo("two files");
        }
    }

    @Test
    void skipsAPreambleAndUnreadBodies() throws IOException {
        byte[] body = ("preamble to ignore\r\n" + new String(new MultipartBody().file("a.txt", "A").file("b.txt", "B").build(),
                StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), MultipartBody.BOUNDARY, 1024);
        assertThat(reader.next().filename()).isEqualTo("a.txt");
        MultipartReader.Part second = reader.next();
        assertThat(second.filename()).isEqualTo("b.txt");
        assertThat(second.body().readAllBytes()).isEqualTo("B".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.next()).isNull();
    }

    @Test
    void aBodyCutBeforeItsClosingBoundaryIsAnError() throws IOException {
        byte[] body = new MultipartBody().file("a.bin", awkwardContent()).build();
        byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), MultipartBody.BOUNDARY, 1024);
        MultipartReader.Part part = reader.next();
        assertThatThrownBy(() -> part.body().readAllBytes()).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("ended");
    }

    @Test
    void readsQuotedUtf8AndExtendedFilenames() {
        PartHeaders quoted = new PartHeaders();
        quoted.parseDisposition(" form-data; name=\"file\"; filename=\"dossier/r\u00e9sum\u00e9 \\\"final\\\".txt\"");
        assertThat(quoted.filename()).isEqualTo("dossier/r\u00e9sum\u00e9 \"final\".txt");

        PartHeaders extended = new PartHeaders();
        extended.parseDisposition(" form-data; name=file; filename=\"fallback.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt");
        assertThat(extended.name()).isEqualTo("file");
        assertThat(extended.filename()).isEqualTo("\u65e5\u672c.txt");

        PartHeaders backslash = new PartHeaders();
        backslash.parseDisposition(" form-data; name=\"file\"; filename=\"C:\\temp\\a.txt\"");
        assertThat(backslash.filename()).isEqualTo("C:\\temp\\a.txt");
    }

    @Test
    void aMalformedExtendedFilenameIsABadRequest() {
        for (String encoded : new String[] {"%zz.txt", "a.txt%", "%E6%9"}) {
            PartHeaders headers = new PartHeaders();
            assertThatThrownBy(() -> headers.parseDisposition(" form-data; name=file; filename*=UTF-8''" + encoded))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessage("the filename* of a part is not properly percent-encoded");
        }
    }
}
