import io.modellibrary.transfer.MultipartReader;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The multipart parsing of uploads alone, ours ({@code transfer.MultipartReader}, as
 * {@code files.UploadService} uses it) against commons-fileupload2's streaming API
 * ({@code getItemIterator}), on the same body: a form field and the file part, read from the
 * page cache into a 1 MB buffer (ours: direct, through the part's channel, as the upload
 * path reads it) and dropped. Run by {@code bench/transfer.sh}, which prints
 * the figures with the others. Usage: {@code java -cp <classes+jars> bench/MultipartParse.java FILE [ROUNDS]}
 * → one line {@code <ours MB/s> <fileupload2 MB/s> <file part bytes>} (medians of ROUNDS alternating rounds).
 */
public class MultipartParse {

    static final String BOUNDARY = "------------------------a7c1f0e4d2b39c58";

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long length = new java.io.File(file).length();
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        long bytes = 0;
        for (int r = 0; r < rounds + 1; r++) { // the first round warms both up and is not counted
            long t0 = System.nanoTime();
            long a = ours(body(file));
            long t1 = System.nanoTime();
            long b = fileupload2(body(file), length);
            long t2 = System.nanoTime();
            if (a != length || b != length) {
                throw new IllegalStateException("parsers disagree: " + a + " / " + b + " / " + length);
            }
            bytes = a;
            if (r > 0) {
                ours.add(length / 1e6 / ((t1 - t0) / 1e9));
                theirs.add(length / 1e6 / ((t2 - t1) / 1e9));
            }
        }
        System.out.printf("%.1f %.1f %d%n", median(ours), median(theirs), bytes);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static InputStream body(String file) throws IOException {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbench/transfer\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        return new SequenceInputStream(Collections.enumeration(List.of(
                new java.io.ByteArrayInputStream(head.getBytes(StandardCharsets.ISO_8859_1)),
                new FileInputStream(file),
                new java.io.ByteArrayInputStream(tail.getBytes(StandardCharsets.ISO_8859_1)))));
    }

    /** The file part's bytes as {@code UploadService} reads them. */
    static long ours(InputStream in) throws IOException {
        MultipartReader reader = new MultipartReader(in, BOUNDARY, 1 << 20);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 20); // as blob.HashingCopy fills it
        long total = 0;
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            if (part.isFile()) {
                java.nio.channels.ReadableByteChannel body = (java.nio.channels.ReadableByteChannel) part.body();
                for (int n = body.read(buffer.clear()); n != -1; n = body.read(buffer.clear())) {
                    total += n;
                }
            }
        }
        return total;
    }

    static long fileupload2(InputStream in, long fileLength) throws IOException {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        FileItemInputIterator items = upload.getItemIterator(new RequestContext() {
            public String getCharacterEncoding() { return "UTF-8"; }
            public long getContentLength() { return -1; }
            public String getContentType() { return "multipart/form-data; boundary=" + BOUNDARY; }
            public InputStream getInputStream() { return in; }
            public boolean isMultipartRelated() { return false; }
        });
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        while (items.hasNext()) {
            FileItemInput item = items.next();
            try (InputStream body = item.getInputStream()) {
                if (!item.isFormField()) {
                    for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                        total += n;
                    }
                } else {
                    body.readAllBytes();
                }
            }
        }
        return total;
    }
}
