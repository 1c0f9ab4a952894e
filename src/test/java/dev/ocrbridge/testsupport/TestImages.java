package dev.ocrbridge.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Every image the tests use, made in the test: no binary files in the repository. Each kind is deterministic (the
 * same arguments give the same bytes), so tests that compare bytes, sizes or SHA-256 stay stable.
 *
 * <ul>
 *   <li>{@code tiny*}: 2×2 pixels, the smallest image every decoder accepts; {@code variant} changes two pixels'
 *       colours, so distinct variants are distinct bytes of nearly the same size.</li>
 *   <li>{@code noise*}: random pixels from a seed, 8×8 unless a side is given; incompressible, so a PNG's size
 *       follows its side, and distinct seeds give distinct hashes.</li>
 *   <li>the hostile shapes: a format the API refuses, a PNG grown by a private chunk, a header that declares a
 *       decompression bomb without its bytes.</li>
 * </ul>
 */
public final class TestImages {

    private static final int NOISE_SIDE = 8;

    private TestImages() {
    }

    /** A 2×2 PNG (variant 0). */
    public static byte[] tinyPng() {
        return tinyPng(0);
    }

    /** A 2×2 PNG whose bytes depend on {@code variant}. */
    public static byte[] tinyPng(int variant) {
        return tiny("png", variant);
    }

    /** A 2×2 JPEG. */
    public static byte[] tinyJpeg() {
        return tiny("jpg", 0);
    }

    /** A 2×2 GIF. */
    public static byte[] tinyGif() {
        return tiny("gif", 0);
    }

    /** An 8×8 PNG of random pixels: its content, and so its SHA-256, depends on the seed. */
    public static byte[] noisePng(long seed) {
        return noise(NOISE_SIDE, seed, "png");
    }

    /** An 8×8 JPEG of random pixels from the seed. */
    public static byte[] noiseJpeg(long seed) {
        return noise(NOISE_SIDE, seed, "jpg");
    }

    /** An 8×8 GIF of random pixels from the seed. */
    public static byte[] noiseGif(long seed) {
        return noise(NOISE_SIDE, seed, "gif");
    }

    /**
     * A {@code side}×{@code side} PNG of random pixels from the seed: about {@code 3 * side * side} bytes, since
     * noise does not compress. {@code noisePng(8, seed)} is {@link #noisePng(long) noisePng(seed)}.
     */
    public static byte[] noisePng(int side, long seed) {
        return noise(side, seed, "png");
    }

    /** A real 4×4 black BMP: a well-formed image in a format the OCR API does not accept. */
    public static byte[] blackBmp() {
        return write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "bmp");
    }

    /**
     * A real PNG ({@link #noisePng(long) noisePng(20)}) grown by {@code paddingBytes} (plus a 12-byte chunk frame)
     * with a private ancillary chunk right after its header: still decodable, as large as the test needs.
     */
    public static byte[] pngPaddedBy(int paddingBytes) {
        byte[] base = noisePng(20);
        // signature + IHDR (8 + 25 bytes), then the private chunk, then the rest
        ByteBuffer out = ByteBuffer.allocate(base.length + paddingBytes + 12);
        out.put(base, 0, 33);
        putChunk(out, "prVt", new byte[paddingBytes]);
        out.put(base, 33, base.length - 33);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** A small PNG whose header claims the given size: a decompression bomb's shape without its bytes. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteBuffer out = ByteBuffer.allocate(64);
        out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        putChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        putChunk(out, "IEND", new byte[0]);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The bytes as the API's {@code ImageBase64} carries them. */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] tiny(String format, int variant) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x00FF00 + variant);
        image.setRGB(1, 1, 0xFFFFFF - variant);
        return write(image, format);
    }

    private static byte[] noise(int side, long seed, String format) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < side; x++) {
            for (int y = 0; y < side; y++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return write(image, format);
    }

    private static byte[] write(BufferedImage image, String format) {
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

    private static void putChunk(ByteBuffer out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.putInt((int) crc.getValue());
    }
}
