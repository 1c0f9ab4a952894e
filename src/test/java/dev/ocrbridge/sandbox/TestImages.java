package dev.ocrbridge.sandbox;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Tiny real images built in-test (no binary files in the repository); {@code variant} makes distinct bytes. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png() {
        return png(0);
    }

    public static byte[] png(int variant) {
        return write("png", variant);
    }

    public static byte[] jpeg() {
        return write("jpg", 0);
    }

    public static byte[] gif() {
        return write("gif", 0);
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] write(String format, int variant) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x00FF00 + variant);
        image.setRGB(1, 1, 0xFFFFFF - variant);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
