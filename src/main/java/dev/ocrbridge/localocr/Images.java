package dev.ocrbridge.localocr;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.ImageDecoding;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/** Pixel work of the local recognizers: scaling to the working size, and cutting out the face photo. */
final class Images {

    private Images() {
    }

    static BufferedImage decode(OcrAction action, byte[] image) {
        return ImageDecoding.decode(action, image);
    }

    /** Scale factor to bring {@code width} near {@code target}: never below 0.5 or above 2.5. */
    static double factor(int width, int target) {
        double f = (double) target / width;
        if (f > 0.9 && f < 1.15) {
            return 1.0;
        }
        return Math.max(0.5, Math.min(2.5, f));
    }

    /** The same area on the image scaled by {@code factor}, rounded outwards. */
    static Rectangle scaled(Rectangle area, double factor) {
        int x0 = (int) Math.floor(area.x * factor);
        int y0 = (int) Math.floor(area.y * factor);
        int x1 = (int) Math.ceil((area.x + area.width) * factor);
        int y1 = (int) Math.ceil((area.y + area.height) * factor);
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    static BufferedImage scaleRgb(BufferedImage image, double factor) {
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The face photo: the widest run of columns, right of the text, where most pixels differ clearly from the
     * card's background, and within it the rows where they do. Null when there is no such block.
     */
    static Rectangle photoArea(BufferedImage card, List<TextLine> lines) {
        int w = card.getWidth();
        int h = card.getHeight();
        int from = w / 2;
        // The right half's pixels fetched once (one getRGB per pixel costs ~30 ms on a card), each marked as ink or not.
        int stride = w - from;
        int[] rgb = card.getRGB(from, 0, stride, h, null, 0, stride);
        // Luminance averaged over a few pixels: a card's printed pattern (thin lines, dots) and a photo's grain fade
        // into their surroundings, while a photo's area, even on a light background, stays apart from the card's.
        int[] smooth = boxAverage(rgb, stride, h, 3);
        int background = smooth[(h - 4) * stride + (w / 2 - from)];
        boolean[] inked = new boolean[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            inked[i] = Math.abs(smooth[i] - background) > 20 || saturated(rgb[i]);
        }
        int[] columnInk = new int[w];
        for (int x = from; x < w; x++) {
            for (int y = 0; y < h; y++) {
                if (inked[y * stride + x - from]) {
                    columnInk[x]++;
                }
            }
        }
        int bestStart = -1;
        int bestLength = 0;
        int start = -1;
        for (int x = from; x <= w; x++) {
            boolean ink = x < w && columnInk[x] > h / 3;
            if (ink && start < 0) {
                start = x;
            } else if (!ink && start >= 0) {
                if (x - start > bestLength) {
                    bestLength = x - start;
                    bestStart = start;
                }
                start = -1;
            }
        }
        if (bestLength < w / 10) {
            return null;
        }
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < h; y++) {
            int ink = 0;
            for (int x = bestStart; x < bestStart + bestLength; x++) {
                if (inked[y * stride + x - from]) {
                    ink++;
                }
            }
            if (ink > bestLength / 2) {
                if (top < 0) {
                    top = y;
                }
                bottom = y;
            }
        }
        if (top < 0 || bottom - top < h / 6) {
            return null;
        }
        return new Rectangle(bestStart, top, bestLength, bottom - top + 1);
    }

    /** Each pixel's luminance averaged over the square of {@code 2 * radius + 1} around it (an integral image). */
    private static int[] boxAverage(int[] rgb, int w, int h, int radius) {
        long[] sum = new long[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            long row = 0;
            for (int x = 0; x < w; x++) {
                row += luminance(rgb[y * w + x]);
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - radius);
            int y1 = Math.min(h, y + radius + 1);
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - radius);
                int x1 = Math.min(w, x + radius + 1);
                long total = sum[y1 * (w + 1) + x1] - sum[y0 * (w + 1) + x1] - sum[y1 * (w + 1) + x0] + sum[y0 * (w + 1) + x0];
                out[y * w + x] = (int) (total / ((long) (x1 - x0) * (y1 - y0)));
            }
        }
        return out;
    }

    static String jpegBase64(BufferedImage image, Rectangle area) {
        BufferedImage face = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = face.createGraphics();
        try {
            g.drawImage(image.getSubimage(area.x, area.y, area.width, area.height), 0, 0, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(face, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static int luminance(int rgb) {
        return (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
    }

    private static boolean saturated(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60;
    }
}
