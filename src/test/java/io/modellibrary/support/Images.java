package io.modellibrary.support;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small real images (and one WebP header) for avatar tests. */
public final class Images {

    private Images() {
    }

    public static byte[] png() {
        return encode("png");
    }

    public static byte[] jpeg() {
        return encode("jpg");
    }

    public static byte[] gif() {
        return encode("gif");
    }

    /** A minimal RIFF/WEBP container (VP8L, 1x1). */
    public static byte[] webp() {
        byte[] body = {'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0x0a, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07, 0};
        byte[] out = new byte[8 + body.length];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 4);
        out[4] = (byte) body.length;
        System.arraycopy(body, 0, out, 8, body.length);
        return out;
    }

    /** A PNG signature followed by padding, {@code size} bytes in all. */
    public static byte[] pngOfSize(int size) {
        byte[] png = png();
        byte[] out = Arrays.copyOf(png, Math.max(size, png.length));
        return Arrays.copyOf(out, size);
    }

    private static byte[] encode(String format) {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 2, Color.ORANGE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
