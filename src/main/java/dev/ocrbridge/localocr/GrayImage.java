package dev.ocrbridge.localocr;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.List;

/** An 8-bit grey page: what the engine reads. Immutable once built; the operations return new images. */
public final class GrayImage {

    private final byte[] pixels;
    private final int width;
    private final int height;

    private GrayImage(byte[] pixels, int width, int height) {
        this.pixels = pixels;
        this.width = width;
        this.height = height;
    }

    public static GrayImage of(BufferedImage image) {
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        try {
            // Transparent pixels (screenshots with alpha) are drawn on white, as a viewer would show them.
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        byte[] data = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        return new GrayImage(data, image.getWidth(), image.getHeight());
    }

    /** A page of {@code width} × {@code height} grey levels, row by row; the array is taken, not copied. */
    static GrayImage of(byte[] pixels, int width, int height) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixels do not match the size");
        }
        return new GrayImage(pixels, width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    byte[] pixels() {
        return pixels;
    }

    /** Whether at least {@code minDark} pixels are clearly dark (worth handing to the engine). */
    public boolean hasInk(int minDark) {
        int n = 0;
        for (byte p : pixels) {
            if ((p & 0xFF) < 128 && ++n >= minDark) {
                return true;
            }
        }
        return false;
    }

    /**
     * The horizontal extents {@code [from, to)} of the ink, left to right: columns holding a pixel clearly darker
     * than the crop's background (its median: most of a row is background), so grey print counts as well as black;
     * runs closer than {@code minGap} blank columns joined. In one row of text, a gap wider than a character
     * separates two fields (a name and the ID number beside it).
     */
    public java.util.List<int[]> inkRuns(int minGap) {
        int dark = darkLevel();
        java.util.List<int[]> runs = new java.util.ArrayList<>();
        int start = -1;
        int lastInk = -1;
        for (int x = 0; x < width; x++) {
            boolean ink = false;
            for (int y = 0; y < height && !ink; y++) {
                ink = (pixels[y * width + x] & 0xFF) < dark;
            }
            if (!ink) {
                continue;
            }
            if (start >= 0 && x - lastInk - 1 >= minGap) {
                runs.add(new int[] {start, lastInk + 1});
                start = -1;
            }
            if (start < 0) {
                start = x;
            }
            lastInk = x;
        }
        if (start >= 0) {
            runs.add(new int[] {start, lastInk + 1});
        }
        return runs;
    }

    /**
     * The vertical extents {@code [from, to)} of the print, top to bottom: rows holding three print pixels at least
     * (fewer are specks of noise), runs closer than {@code minGap} blank rows joined.
     */
    public java.util.List<int[]> inkRows(int minGap) {
        int dark = darkLevel();
        java.util.List<int[]> runs = new java.util.ArrayList<>();
        int start = -1;
        int lastInk = -1;
        for (int y = 0; y < height; y++) {
            int n = 0;
            for (int x = 0; x < width && n < 3; x++) {
                n += (pixels[y * width + x] & 0xFF) < dark ? 1 : 0;
            }
            if (n < 3) {
                continue;
            }
            if (start >= 0 && y - lastInk - 1 >= minGap) {
                runs.add(new int[] {start, lastInk + 1});
                start = -1;
            }
            if (start < 0) {
                start = y;
            }
            lastInk = y;
        }
        if (start >= 0) {
            runs.add(new int[] {start, lastInk + 1});
        }
        return runs;
    }

    /** The height of the print: from the first row holding two print pixels to the last. */
    int inkHeight() {
        int dark = darkLevel();
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            int n = 0;
            for (int x = 0; x < width && n < 2; x++) {
                n += (pixels[y * width + x] & 0xFF) < dark ? 1 : 0;
            }
            if (n >= 2) {
                top = top < 0 ? y : top;
                bottom = y;
            }
        }
        return top < 0 ? 0 : bottom - top + 1;
    }

    /**
     * A copy with grey print made darker against a light background (the page's median): each level is taken as a
     * fraction of the background's and squared, so black stays black, the background turns white, and grey print
     * (a label at ~55 % of the background) comes down to ~30 %, where the engine's own threshold keeps all of it.
     * A dark page is left as it is.
     */
    public GrayImage greyPrintDarkened() {
        int background = median();
        if (background < 160) {
            return this;
        }
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            double f = Math.min(1.0, v / (double) background);
            lut[v] = (byte) Math.round(255 * Math.pow(f, 1.5));
        }
        byte[] out = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = lut[pixels[i] & 0xFF];
        }
        return new GrayImage(out, width, height);
    }

    /**
     * How far ink goes up and down in a span of columns, {top, bottom + 1}, over the rows holding two pixels darker
     * than {@code dark} (the crop's {@link #darkLevel()}, taken once by the caller) between {@code fromX} and
     * {@code toX} (a lone one is a speck of noise above or below a glyph); null when no row does.
     */
    int[] inkExtent(int fromX, int toX, int dark) {
        int top = height;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            int n = 0;
            for (int x = fromX; x < toX && n < 2; x++) {
                n += (pixels[y * width + x] & 0xFF) < dark ? 1 : 0;
            }
            if (n >= 2) {
                top = Math.min(top, y);
                bottom = y;
            }
        }
        return bottom < 0 ? null : new int[] {top, bottom + 1};
    }

    /** The level below which a pixel is print: clearly darker than the crop's background (its median). */
    int darkLevel() {
        return Math.max(128, median() - 60);
    }

    /** The median level: a page's or a row's background, which most of it is. */
    private int median() {
        return median(pixels);
    }

    /**
     * The page in square cells of side {@code cell} (the last partial row and column left out): each cell's mean level
     * and how many of its pixels are at or above {@code level}, row by row.
     */
    record Cells(int columns, int rows, int[] mean, int[] atOrAbove) {

        private static final int[][] SIDES = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        private static final int[][] SIDES_AND_CORNERS = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, -1},
            {-1, 1}, {1, 1}};

        /**
         * The cells joined to {@code start} through {@code member} cells (side by side or one above the other, on a
         * grid {@code columns} wide; corner to corner too when {@code corners}), each once and marked in {@code seen}:
         * one area, such as a band, a picture or a detector's text region, found from a cell of it.
         */
        static int[] region(boolean[] member, int columns, int start, boolean[] seen, boolean corners) {
            int[][] steps = corners ? SIDES_AND_CORNERS : SIDES;
            int rows = member.length / columns;
            int[] found = new int[16];
            int size = 0;
            seen[start] = true;
            found[size++] = start;
            for (int next = 0; next < size; next++) {
                int c = found[next];
                int cx = c % columns;
                int cy = c / columns;
                for (int[] step : steps) {
                    int x = cx + step[0];
                    int y = cy + step[1];
                    int n = y * columns + x;
                    if (x >= 0 && x < columns && y >= 0 && y < rows && member[n] && !seen[n]) {
                        seen[n] = true;
                        if (size == found.length) {
                            found = Arrays.copyOf(found, 2 * size);
                        }
                        found[size++] = n;
                    }
                }
            }
            return Arrays.copyOf(found, size);
        }
    }

    /** {@link Cells} of this page. */
    Cells cells(int cell, int level) {
        int gw = width / cell;
        int gh = height / cell;
        int[] mean = new int[gw * gh];
        int[] atOrAbove = new int[gw * gh];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                int sum = 0;
                int above = 0;
                for (int y = gy * cell; y < gy * cell + cell; y++) {
                    for (int x = gx * cell; x < gx * cell + cell; x++) {
                        int v = pixels[y * width + x] & 0xFF;
                        sum += v;
                        above += v >= level ? 1 : 0;
                    }
                }
                mean[gy * gw + gx] = sum / (cell * cell);
                atOrAbove[gy * gw + gx] = above;
            }
        }
        return new Cells(gw, gh, mean, atOrAbove);
    }

    /** The median level of grey pixels. */
    static int median(byte[] px) {
        int[] histogram = new int[256];
        for (byte p : px) {
            histogram[p & 0xFF]++;
        }
        int median = 0;
        for (int seen = 0; median < 255 && (seen += histogram[median]) < px.length / 2; median++) {
            // counting up to the middle pixel
        }
        return median;
    }

    /** A copy with the rectangle painted white (the health code's QR modules otherwise read as noise). */
    public GrayImage blank(Rectangle area) {
        byte[] copy = pixels.clone();
        Rectangle r = area.intersection(new Rectangle(0, 0, width, height));
        for (int y = r.y; y < r.y + r.height; y++) {
            java.util.Arrays.fill(copy, y * width + r.x, y * width + r.x + r.width, (byte) 0xFF);
        }
        return new GrayImage(copy, width, height);
    }

    /**
     * A copy with the rectangles of {@code drop} painted white, except where they overlap one of {@code keep}: the
     * lines of a page left to another reader are removed, and the lines kept stay whole even where a skewed
     * neighbour's box reaches into them.
     */
    public GrayImage without(List<Rectangle> drop, List<Rectangle> keep) {
        byte[] copy = pixels.clone();
        Rectangle page = new Rectangle(0, 0, width, height);
        for (Rectangle area : drop) {
            Rectangle r = area.intersection(page);
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    if (!inAny(keep, x, y)) {
                        copy[y * width + x] = (byte) 0xFF;
                    }
                }
            }
        }
        return new GrayImage(copy, width, height);
    }

    private static boolean inAny(List<Rectangle> areas, int x, int y) {
        for (Rectangle r : areas) {
            if (r.contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy without long thin horizontal rules (table lines, separators): rows where a dark run spans more than
     * half the width, at most 4 px thick, are painted with the page's light level. Glyph strokes never run that long.
     */
    public GrayImage withoutRules() {
        byte[] copy = pixels.clone();
        int minRun = width / 2;
        boolean[] rule = new boolean[height];
        for (int y = 0; y < height; y++) {
            int run = 0;
            int best = 0;
            for (int x = 0; x < width; x++) {
                run = (copy[y * width + x] & 0xFF) < 235 ? run + 1 : 0;
                best = Math.max(best, run);
            }
            rule[y] = best >= minRun;
        }
        for (int y = 0; y < height; ) {
            if (!rule[y]) {
                y++;
                continue;
            }
            int end = y;
            while (end < height && rule[end]) {
                end++;
            }
            if (end - y <= 4) {
                for (int r = y; r < end; r++) {
                    java.util.Arrays.fill(copy, r * width, (r + 1) * width, (byte) 0xFF);
                }
            }
            y = end;
        }
        return new GrayImage(copy, width, height);
    }

    /** The part of the page inside the rectangle (clipped to the page). */
    public GrayImage crop(Rectangle area) {
        Rectangle r = area.intersection(new Rectangle(0, 0, width, height));
        if (r.isEmpty()) {
            return new GrayImage(new byte[1], 1, 1);
        }
        byte[] out = new byte[r.width * r.height];
        for (int y = 0; y < r.height; y++) {
            System.arraycopy(pixels, (r.y + y) * width + r.x, out, y * r.width, r.width);
        }
        return new GrayImage(out, r.width, r.height);
    }

    /** The page on a white border of {@code margin} px: the engine misreads glyphs that touch the edge. */
    public GrayImage pad(int margin) {
        int w = width + 2 * margin;
        int h = height + 2 * margin;
        byte[] out = new byte[w * h];
        java.util.Arrays.fill(out, (byte) 0xFF);
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * width, out, (y + margin) * w + margin, width);
        }
        return new GrayImage(out, w, h);
    }

    /**
     * A copy turned by {@code angle} (radians, clockwise in image coordinates, y down) about its centre, the same
     * size, bilinear; what comes in from beyond the edges takes the nearest edge pixel's level (a page's margin, not
     * a dark border that would read as a rule or a glyph).
     */
    public GrayImage turned(double angle) {
        byte[] out = new byte[pixels.length];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = width / 2.0;
        double cy = height / 2.0;
        for (int y = 0; y < height; y++) {
            double dy = y + 0.5 - cy;
            for (int x = 0; x < width; x++) {
                double dx = x + 0.5 - cx;
                // the pixel's source: the output point turned back by -angle
                out[y * width + x] = (byte) Math.round(levelAt(cx + dx * cos + dy * sin - 0.5,
                        cy - dx * sin + dy * cos - 0.5));
            }
        }
        return new GrayImage(out, width, height);
    }

    /**
     * The level at a point between pixel centres ({@code fx}, {@code fy} in pixel indices), bilinear; beyond the
     * image, the nearest edge pixel's.
     */
    double levelAt(double fx, double fy) {
        double x = Math.max(0, Math.min(width - 1, fx));
        double y = Math.max(0, Math.min(height - 1, fy));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double wx = x - x0;
        double wy = y - y0;
        double top = (pixels[y0 * width + x0] & 0xFF) * (1 - wx) + (pixels[y0 * width + x1] & 0xFF) * wx;
        double bottom = (pixels[y1 * width + x0] & 0xFF) * (1 - wx) + (pixels[y1 * width + x1] & 0xFF) * wx;
        return top * (1 - wy) + bottom * wy;
    }

    /**
     * A copy scaled by {@code factor}, bicubic (Keys' kernel, a = -0.5, as Java2D's), in two separable passes over
     * the bytes: Java2D's own bicubic takes ~55 ms to bring a 384 × 660 screenshot to 720 px wide, colour or grey
     * alike; this ~10 ms.
     */
    public GrayImage scale(double factor) {
        int w = Math.max(1, (int) Math.round(width * factor));
        int h = Math.max(1, (int) Math.round(height * factor));
        Taps across = Taps.of(width, w);
        Taps down = Taps.of(height, h);
        float[] rows = new float[w * height];
        for (int y = 0; y < height; y++) {
            int line = y * width;
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += across.weight[x * 4 + k] * (pixels[line + across.index[x * 4 + k]] & 0xFF);
                }
                rows[y * w + x] = sum;
            }
        }
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += down.weight[y * 4 + k] * rows[down.index[y * 4 + k] * w + x];
                }
                out[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
            }
        }
        return new GrayImage(out, w, h);
    }

    /** For each output position, the four source positions (clamped at the edges) and their bicubic weights. */
    private record Taps(int[] index, float[] weight) {

        static Taps of(int from, int to) {
            int[] index = new int[to * 4];
            float[] weight = new float[to * 4];
            double step = (double) from / to;
            for (int i = 0; i < to; i++) {
                // Pixel centres aligned: output pixel i covers source [i, i + 1) * step.
                double centre = (i + 0.5) * step - 0.5;
                int base = (int) Math.floor(centre);
                double t = centre - base;
                for (int k = 0; k < 4; k++) {
                    index[i * 4 + k] = Math.max(0, Math.min(from - 1, base - 1 + k));
                    weight[i * 4 + k] = (float) keys(k - 1 - t);
                }
            }
            return new Taps(index, weight);
        }

        private static double keys(double x) {
            double a = -0.5;
            x = Math.abs(x);
            if (x <= 1) {
                return ((a + 2) * x - (a + 3)) * x * x + 1;
            }
            if (x < 2) {
                return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
            }
            return 0;
        }
    }
}
