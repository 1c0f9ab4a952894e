package dev.ocrbridge.localocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one line of text with PP-OCR's recognition model, as PaddleOCR's {@code TextRecognizer} does: the line's box
 * sampled upright to a height of {@link #HEIGHT} and the width its aspect gives (padded to a multiple of 8, the
 * model's step, and to {@link #MIN_WIDTH}, with the normalised mid-grey PaddleOCR pads with), normalised to -1..1;
 * the model's classes at each step decoded greedily (CTC: repeats merged, blanks dropped). Each character's place
 * comes from the step it was read at, so a line's characters have boxes too.
 */
final class LineRecognizer {

    static final int HEIGHT = 48;
    /**
     * PaddleOCR pads a batch's lines to 320 at least; one line at a time, padding is only work (on the tuned pages it
     * was three fifths of the recognizer's time, and they read no better with it).
     */
    static final int MIN_WIDTH = HEIGHT;
    /** Lines longer than this (in the model's pixels) are no line of a phone screen: cut, not read at any length. */
    private static final int MAX_WIDTH = 48 * 40;
    /** Columns of a line's ground kept either side of its print: about the margin the detector's grown boxes have. */
    private static final int MARGIN = HEIGHT / 2;
    /** How much darker than a line's light (on the model's scale of -1..1, about 32 levels of 255) print is. */
    private static final float PRINT_CONTRAST = 0.25f;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final String[] classes;

    LineRecognizer(PpOcrModels models) {
        this.environment = models.environment;
        this.session = models.recognition;
        this.input = session.getInputNames().iterator().next();
        this.classes = models.classes;
    }

    /** A line as read: its text, the mean probability of its characters (0..100), and each character with its box. */
    record Read(String text, float confidence, List<TextLine> characters) {
    }

    /**
     * How many columns wide a box of {@code width} by {@code height} pixels is sampled, {@code stretch} times as wide as
     * its aspect gives: the most the model runs on for it (its time goes by the columns).
     */
    static int width(double width, double height, double stretch) {
        double aspect = stretch * width / Math.max(1, height);
        return (int) Math.min(MAX_WIDTH, Math.max(1, Math.ceil(HEIGHT * aspect)));
    }

    /** The text in {@code box} of {@code page}. */
    Read read(GrayImage page, TextBox box) {
        return read(page, box, 1.0);
    }

    /**
     * The text in {@code box} of {@code page}, the box sampled {@code stretch} times as wide as its aspect gives: a
     * run of one character set close (a mask's '*') gets steps enough for the blank that tells two of them apart.
     */
    Read read(GrayImage page, TextBox box, double stretch) {
        int width = width(box.width(), box.height(), stretch);
        float[] line = sampled(page, box, width);
        int[] print = printed(line, width);
        if (print == null) {
            return new Read("", 0f, List.of());
        }
        if (print[1] - print[0] < width) {
            // Only the part of the box around its print is run (the model's time goes by the width): a band read
            // beside a label may be mostly blank page. The part is sampled as the whole box was, column for column.
            double step = box.width() / width;
            double from = print[0] * step - box.width() / 2;
            double to = print[1] * step - box.width() / 2;
            double mid = (from + to) / 2;
            line = columns(line, width, print[0], print[1]);
            width = print[1] - print[0];
            box = new TextBox(box.x(mid, 0), box.y(mid, 0), to - from, box.height(), box.angle(), box.score());
        }
        int inputWidth = Math.max(MIN_WIDTH, (width + 7) / 8 * 8);
        float[] image = padded(line, width, inputWidth);
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(image),
                new long[] {1, 3, HEIGHT, inputWidth});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            int steps = (int) shape[1];
            int count = (int) shape[2];
            float[] scores = new float[steps * count];
            out.getFloatBuffer().get(scores);
            return decode(scores, steps, count, box, (double) inputWidth / steps / width * box.width());
        } catch (OrtException e) {
            throw new IllegalStateException("the line recognizer failed", e);
        }
    }

    /** The box sampled upright (bilinear) to {@code width} × {@link #HEIGHT}, normalised, row by row. */
    private static float[] sampled(GrayImage page, TextBox box, int width) {
        byte[] px = page.pixels();
        int pw = page.width();
        int ph = page.height();
        float[] out = new float[HEIGHT * width];
        double du = box.width() / width;
        double dv = box.height() / HEIGHT;
        for (int j = 0; j < HEIGHT; j++) {
            double v = (j + 0.5) * dv - box.height() / 2;
            for (int i = 0; i < width; i++) {
                double u = (i + 0.5) * du - box.width() / 2;
                double fx = box.x(u, v) - 0.5;
                double fy = box.y(u, v) - 0.5;
                out[j * width + i] = (float) (bilinear(px, pw, ph, fx, fy) / 255.0 - 0.5) / 0.5f;
            }
        }
        return out;
    }

    /**
     * The columns {@code [from, to)} of the sampled line worth reading: its print (columns holding two points clearly
     * darker than the line's light) and {@link #MARGIN} columns of what is around it either side, or the whole line
     * when little is left out; null when the line holds no print. Judged on the line averaged over 3 x 3 points, its
     * light the level only a tenth of the averaged points pass: a noisy page's specks are neither print nor its light
     * (the lightest speck, taken for the light, made a whole band of noise print).
     */
    private static int[] printed(float[] line, int width) {
        float[] smooth = boxAveraged(line, width);
        float dark = lightLevel(smooth) - PRINT_CONTRAST;
        int first = -1;
        int last = -1;
        for (int i = 0; i < width; i++) {
            int n = 0;
            for (int j = 0; j < HEIGHT && n < 2; j++) {
                n += smooth[j * width + i] < dark ? 1 : 0;
            }
            if (n >= 2) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return null;
        }
        int from = Math.max(0, first - MARGIN);
        int to = Math.min(width, last + 1 + MARGIN);
        return from + (width - to) < HEIGHT ? new int[] {0, width} : new int[] {from, to};
    }

    /** Each point the mean of the 3 x 3 points around it (those inside the line). */
    private static float[] boxAveraged(float[] line, int width) {
        float[] out = new float[line.length];
        for (int j = 0; j < HEIGHT; j++) {
            for (int i = 0; i < width; i++) {
                float sum = 0;
                int n = 0;
                for (int y = Math.max(0, j - 1); y <= Math.min(HEIGHT - 1, j + 1); y++) {
                    for (int x = Math.max(0, i - 1); x <= Math.min(width - 1, i + 1); x++) {
                        sum += line[y * width + x];
                        n++;
                    }
                }
                out[j * width + i] = sum / n;
            }
        }
        return out;
    }

    /** The level that a tenth of the points reach or pass (levels run from -1, black, to 1, white). */
    private static float lightLevel(float[] levels) {
        int[] histogram = new int[256];
        for (float v : levels) {
            histogram[Math.max(0, Math.min(255, (int) ((v + 1) * 127.5f)))]++;
        }
        int above = 0;
        for (int k = 255; k >= 0; k--) {
            above += histogram[k];
            if (above * 10 >= levels.length) {
                return k / 127.5f - 1;
            }
        }
        return -1;
    }

    private static float[] columns(float[] line, int width, int from, int to) {
        float[] out = new float[HEIGHT * (to - from)];
        for (int j = 0; j < HEIGHT; j++) {
            System.arraycopy(line, j * width + from, out, j * (to - from), to - from);
        }
        return out;
    }

    /** The line as the model's input: three equal channels, padded to {@code inputWidth} with the normalised mid-grey. */
    private static float[] padded(float[] line, int width, int inputWidth) {
        int plane = HEIGHT * inputWidth;
        float[] out = new float[3 * plane];
        for (int j = 0; j < HEIGHT; j++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(line, j * width, out, c * plane + j * inputWidth, width);
            }
        }
        return out;
    }

    /** The page's level at a point between pixels; white beyond its edges (a box grown past the page). */
    private static double bilinear(byte[] px, int width, int height, double fx, double fy) {
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double wx = fx - x0;
        double wy = fy - y0;
        double top = level(px, width, height, x0, y0) * (1 - wx) + level(px, width, height, x0 + 1, y0) * wx;
        double bottom = level(px, width, height, x0, y0 + 1) * (1 - wx) + level(px, width, height, x0 + 1, y0 + 1) * wx;
        return top * (1 - wy) + bottom * wy;
    }

    private static int level(byte[] px, int width, int height, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 255 : px[y * width + x] & 0xff;
    }

    /**
     * CTC's greedy decoding. A character stands at the step it was read at ({@code stepLength} page pixels along the
     * box per step); its box reaches halfway to its neighbours.
     */
    private Read decode(float[] scores, int steps, int count, TextBox box, double stepLength) {
        StringBuilder text = new StringBuilder();
        List<String> chars = new ArrayList<>();
        List<Double> centres = new ArrayList<>();
        double confidence = 0;
        int previous = 0;
        for (int t = 0; t < steps; t++) {
            int best = 0;
            float bestScore = scores[t * count];
            for (int c = 1; c < count; c++) {
                if (scores[t * count + c] > bestScore) {
                    bestScore = scores[t * count + c];
                    best = c;
                }
            }
            if (best != 0 && best != previous && best < classes.length) {
                text.append(classes[best]);
                chars.add(classes[best]);
                centres.add((t + 0.5) * stepLength - box.width() / 2);
                confidence += bestScore;
            }
            previous = best;
        }
        List<TextLine> characters = new ArrayList<>();
        for (int k = 0; k < chars.size(); k++) {
            if (chars.get(k).isBlank()) {
                continue;
            }
            double centre = centres.get(k);
            double from = k > 0 ? (centres.get(k - 1) + centre) / 2 : Math.max(-box.width() / 2,
                    centre - (k + 1 < chars.size() ? (centres.get(k + 1) - centre) / 2 : box.height() / 2));
            double to = k + 1 < chars.size() ? (centre + centres.get(k + 1)) / 2 : Math.min(box.width() / 2,
                    centre + (k > 0 ? (centre - centres.get(k - 1)) / 2 : box.height() / 2));
            characters.add(new TextLine(chars.get(k), box.bounds(from, to), 100f * (float) confidence / chars.size()));
        }
        String read = text.toString().strip();
        return new Read(read, chars.isEmpty() ? 0f : (float) (100 * confidence / chars.size()), characters);
    }
}
