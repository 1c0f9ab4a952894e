package dev.ocrbridge.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Real, tiny images made in the test: no binary files in the repository. */
public final class TestImages {

    private TestImages() {
    }

    /** A valid PNG whose content (and so SHA-256) depends on the seed. */
    public static byte[] png(long seed) {
        return encode(seed, "png");
    }

    public static byte[] jpeg(long seed) {
        return encode(seed, "jpg");
    }

    public static byte[] gif(long seed) {
        return encode(seed, "gif");
    }

    private static byte[] encode(long seed, String format) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
