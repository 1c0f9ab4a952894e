package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Finds the face photo on a Korean card, left or right of the text: the widest block of columns where the card
 * differs clearly from its background over a tall unbroken stretch. The background is a plane fitted to the card
 * (a gradient, or light falling unevenly on a photographed card, is no photo); rows that differ across most of the
 * width (a title band) are none of it; a glyph's ink never runs as tall as a photo. Pure: pixels in, a rectangle out.
 */
final class KoreanCardPhoto {

    /** Pixels are averaged two by two before anything else: a photo is large, and the card is read at ~900 px. */
    private static final int STEP = 2;

    private KoreanCardPhoto() {
    }

    /**
     * The photo's area on {@code card}, in its pixels, or null when there is none. A photo whose subject stands only
     * a little apart from the card (a JPEG's or noise's blur on a pale face) is looked for again with a finer
     * difference; the first look's is kept where it finds one, as the finer one can take in the print beside it.
     */
    static Rectangle find(BufferedImage card) {
        Rectangle area = find(card, 20);
        return area != null ? area : find(card, 14);
    }

    private static Rectangle find(BufferedImage card, int apart) {
        int fullW = card.getWidth();
        int fullH = card.getHeight();
        int w = fullW / STEP;
        int h = fullH / STEP;
        if (w < 40 || h < 40) {
            return null;
        }
        int[] rgb = card.getRGB(0, 0, fullW, fullH, null, 0, fullW);
        int[] lum = new int[w * h];
        boolean[] saturated = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                boolean colour = false;
                for (int dy = 0; dy < STEP; dy++) {
                    for (int dx = 0; dx < STEP; dx++) {
                        int p = rgb[(y * STEP + dy) * fullW + x * STEP + dx];
                        sum += luminance(p);
                        colour |= saturated(p);
                    }
                }
                lum[y * w + x] = sum / (STEP * STEP);
                saturated[y * w + x] = colour;
            }
        }
        // Averaged over a few pixels more: a card's printed pattern (thin lines, dots) and a photo's grain fade into
        // their surroundings, while a photo's area, even on a light background, stays apart from the card's.
        int[] smooth = boxAverage(lum, w, h, 2);
        double[] plane = background(smooth, w, h);
        boolean[] inked = new boolean[w * h];
        int[] rowInk = new int[h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                inked[i] = Math.abs(smooth[i] - (plane[0] + plane[1] * x + plane[2] * y)) > apart || saturated[i];
                rowInk[y] += inked[i] ? 1 : 0;
            }
        }
        // A row that differs across most of the card is a band (a title bar, a coloured stripe), no photo's.
        boolean[] band = new boolean[h];
        int rows = 0;
        for (int y = 0; y < h; y++) {
            band[y] = rowInk[y] * 10 > w * 7;
            rows += band[y] ? 0 : 1;
        }
        // Each column's ink that lies in stretches taller than any line of print: glyphs, even the title's, are far
        // shorter than a tenth of the card.
        int tall = h / 10;
        int[] columnInk = new int[w];
        for (int x = 0; x < w; x++) {
            int run = 0;
            for (int y = 0; y <= h; y++) {
                boolean ink = y < h && !band[y] && inked[y * w + x];
                if (ink) {
                    run++;
                } else {
                    columnInk[x] += run >= tall ? run : 0;
                    run = 0;
                }
            }
        }
        int bestStart = -1;
        int bestLength = 0;
        int start = -1;
        for (int x = 0; x <= w; x++) {
            boolean ink = x < w && columnInk[x] > rows / 3;
            if (ink && start < 0) {
                start = x;
            } else if (!ink && start >= 0) {
                // A block at the image's edge is the desk or the scanner's lid around the card, not its photo.
                if (x - start > bestLength && start > 0 && x < w) {
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
            if (band[y]) {
                continue;
            }
            int ink = 0;
            for (int x = bestStart; x < bestStart + bestLength; x++) {
                ink += inked[y * w + x] ? 1 : 0;
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
        // The block is the photo's subject (a face, hair, shoulders); its own background can be near the card's. The
        // photo's edges are where the card's level steps to the photo's along most of the block's height or width.
        int left = edge(smooth, w, h, bestStart, -1, bestLength / 2, top, bottom, null);
        int right = edge(smooth, w, h, bestStart + bestLength - 1, 1, bestLength / 2, top, bottom, null);
        int up = edge(smooth, w, h, top, -1, (bottom - top) / 4, left, right, band);
        int down = edge(smooth, w, h, bottom, 1, (bottom - top) / 4, left, right, band);
        Rectangle area = new Rectangle(left * STEP, up * STEP, (right - left + 1) * STEP, (down - up + 1) * STEP);
        return area.intersection(new Rectangle(0, 0, fullW, fullH));
    }

    /**
     * The outermost column (or row) within {@code reach} beyond {@code from}, in direction {@code step}, where the
     * level steps by more than a few grey levels, the same way, along most of the span {@code [a, b]}: a photo's
     * edge against the card. {@code from} itself when there is none.
     */
    private static int edge(int[] smooth, int w, int h, int from, int step, int reach, int a, int b, boolean[] band) {
        boolean columns = band == null;
        int limit = columns ? w : h;
        int span = b - a + 1;
        int found = from;
        int clusterEnd = -1;
        for (int d = 1; d <= reach; d++) {
            int at = from + step * d;
            if (at - 3 < 0 || at + 3 >= limit || !columns && band[at + 3 * step]) {
                break;
            }
            int darker = 0;
            int lighter = 0;
            for (int k = a; k <= b; k++) {
                int outside = columns ? smooth[k * w + at + 3 * step] : smooth[(at + 3 * step) * w + k];
                int inside = columns ? smooth[k * w + at - 3 * step] : smooth[(at - 3 * step) * w + k];
                darker += outside - inside > 3 ? 1 : 0;
                lighter += inside - outside > 3 ? 1 : 0;
            }
            // The step is seen over a few positions around it (the levels compared lie 3 apart each way): the
            // middle of the outermost run of positions that see it is the edge.
            if (Math.max(darker, lighter) * 20 >= span * 11) {
                if (clusterEnd < 0 || Math.abs(at - clusterEnd) > 1) {
                    found = at;
                }
                clusterEnd = at;
            } else if (clusterEnd >= 0 && Math.abs(at - clusterEnd) == 1) {
                found = (found + clusterEnd) / 2;
                clusterEnd = -2;
            }
        }
        if (clusterEnd >= 0) {
            found = (found + clusterEnd) / 2;
        }
        return found;
    }

    /**
     * The card's background as a plane, {@code a + b x + c y}: fitted by least squares to the pixels near the fit
     * before, starting from the median, so print and the photo weigh nothing and a gradient or uneven light is
     * followed.
     */
    static double[] background(int[] lum, int w, int h) {
        int[] histogram = new int[256];
        for (int v : lum) {
            histogram[v]++;
        }
        int median = 0;
        for (int seen = 0; median < 255 && (seen += histogram[median]) < lum.length / 2; median++) {
            // walking up to the median level
        }
        double[] plane = {median, 0, 0};
        for (int tolerance : new int[] {40, 20, 12}) {
            double[] fitted = fit(lum, w, h, plane, tolerance);
            if (fitted == null) {
                break;
            }
            plane = fitted;
        }
        return plane;
    }

    private static double[] fit(int[] lum, int w, int h, double[] plane, int tolerance) {
        // Sums of the normal equations, on every other pixel (x and y centred for a well-conditioned system).
        double cx = w / 2.0;
        double cy = h / 2.0;
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double sv = 0;
        double sxv = 0;
        double syv = 0;
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                int v = lum[y * w + x];
                if (Math.abs(v - (plane[0] + plane[1] * x + plane[2] * y)) > tolerance) {
                    continue;
                }
                double dx = x - cx;
                double dy = y - cy;
                n++;
                sx += dx;
                sy += dy;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
                sv += v;
                sxv += dx * v;
                syv += dy * v;
            }
        }
        if (n < (double) w * h / 16) {
            return null;
        }
        double[][] m = {{n, sx, sy, sv}, {sx, sxx, sxy, sxv}, {sy, sxy, syy, syv}};
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[col][col]) < 1e-9) {
                return null;
            }
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int k = col; k < 4; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double a = m[0][3] / m[0][0];
        double b = m[1][3] / m[1][1];
        double c = m[2][3] / m[2][2];
        return new double[] {a - b * cx - c * cy, b, c};
    }

    /** Each pixel's value averaged over the square of {@code 2 * radius + 1} around it (an integral image). */
    private static int[] boxAverage(int[] values, int w, int h, int radius) {
        long[] sum = new long[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            long row = 0;
            for (int x = 0; x < w; x++) {
                row += values[y * w + x];
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
