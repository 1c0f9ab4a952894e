package dev.ocrbridge.localocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.Rectangle;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the text regions of a page with PP-OCR's DB model, pre- and post-processed as PaddleOCR's {@code DBPostProcess}
 * does: the page scaled so that its longer side is at most {@link #SIDE_LIMIT} and both sides are multiples of 32,
 * normalised by ImageNet's mean and deviation; the model's map of text probability cut at {@link #PIXEL_THRESHOLD};
 * each connected region's minimum rectangle kept when the mean probability inside it reaches {@link #BOX_THRESHOLD},
 * then grown by {@link #UNCLIP_RATIO} (the model is trained on shrunk regions: grown back, a box holds its glyphs
 * whole). A region's rectangle is turned by its principal axis when the region is elongated, and upright otherwise
 * (a lone glyph's axis says nothing of the line's). A line whose rectangle scores under the threshold while its own
 * pixels are sure text is kept too, where no other region stands: a masked number's run of '*' is barely text to the
 * model, which sees the digits and the marks' edges as a ring around it (see hollowLine).
 */
final class TextDetector {

    /** PaddleOCR's default; 736 (RapidOCR's) saved a tenth of the time and lost a field in seventy on the tuned pages. */
    static final int SIDE_LIMIT = 960;
    static final float PIXEL_THRESHOLD = 0.3f;
    static final float BOX_THRESHOLD = 0.5f;
    static final double UNCLIP_RATIO = 1.5;
    /** A hollow line (see hollowLine) is at least this many times as long as it is high, ... */
    private static final double LINE_LENGTH = 4;
    /** ... and the model's mean probability over its own pixels at least this. */
    private static final float HOLLOW_LINE_SCORE = 0.7f;
    /** PaddleOCR's {@code min_size}: regions thinner than this (in the map's pixels) are noise. */
    private static final double MIN_SIZE = 3;
    /** Pages are photographed or turned by a few degrees at most: a steeper axis is a region's shape, not its slant. */
    private static final double MAX_ANGLE = Math.toRadians(20);
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;

    TextDetector(PpOcrModels models) {
        this.environment = models.environment;
        this.session = models.detection;
        this.input = session.getInputNames().iterator().next();
    }

    /** The page's text regions in its pixels, top to bottom. */
    List<TextBox> detect(GrayImage page) {
        int width = page.width();
        int height = page.height();
        double scale = Math.min(1.0, (double) SIDE_LIMIT / Math.max(width, height));
        int mapWidth = Math.max(32, (int) Math.round(width * scale / 32) * 32);
        int mapHeight = Math.max(32, (int) Math.round(height * scale / 32) * 32);
        float[] probability = run(normalised(page, mapWidth, mapHeight), mapWidth, mapHeight);
        double toPageX = (double) width / mapWidth;
        double toPageY = (double) height / mapHeight;
        List<TextBox> boxes = new ArrayList<>();
        for (TextBox box : regions(probability, mapWidth, mapHeight)) {
            boxes.add(new TextBox(box.centerX() * toPageX, box.centerY() * toPageY, box.width() * toPageX,
                    box.height() * toPageY, box.angle(), box.score()));
        }
        boxes.sort((a, b) -> Double.compare(a.centerY(), b.centerY()));
        return boxes;
    }

    /** The page scaled to the map's size (bilinear), as three equal channels normalised, channel-first. */
    private static float[] normalised(GrayImage page, int mapWidth, int mapHeight) {
        int plane = mapWidth * mapHeight;
        float[] out = new float[3 * plane];
        double sx = (double) page.width() / mapWidth;
        double sy = (double) page.height() / mapHeight;
        for (int y = 0; y < mapHeight; y++) {
            double fy = (y + 0.5) * sy - 0.5;
            for (int x = 0; x < mapWidth; x++) {
                float v = (float) (page.levelAt((x + 0.5) * sx - 0.5, fy) / 255.0);
                int at = y * mapWidth + x;
                for (int c = 0; c < 3; c++) {
                    out[c * plane + at] = (v - MEAN[c]) / STD[c];
                }
            }
        }
        return out;
    }

    private float[] run(float[] image, int mapWidth, int mapHeight) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(image),
                new long[] {1, 3, mapHeight, mapWidth});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            FloatBuffer map = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[mapWidth * mapHeight];
            map.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("the text detector failed", e);
        }
    }

    /** The connected regions of the thresholded map (8-connected), each as its scored, grown rectangle. */
    static List<TextBox> regions(float[] probability, int width, int height) {
        int n = width * height;
        boolean[] text = new boolean[n];
        for (int p = 0; p < n; p++) {
            text[p] = probability[p] > PIXEL_THRESHOLD;
        }
        boolean[] seen = new boolean[n];
        List<TextBox> out = new ArrayList<>();
        List<TextBox> hollow = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (seen[start] || !text[start]) {
                continue;
            }
            int[] region = GrayImage.Cells.region(text, width, start, seen, true);
            TextBox box = rectangle(region, width);
            if (Math.min(box.width(), box.height()) < MIN_SIZE) {
                continue;
            }
            float score = meanInside(probability, width, height, box);
            boolean sure = score >= BOX_THRESHOLD;
            if (!sure && !hollowLine(probability, region, box)) {
                continue;
            }
            double distance = box.width() * box.height() * UNCLIP_RATIO / (2 * (box.width() + box.height()));
            TextBox grown = new TextBox(box.centerX(), box.centerY(), box.width() + 2 * distance,
                    box.height() + 2 * distance, box.angle(), score);
            if (Math.min(grown.width(), grown.height()) >= MIN_SIZE + 2) {
                (sure ? out : hollow).add(grown);
            }
        }
        // A hollow line where the model found sure text too is that text's ring, not a line of its own.
        for (TextBox ring : hollow) {
            if (out.stream().noneMatch(b -> b.bounds().intersects(ring.bounds()))) {
                out.add(ring);
            }
        }
        return out;
    }

    /**
     * True when a region whose rectangle scores low is a line of text with a hollow middle: a run of '*' (a masked
     * number's) is barely text to the model, so the number's digits and the marks' edges make a ring around it whose
     * rectangle is mostly empty. A line's shape, several characters long, sure text where it is text.
     */
    private static boolean hollowLine(float[] probability, int[] region, TextBox box) {
        if (box.width() < LINE_LENGTH * box.height()) {
            return false;
        }
        double sum = 0;
        for (int p : region) {
            sum += probability[p];
        }
        return sum / region.length >= HOLLOW_LINE_SCORE;
    }

    /** The region's rectangle along its principal axis (upright when the region is not elongated), in map pixels. */
    private static TextBox rectangle(int[] pixels, int width) {
        int count = pixels.length;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < count; i++) {
            sumX += pixels[i] % width;
            sumY += pixels[i] / width;
        }
        double meanX = sumX / count;
        double meanY = sumY / count;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < count; i++) {
            double dx = pixels[i] % width - meanX;
            double dy = pixels[i] / width - meanY;
            xx += dx * dx;
            yy += dy * dy;
            xy += dx * dy;
        }
        double angle = 0.5 * Math.atan2(2 * xy, xx - yy);
        double half = (xx + yy) / 2;
        double spread = Math.sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
        // elongated: the long axis at least twice the short one (variances four times)
        boolean elongated = half + spread >= 4 * (half - spread);
        if (!elongated || Math.abs(angle) > MAX_ANGLE) {
            angle = 0;
        }
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double minU = Double.MAX_VALUE;
        double maxU = -Double.MAX_VALUE;
        double minV = Double.MAX_VALUE;
        double maxV = -Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            double dx = pixels[i] % width - meanX;
            double dy = pixels[i] / width - meanY;
            double u = dx * cos + dy * sin;
            double v = -dx * sin + dy * cos;
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double cu = (minU + maxU) / 2;
        double cv = (minV + maxV) / 2;
        // pixel centres to pixel edges: a one-pixel region is one pixel wide; +0.5 puts the centre mid-pixel
        return new TextBox(meanX + cu * cos - cv * sin + 0.5, meanY + cu * sin + cv * cos + 0.5, maxU - minU + 1,
                maxV - minV + 1, angle, 0f);
    }

    /** The mean probability over the map's pixels inside the rectangle (PaddleOCR's box score). */
    private static float meanInside(float[] probability, int width, int height, TextBox box) {
        Rectangle bounds = box.bounds();
        double sum = 0;
        int count = 0;
        double cos = Math.cos(box.angle());
        double sin = Math.sin(box.angle());
        for (int y = Math.max(0, bounds.y); y < Math.min(height, bounds.y + bounds.height + 1); y++) {
            for (int x = Math.max(0, bounds.x); x < Math.min(width, bounds.x + bounds.width + 1); x++) {
                double dx = x + 0.5 - box.centerX();
                double dy = y + 0.5 - box.centerY();
                if (Math.abs(dx * cos + dy * sin) <= box.width() / 2
                        && Math.abs(-dx * sin + dy * cos) <= box.height() / 2) {
                    sum += probability[y * width + x];
                    count++;
                }
            }
        }
        return count == 0 ? 0f : (float) (sum / count);
    }
}
