package dev.ocrbridge.localocr;

/**
 * Thin ruled lines of any direction near the page's axes painted out: a table's borders between rows and between its
 * label and value columns, on a page photographed or saved a little askew. {@link GrayImage#withoutRules} takes out
 * rules that lie along one row of pixels; turned by a degree or two, a rule crosses many rows, none of which holds it
 * for long, and it runs through the rows of print it borders, which the engine then reads as strokes. Here a rule is
 * a path of ink that runs on from pixel to neighbouring pixel (straight on or one up or down, per step) for a long way
 * and is thin wherever it is taken out: far longer than any stroke of a glyph, as thin as a drawn line. Where print
 * touches or crosses it the ink is thicker and stays. Pure: pixels in, pixels out.
 */
final class Rules {

    /** Ink: darker than this, as for {@link GrayImage#withoutRules}. */
    private static final int INK_BELOW = 235;
    /** A rule is at most this thick across its run; the strokes of print crossing it are thicker together with it. */
    private static final int THICKEST = 4;

    private Rules() {
    }

    /**
     * A copy of {@code page} without the thin rules that run along most of its width, or down a sixth of its height
     * or more; the page itself when it has none.
     */
    static GrayImage removed(GrayImage page) {
        int w = page.width();
        int h = page.height();
        byte[] px = page.pixels();
        boolean[] rule = new boolean[w * h];
        boolean any = mark(px, w, h, true, w / 2, rule);
        any |= mark(px, w, h, false, h / 6, rule);
        if (!any) {
            return page;
        }
        byte[] out = px.clone();
        for (int i = 0; i < out.length; i++) {
            if (rule[i]) {
                out[i] = (byte) 0xFF;
            }
        }
        return GrayImage.of(out, w, h);
    }

    /**
     * Marks in {@code rule} the thin ink on paths at least {@code minRun} long that run along the rows
     * ({@code along}) or down the columns; true when it marked any.
     */
    private static boolean mark(byte[] px, int w, int h, boolean along, int minRun, boolean[] rule) {
        int length = along ? w : h;
        int across = along ? h : w;
        // forward[i]: the longest path of ink ending at pixel i, coming from the start of the run; backward[i]: the
        // longest one starting at i towards its end. A pixel lies on a path as long as forward + backward - 1.
        short[] forward = new short[w * h];
        short[] backward = new short[w * h];
        for (int a = 0; a < length; a++) {
            for (int c = 0; c < across; c++) {
                int i = index(a, c, w, along);
                if ((px[i] & 0xFF) >= INK_BELOW) {
                    continue;
                }
                int best = 0;
                if (a > 0) {
                    for (int d = -1; d <= 1; d++) {
                        if (c + d >= 0 && c + d < across) {
                            best = Math.max(best, forward[index(a - 1, c + d, w, along)]);
                        }
                    }
                }
                forward[i] = (short) Math.min(Short.MAX_VALUE, best + 1);
            }
        }
        for (int a = length - 1; a >= 0; a--) {
            for (int c = 0; c < across; c++) {
                int i = index(a, c, w, along);
                if ((px[i] & 0xFF) >= INK_BELOW) {
                    continue;
                }
                int best = 0;
                if (a < length - 1) {
                    for (int d = -1; d <= 1; d++) {
                        if (c + d >= 0 && c + d < across) {
                            best = Math.max(best, backward[index(a + 1, c + d, w, along)]);
                        }
                    }
                }
                backward[i] = (short) Math.min(Short.MAX_VALUE, best + 1);
            }
        }
        boolean any = false;
        for (int a = 0; a < length; a++) {
            for (int c = 0; c < across; c++) {
                int i = index(a, c, w, along);
                if (forward[i] + backward[i] - 1 >= minRun && thin(px, w, a, c, across, along)) {
                    rule[i] = true;
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * True when the ink through pixel (a, c), taken across the run, is at most {@link #THICKEST} pixels and the page is
     * light two and three pixels past it on either side.
     */
    private static boolean thin(byte[] px, int w, int a, int c, int across, boolean along) {
        int from = c;
        while (from > 0 && c - from <= THICKEST && (px[index(a, from - 1, w, along)] & 0xFF) < INK_BELOW) {
            from--;
        }
        int to = c;
        while (to < across - 1 && to - from <= THICKEST && (px[index(a, to + 1, w, along)] & 0xFF) < INK_BELOW) {
            to++;
        }
        // On open page: light again a little way past the ink on both sides, where a tinted band is still tinted (a
        // band's grain can leave a light pixel right beside a thin strip of it).
        return to - from + 1 <= THICKEST && light(px, w, a, from - 2, across, along) && light(px, w, a, from - 3, across, along)
                && light(px, w, a, to + 2, across, along) && light(px, w, a, to + 3, across, along);
    }

    private static boolean light(byte[] px, int w, int a, int c, int across, boolean along) {
        return c < 0 || c >= across || (px[index(a, c, w, along)] & 0xFF) >= INK_BELOW;
    }

    private static int index(int a, int c, int w, boolean along) {
        return along ? c * w + a : a * w + c;
    }
}
