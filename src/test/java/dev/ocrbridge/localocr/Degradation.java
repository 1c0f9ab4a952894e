package dev.ocrbridge.localocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The variants of a generated document: as rendered, five ways a phone or a scanner spoils it that every document comes
 * in ({@link #CLASSIC}), and five more of what phones and chat apps do to a screenshot ({@link #PHONE}), milder or
 * mixed, at strengths other than the first five's.
 */
public enum Degradation {
    ORIGINAL, DOWNSCALED, JPEG, ROTATED_PLUS_2, ROTATED_MINUS_2, NOISE,
    /** A screenshot of a wider screen scaled to the page's width by a factor no whole ratio gives (0.72). */
    SCREEN_SCALED,
    /** Sent on through a chat app twice: scaled by 0.9 and saved at JPEG q40, then saved again at q30. */
    RECOMPRESSED,
    /** A photo of the screen a little out of focus (two passes of a 3 x 3 box blur, about a Gaussian of 1.2 px). */
    BLURRED,
    /** Light falling off across the page: 40 % darker at the lower left than at the upper right. */
    UNEVEN_LIGHT,
    /** A photo of the screen taken a little askew: turned by 1.5 degrees, its top edge 2 % narrower on each side. */
    SKEWED;

    /** The variants every document comes in, held-out ones and cards included: their images stay as they were. */
    public static final List<Degradation> CLASSIC = List.of(ORIGINAL, DOWNSCALED, JPEG, ROTATED_PLUS_2,
            ROTATED_MINUS_2, NOISE);

    /** What phones do beyond the classic five: drawn for the tuned health codes only, added after the held-out set. */
    public static final List<Degradation> PHONE = List.of(SCREEN_SCALED, RECOMPRESSED, BLURRED, UNEVEN_LIGHT, SKEWED);

    /** The encoded image file (PNG, or JPEG for {@link #JPEG}). */
    public byte[] apply(BufferedImage image, long seed) {
        return switch (this) {
            case ORIGINAL -> png(image);
            case DOWNSCALED -> png(scale(image, 0.6));
            case JPEG -> jpeg(image, 0.35f);
            case ROTATED_PLUS_2 -> png(rotate(image, 2));
            case ROTATED_MINUS_2 -> png(rotate(image, -2));
            case NOISE -> png(noise(image, 18, seed));
            case SCREEN_SCALED -> png(scale(image, 0.72));
            case RECOMPRESSED -> jpeg(decode(jpeg(scale(image, 0.9), 0.4f)), 0.3f);
            case BLURRED -> png(blur(blur(image)));
            case UNEVEN_LIGHT -> png(unevenLight(image, 0.4));
            case SKEWED -> png(perspective(rotate(image, 1.5), 0.02));
        };
    }

    /** Each pixel the mean of the 3 x 3 pixels around it (the edge's pixels repeated). */
    static BufferedImage blur(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int gr = 0;
                int b = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int rgb = image.getRGB(Math.max(0, Math.min(w - 1, x + dx)), Math.max(0, Math.min(h - 1, y + dy)));
                        r += (rgb >> 16) & 0xFF;
                        gr += (rgb >> 8) & 0xFF;
                        b += rgb & 0xFF;
                    }
                }
                out.setRGB(x, y, ((r / 9) << 16) | ((gr / 9) << 8) | (b / 9));
            }
        }
        return out;
    }

    /** Darker towards the lower left, by up to {@code shade} of each channel. */
    static BufferedImage unevenLight(BufferedImage image, double shade) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double light = 1 - shade * ((w - x) / (double) w + y / (double) h) / 2;
                int rgb = image.getRGB(x, y);
                int r = (int) (((rgb >> 16) & 0xFF) * light);
                int gr = (int) (((rgb >> 8) & 0xFF) * light);
                int b = (int) ((rgb & 0xFF) * light);
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    /** Seen from below: the top edge narrower by {@code inset} of the width on each side, the rest in proportion. */
    static BufferedImage perspective(BufferedImage image, double inset) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            double margin = inset * w * (1 - (double) y / h);
            for (int x = 0; x < w; x++) {
                double sx = (x - margin) * w / (w - 2 * margin);
                if (sx < 0 || sx > w - 1) {
                    out.setRGB(x, y, 0xE8E8E8);
                    continue;
                }
                int x0 = (int) sx;
                int x1 = Math.min(w - 1, x0 + 1);
                double f = sx - x0;
                int a = image.getRGB(x0, y);
                int c = image.getRGB(x1, y);
                int rgb = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int ca = (a >> shift) & 0xFF;
                    int cc = (c >> shift) & 0xFF;
                    rgb |= ((int) Math.round(ca + (cc - ca) * f)) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    private static BufferedImage decode(byte[] encoded) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage scale(BufferedImage image, double factor) {
        int w = (int) Math.round(image.getWidth() * factor);
        int h = (int) Math.round(image.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static BufferedImage rotate(BufferedImage image, double degrees) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(0xE8E8E8));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), image.getWidth() / 2.0, image.getHeight() / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage noise(BufferedImage image, double sigma, long seed) {
        Random random = new Random(seed);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) Math.round(random.nextGaussian() * sigma);
                int r = clamp(((rgb >> 16) & 0xFF) + n);
                int gr = clamp(((rgb >> 8) & 0xFF) + n);
                int b = clamp((rgb & 0xFF) + n);
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
