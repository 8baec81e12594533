package io.modellibrary.support;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Small real images (and one minimal WebP) for avatar tests. */
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

    /** A 16×16 lossy WebP (a {@code VP8 } chunk), made by libwebp 1.2.4 ({@code WebPEncodeRGB}, quality 75). */
    public static byte[] webpLossy() {
        return Base64.getDecoder().decode("UklGRlAAAABXRUJQVlA4IEQAAADwAQCdASoQABAAAgA0JbACdAEPDBLyyoAA/vxrUVaK0aVbCje3"
                + "vpYt/gjU2U4IXiiWAGpDOX//8Hm91P/6PO9wfvZAAA==");
    }

    /** A 16×16 lossless WebP (a {@code VP8L} chunk), made by libwebp 1.2.4 ({@code WebPEncodeLosslessRGB}). */
    public static byte[] webpLossless() {
        return Base64.getDecoder().decode("UklGRi4AAABXRUJQVlA4TCIAAAAvD8ADAJkyRPQ/NhHR/wCRtk0t3L/gwdOJGMCYAKoO1H8A");
    }

    /**
     * A 16×16 lossy WebP with transparency: the extended form ({@code VP8X}, then {@code ALPH} and {@code VP8 }
     * chunks), made by libwebp 1.2.4 ({@code WebPEncodeRGBA}, quality 75).
     */
    public static byte[] webpWithAlpha() {
        return Base64.getDecoder().decode("UklGRnQAAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSAoAAAABB1DkiAhERP8DVlA4IEQAAADwAQCd"
                + "ASoQABAAAgA0JbACdAEPDBLyyoAA/vxrUVaK0aVbCje3vpYt/gjU2UgRTZvYAakM5f//web3U//o873B+9kAAA==");
    }

    /** A lossless WebP of 8193×8 pixels (libwebp 1.2.4): one pixel wider than an avatar may be. */
    public static byte[] webpTooWide() {
        return Base64.getDecoder().decode("UklGRiQAAABXRUJQVlA4TBcAAAAvAOABAAcQEf0PCASS/cFXKKL/Gf/5PwA=");
    }

    /** A copy of {@code bytes} with {@code text}'s ASCII bytes written at {@code offset} (a chunk's name, a signature). */
    public static byte[] overwritten(byte[] bytes, int offset, String text) {
        byte[] out = bytes.clone();
        byte[] patch = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(patch, 0, out, offset, patch.length);
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
