package dev.ocrbridge.localocr;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much a printed ideograph looks like a given Hanja: the glyph and the Hanja, rendered with the CJK fonts
 * installed on the machine, are each reduced to the same small shape (ink box centred in a square, 32 × 32 coverage,
 * blurred) and compared by correlation; the best of the fonts counts. Shapes, not pixels: a card's font is not one
 * of ours, but a Hanja's parts and their places (日 beside 文 in 旼) are the same in every font. Used only to choose
 * among the few Hanja that the name's Hangul allows ({@link HanjaReadings}), never to read freely.
 *
 * <p>No CJK font installed: {@link #available()} is false and the caller keeps what the engine read.
 */
final class HanjaGlyphs {

    private static final int SIZE = 32;
    private static final int RENDER = 48;
    /** Fonts by preference: Korean forms first (a Hanja's Korean glyph can differ in detail from the Chinese one). */
    private static final List<String> PREFERRED = List.of("Noto Serif CJK KR", "Noto Sans CJK KR", "Noto Serif CJK TC",
            "Noto Sans CJK TC", "NanumMyeongjo", "NanumGothic", "UnBatang", "Baekmuk Batang", "AR PL UMing TW");
    private static final int MAX_FAMILIES = 2;
    private static final int CACHE = 1024;

    private final List<Font> fonts;
    private final Map<Integer, float[][]> templates = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, float[][]> eldest) {
            return size() > CACHE;
        }
    };

    private HanjaGlyphs(List<Font> fonts) {
        this.fonts = fonts;
    }

    /**
     * The installed CJK fonts that draw Hanja (at most two families, each regular and bold);
     * {@code -Docrbridge.hanjaFonts=Family,Family} names them instead (the face of the cards one reads, if installed).
     */
    static HanjaGlyphs load() {
        List<Font> fonts = new ArrayList<>();
        String configured = System.getProperty("ocrbridge.hanjaFonts", "");
        List<String> families = configured.isBlank() ? PREFERRED : List.of(configured.split("\\s*,\\s*"));
        try {
            Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            for (String family : families) {
                if (fonts.size() >= 2 * MAX_FAMILIES || !installed.contains(family)) {
                    continue;
                }
                Font f = new Font(family, Font.PLAIN, RENDER);
                if (f.canDisplay('洪') && f.canDisplay('旼')) {
                    fonts.add(f);
                    fonts.add(f.deriveFont(Font.BOLD));
                }
            }
        } catch (java.awt.AWTError | RuntimeException e) {
            // no font subsystem on this machine (headless without fontconfig): the pass is off
            fonts.clear();
        }
        return new HanjaGlyphs(fonts);
    }

    /** For tests and measurements: exactly these fonts. */
    static HanjaGlyphs with(List<Font> fonts) {
        return new HanjaGlyphs(List.copyOf(fonts));
    }

    boolean available() {
        return !fonts.isEmpty();
    }

    /**
     * The boxes of {@code count} ideographs printed side by side in {@code crop} (in its coordinates), left to right,
     * or an empty list when the ink does not look like that many glyphs. A narrow run of ink at either end is a
     * parenthesis and is left out; the cuts fall at the emptiest column near each equal share of the rest (full-width
     * glyphs: equal pitch), so a glyph made of parts with a gap between them (朴, 旼) stays whole.
     */
    static List<Rectangle> cells(GrayImage crop, int count) {
        boolean[] ink = ink(crop);
        int w = crop.width();
        int h = crop.height();
        int[] columns = new int[w];
        int top = h;
        int bottom = -1;
        for (int y = 0; y < h; y++) {
            int row = 0;
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x]) {
                    columns[x]++;
                    row++;
                }
            }
            if (row >= 2) {
                top = Math.min(top, y);
                bottom = y;
            }
        }
        if (bottom < 0 || count < 1) {
            return List.of();
        }
        int lineHeight = bottom - top + 1;
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int x = 0; x <= w; x++) {
            boolean on = x < w && columns[x] >= 1;
            if (on && start < 0) {
                start = x;
            } else if (!on && start >= 0) {
                runs.add(new int[] {start, x - 1});
                start = -1;
            }
        }
        // Parentheses (and specks) at the ends: narrow runs, dropped while the rest still holds the glyphs.
        while (runs.size() > 1 && width(runs.get(runs.size() - 1)) < 0.35 * lineHeight
                && runs.get(runs.size() - 2)[1] - runs.get(0)[0] + 1 >= 0.6 * count * lineHeight) {
            runs.remove(runs.size() - 1);
        }
        while (runs.size() > 1 && width(runs.get(0)) < 0.35 * lineHeight
                && runs.get(runs.size() - 1)[1] - runs.get(1)[0] + 1 >= 0.6 * count * lineHeight) {
            runs.remove(0);
        }
        if (runs.isEmpty()) {
            return List.of();
        }
        int x0 = runs.get(0)[0];
        int x1 = runs.get(runs.size() - 1)[1];
        double pitch = (x1 - x0 + 1) / (double) count;
        // Full-width glyphs are about as wide as high: a span far from count squares is not count glyphs.
        if (pitch < 0.5 * lineHeight || pitch > 1.8 * lineHeight) {
            return List.of();
        }
        int[] cuts = new int[count + 1];
        cuts[0] = x0;
        cuts[count] = x1 + 1;
        for (int k = 1; k < count; k++) {
            int ideal = (int) Math.round(x0 + k * pitch);
            int reach = (int) Math.round(0.2 * pitch);
            int best = ideal;
            for (int x = Math.max(cuts[k - 1] + 1, ideal - reach); x <= Math.min(x1, ideal + reach); x++) {
                if (columns[x] < columns[best] || columns[x] == columns[best] && Math.abs(x - ideal) < Math.abs(best - ideal)) {
                    best = x;
                }
            }
            cuts[k] = best;
        }
        List<Rectangle> cells = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Rectangle box = inkBox(ink, w, new Rectangle(cuts[k], top, cuts[k + 1] - cuts[k], lineHeight));
            if (box == null) {
                return List.of();
            }
            cells.add(box);
        }
        return cells;
    }

    /** The shape of the glyph inside {@code cell} of {@code crop}. */
    static float[] shape(GrayImage crop, Rectangle cell) {
        return shape(ink(crop), crop.width(), cell);
    }

    /** How much the shape looks like {@code hanja}: the best correlation over the fonts, -1..1. */
    double similarity(float[] shape, int hanja) {
        double best = -1;
        for (float[] t : templates(hanja)) {
            if (t != null) {
                best = Math.max(best, correlation(shape, t));
            }
        }
        return best;
    }

    private float[][] templates(int hanja) {
        synchronized (templates) {
            float[][] cached = templates.get(hanja);
            if (cached != null) {
                return cached;
            }
        }
        float[][] made = new float[fonts.size()][];
        for (int i = 0; i < fonts.size(); i++) {
            made[i] = render(fonts.get(i), hanja);
        }
        synchronized (templates) {
            templates.put(hanja, made);
        }
        return made;
    }

    private static float[] render(Font font, int hanja) {
        if (!font.canDisplay(hanja)) {
            return null;
        }
        int size = font.getSize();
        int side = size * 3 / 2;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, side, side);
            g.setColor(java.awt.Color.BLACK);
            g.setFont(font);
            g.drawString(Character.toString(hanja), size / 4, size);
        } finally {
            g.dispose();
        }
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        boolean[] ink = new boolean[px.length];
        for (int i = 0; i < px.length; i++) {
            ink[i] = (px[i] & 0xFF) < 128;
        }
        Rectangle box = inkBox(ink, side, new Rectangle(0, 0, side, side));
        return box == null ? null : shape(ink, side, box);
    }

    /** Ink: darker than Otsu's threshold for the crop (the one that best splits it into two grey levels). */
    private static boolean[] ink(GrayImage crop) {
        byte[] px = crop.pixels();
        int[] hist = new int[256];
        for (byte p : px) {
            hist[p & 0xFF]++;
        }
        long total = px.length;
        long sum = 0;
        for (int i = 0; i < 256; i++) {
            sum += (long) i * hist[i];
        }
        long sumBelow = 0;
        long below = 0;
        double bestVariance = -1;
        int threshold = 128;
        for (int t = 0; t < 256; t++) {
            below += hist[t];
            if (below == 0) {
                continue;
            }
            long above = total - below;
            if (above == 0) {
                break;
            }
            sumBelow += (long) t * hist[t];
            double meanBelow = sumBelow / (double) below;
            double meanAbove = (sum - sumBelow) / (double) above;
            double variance = below * (double) above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (variance > bestVariance) {
                bestVariance = variance;
                threshold = t;
            }
        }
        boolean[] ink = new boolean[px.length];
        for (int i = 0; i < px.length; i++) {
            ink[i] = (px[i] & 0xFF) <= threshold;
        }
        return ink;
    }

    private static Rectangle inkBox(boolean[] ink, int stride, Rectangle within) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = within.y; y < within.y + within.height; y++) {
            for (int x = within.x; x < within.x + within.width; x++) {
                if (ink[y * stride + x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** The ink of {@code box}, centred in a square of its longer side, as SIZE × SIZE coverage, blurred twice. */
    private static float[] shape(boolean[] ink, int stride, Rectangle box) {
        int side = Math.max(box.width, box.height);
        double ox = box.x - (side - box.width) / 2.0;
        double oy = box.y - (side - box.height) / 2.0;
        double step = side / (double) SIZE;
        int rows = ink.length / stride;
        float[] out = new float[SIZE * SIZE];
        for (int j = 0; j < SIZE; j++) {
            for (int i = 0; i < SIZE; i++) {
                int xs = (int) Math.floor(ox + i * step);
                int xe = Math.max(xs + 1, (int) Math.floor(ox + (i + 1) * step));
                int ys = (int) Math.floor(oy + j * step);
                int ye = Math.max(ys + 1, (int) Math.floor(oy + (j + 1) * step));
                int on = 0;
                int all = 0;
                for (int y = ys; y < ye; y++) {
                    for (int x = xs; x < xe; x++) {
                        all++;
                        if (x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height
                                && y < rows && ink[y * stride + x]) {
                            on++;
                        }
                    }
                }
                out[j * SIZE + i] = on / (float) all;
            }
        }
        return blur(blur(out));
    }

    private static float[] blur(float[] in) {
        float[] out = new float[in.length];
        for (int j = 0; j < SIZE; j++) {
            for (int i = 0; i < SIZE; i++) {
                float s = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = i + dx;
                        int y = j + dy;
                        if (x >= 0 && x < SIZE && y >= 0 && y < SIZE) {
                            s += in[y * SIZE + x];
                            n++;
                        }
                    }
                }
                out[j * SIZE + i] = s / n;
            }
        }
        return out;
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return aa == 0 || bb == 0 ? -1 : ab / Math.sqrt(aa * bb);
    }

    private static int width(int[] run) {
        return run[1] - run[0] + 1;
    }

    @Override
    public String toString() {
        return "HanjaGlyphs" + Arrays.toString(fonts.stream().map(Font::getFontName).toArray());
    }
}
