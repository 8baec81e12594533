package io.modellibrary.account;

import io.modellibrary.common.BadRequestException;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Whether an avatar's bytes are a whole image of the type its leading bytes claim ({@link ImageType}), so that a
 * file that only starts like one ({@code GIF89a-not-really}, a newcomer's probe, session 17) is refused instead of
 * shown broken everywhere. PNG, JPEG and GIF are decoded by {@code javax.imageio} (subsampled to at most about
 * {@value #DECODED_SIDE} pixels a side, so memory stays small whatever the image's size; in memory, never a temporary
 * file); the JDK decodes no WebP, so a WebP is checked by its structure: the RIFF length matching the file's, and a
 * {@code VP8 }, {@code VP8L} or {@code VP8X} chunk with its signature and size. Either way each side is at most
 * {@value #MAX_SIDE} pixels. TwelveMonkeys' WebP reader ({@code imageio-webp} 3.14.0) was tried and not taken: it
 * decodes a lossless WebP whole whatever the subsampling, so a 2.6 KB 8192×8192 one needs about 200 MB of heap
 * (docs/decisions.md, W12 and "Session 19 (tidy)").
 */
final class ImageCheck {

    /** The largest width or height accepted, in pixels. */
    static final int MAX_SIDE = 8192;
    /** About the largest side of the decoded (subsampled) copy, in pixels. */
    static final int DECODED_SIDE = 256;

    private ImageCheck() {
    }

    /**
     * @param bytes the whole upload
     * @param type  what its leading bytes say it is
     * @throws BadRequestException "avatar is not a valid … image" when it does not decode (or, for WebP, its structure
     *                             is wrong), or "avatar is W×H pixels; …" when a side is over {@value #MAX_SIDE}
     */
    static void requireWhole(byte[] bytes, ImageType type) {
        int[] size = type == ImageType.WEBP ? webpSize(bytes) : decodedSize(bytes, type);
        if (size == null || size[0] <= 0 || size[1] <= 0) {
            throw new BadRequestException("avatar is not a valid " + name(type) + " image: it cannot be read as one");
        }
        if (size[0] > MAX_SIDE || size[1] > MAX_SIDE) {
            throw new BadRequestException("avatar is " + size[0] + "×" + size[1] + " pixels; at most " + MAX_SIDE
                    + " a side is accepted");
        }
    }

    private static int[] decodedSize(byte[] bytes, ImageType type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == ImageType.JPEG ? "jpeg" : type.extension());
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
                return new int[]{width, height};
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / DECODED_SIDE);
            param.setSourceSubsampling(step, step, 0, 0);
            reader.read(0, param);
            return new int[]{width, height};
        } catch (IOException | RuntimeException e) { // the JDK's readers throw IIOException, or an unchecked one on odd input
            return null;
        } finally {
            reader.dispose();
        }
    }

    /** Width and height from a WebP's first chunk, or null when its RIFF structure is wrong. */
    private static int[] webpSize(byte[] b) {
        if (b.length < 30 || le(b, 4, 4) + 8 != b.length || !ascii(b, 0, "RIFF") || !ascii(b, 8, "WEBP")
                || le(b, 16, 4) + 20 > b.length) {
            return null;
        }
        if (ascii(b, 12, "VP8 ")) { // lossy: a key frame's start code, then 14-bit width and height
            return (b[23] & 0xff) == 0x9d && (b[24] & 0xff) == 0x01 && (b[25] & 0xff) == 0x2a
                    ? new int[]{(int) le(b, 26, 2) & 0x3fff, (int) le(b, 28, 2) & 0x3fff} : null;
        }
        if (ascii(b, 12, "VP8L")) { // lossless: signature 0x2f, then 14 bits each of width-1 and height-1
            long bits = le(b, 21, 4);
            return (b[20] & 0xff) == 0x2f ? new int[]{(int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1} : null;
        }
        if (ascii(b, 12, "VP8X")) { // extended: 24-bit canvas width-1 and height-1
            return new int[]{(int) le(b, 24, 3) + 1, (int) le(b, 27, 3) + 1};
        }
        return null;
    }

    private static long le(byte[] b, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (b[offset + i] & 0xff);
        }
        return value;
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        return b.length >= offset + expected.length && Arrays.equals(b, offset, offset + expected.length, expected, 0, expected.length);
    }

    private static String name(ImageType type) {
        return type == ImageType.JPEG ? "JPEG" : type.extension().toUpperCase(java.util.Locale.ROOT);
    }
}
