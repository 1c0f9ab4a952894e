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
import javax.imageio.ImageIO;

/** Pixel work of the local recognizers: scaling to the working size, and cutting out an area as a JPEG. */
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
}
