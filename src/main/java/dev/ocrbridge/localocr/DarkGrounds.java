package dev.ocrbridge.localocr;

import java.util.Arrays;

/**
 * Print in a light colour on a dark ground (a coloured band under the status bar holding the name and the number in
 * white, a pill with the result in white) turned dark on light, as the rest of the page. The engine reads a block of
 * dark print on a light page: a dark band comes out of its threshold as one black shape with the letters as holes in
 * it, which it drops, and the fields in it are lost. Found on a grid of cells: a ground is a connected area of dark
 * cells with a core far thicker than any stroke of print, holding print lighter than itself; inside it, each row
 * between the ground's first and last cell is mirrored so the ground turns white and its print dark. Dark print on
 * a mid-dark ground is left as it is. Pure: pixels in, pixels out.
 */
final class DarkGrounds {

    /** The grid's cell, in pixels. */
    private static final int CELL = 4;

    private DarkGrounds() {
    }

    /** A page whose median level is under this is dark as a whole: an app in dark mode, light print on near-black. */
    private static final int DARK_PAGE = 100;

    /**
     * A page dark as a whole (an app in dark mode) mirrored about its own level, as a dark ground is below: the page
     * turns white and its print dark, so what reads print by its shapes on a light page (grey print darkened, marks
     * of masked numbers and names, rows of ink) reads it too, and print in a middling colour (a green result) stands
     * apart from the page as on a light one. The page itself when it is not dark.
     */
    static GrayImage pageTurnedLight(GrayImage page) {
        byte[] px = page.pixels();
        int background = GrayImage.median(px);
        if (background >= DARK_PAGE) {
            return page;
        }
        byte[] out = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, 255 - ((px[i] & 0xFF) - background)));
        }
        return GrayImage.of(out, page.width(), page.height());
    }

    /** A copy of {@code page} with its dark grounds' light print turned dark on light; the page itself when none. */
    static GrayImage lightened(GrayImage page) {
        byte[] px = page.pixels();
        int w = page.width();
        int h = page.height();
        int background = GrayImage.median(px);
        if (background < 160) {
            // A mid-grey page (a dark one is turned light first, pageTurnedLight): no ground stands apart on it.
            return page;
        }
        // Clearly darker than the page: a band of colour or a dark grey (a cell of black print is too, but no
        // glyph's stroke holds a core of solid cells).
        int darkBelow = background * 55 / 100;
        GrayImage.Cells grid = page.cells(CELL, darkBelow);
        int gw = grid.columns();
        int gh = grid.rows();
        int[] mean = grid.mean();
        boolean[] dark = new boolean[gw * gh];
        boolean[] solid = new boolean[gw * gh];
        for (int c = 0; c < gw * gh; c++) {
            dark[c] = mean[c] < darkBelow;
            // A few light pixels are the sensor's noise.
            solid[c] = grid.atOrAbove()[c] <= 2;
        }
        byte[] out = null;
        boolean[] seen = new boolean[gw * gh];
        int[] first = new int[gh];
        int[] last = new int[gh];
        for (int start = 0; start < dark.length; start++) {
            if (seen[start] || !core(solid, gw, gh, start)) {
                continue;
            }
            // The area: the dark cells joined to a core, the thin parts beside print included.
            Arrays.fill(first, Integer.MAX_VALUE);
            Arrays.fill(last, -1);
            long groundSum = 0;
            int x0 = gw;
            int x1 = -1;
            int y0 = gh;
            int y1 = -1;
            int[] area = GrayImage.Cells.region(dark, gw, start, seen, false);
            for (int c : area) {
                int cx = c % gw;
                int cy = c / gw;
                first[cy] = Math.min(first[cy], cx);
                last[cy] = Math.max(last[cy], cx);
                x0 = Math.min(x0, cx);
                x1 = Math.max(x1, cx);
                y0 = Math.min(y0, cy);
                y1 = Math.max(y1, cy);
                groundSum += mean[c];
            }
            int ground = (int) (groundSum / area.length);
            // Wider than two print heights at least and about a line high or more: a band or a pill, not a
            // stroke's crossing or a dot.
            if ((x1 - x0 + 1) * CELL < 48 || (y1 - y0 + 1) * CELL < 20) {
                continue;
            }
            // Its print is lighter than the ground (light on dark): more pixels well above the ground than well
            // below it, and enough of them to be print.
            int lighter = 0;
            int darker = 0;
            for (int cy = y0; cy <= y1; cy++) {
                if (last[cy] < 0) {
                    continue;
                }
                for (int y = cy * CELL; y < cy * CELL + CELL; y++) {
                    for (int x = first[cy] * CELL; x < last[cy] * CELL + CELL; x++) {
                        int v = px[y * w + x] & 0xFF;
                        lighter += v > ground + 60 ? 1 : 0;
                        darker += v < ground - 60 ? 1 : 0;
                    }
                }
            }
            if (lighter < 40 || lighter <= darker) {
                continue;
            }
            if (out == null) {
                out = px.clone();
            }
            // Mirrored about the ground: the ground turns white and white print as dark as the ground was, level for
            // level, so grain on the ground stays as faint as it was (stretched to black and white, the grain is
            // stretched with it, and a noisy page then costs the engine seconds). The ground's edge and
            // the cells just outside it (the page's light behind its antialiased rim) go white: mirrored, the page
            // there would turn dark and draw the ground's outline.
            for (int cy = Math.max(0, y0 - 1); cy <= Math.min(gh - 1, y1 + 1); cy++) {
                int from = Integer.MAX_VALUE;
                int to = -1;
                for (int r = Math.max(y0, cy - 1); r <= Math.min(y1, cy + 1); r++) {
                    from = Math.min(from, first[r]);
                    to = Math.max(to, last[r]);
                }
                if (to < 0) {
                    continue;
                }
                for (int cx = Math.max(0, from - 1); cx <= Math.min(gw - 1, to + 1); cx++) {
                    boolean inside = cy >= y0 && cy <= y1 && cx > first[cy] && cx < last[cy] && covers(first, last, cy - 1, cx)
                            && covers(first, last, cy + 1, cx);
                    for (int y = cy * CELL; y < cy * CELL + CELL; y++) {
                        for (int x = cx * CELL; x < cx * CELL + CELL; x++) {
                            int v = px[y * w + x] & 0xFF;
                            out[y * w + x] = inside ? (byte) Math.max(0, Math.min(255, 255 - (v - ground)))
                                    : (byte) 0xFF;
                        }
                    }
                }
            }
        }
        return out == null ? page : GrayImage.of(out, w, h);
    }

    /** Whether row {@code cy}'s span of the ground holds column {@code cx}. */
    private static boolean covers(int[] first, int[] last, int cy, int cx) {
        return cy >= 0 && cy < first.length && last[cy] >= 0 && first[cy] <= cx && cx <= last[cy];
    }

    /** A solid cell whose 3 × 3 neighbourhood is all solid: inside a 12 px square of ground, thicker than a stroke. */
    private static boolean core(boolean[] solid, int gw, int gh, int c) {
        int cx = c % gw;
        int cy = c / gw;
        if (!solid[c] || cx == 0 || cy == 0 || cx == gw - 1 || cy == gh - 1) {
            return false;
        }
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (!solid[(cy + dy) * gw + cx + dx]) {
                    return false;
                }
            }
        }
        return true;
    }
}
