package dev.ocrbridge.localocr;

import java.util.Arrays;

/**
 * A page photographed or lit unevenly (light falling off towards one corner) made even: each pixel is taken as a
 * fraction of the page's own light level around it and brought to that fraction of white. Read as it is, such a page's
 * dim corner falls under the engine's one threshold for the whole page, and its print goes with it; the grey print's
 * darkening ({@link GrayImage#greyPrintDarkened}) takes one background for the whole page too. A page lit evenly is
 * left as it is. Pure: pixels in, pixels out.
 */
final class EvenLight {

    /** The side of the cells the light level is sampled on, in pixels. */
    private static final int CELL = 16;
    /** The side of the blocks whose mean level is sampled, in pixels: four to a cell's side. */
    private static final int BLOCK = 4;
    /**
     * How many cells either side the light level is the lightest of: 5 x 5 cells, 80 px, wider than any glyph at the
     * working width (a bold name ~48 px), so every window holds some page between strokes.
     */
    private static final int REACH = 2;
    /** Grounds darker than this are grounds, not dimmed page (a dark band, a page in dark mode): never lifted. */
    private static final int DARKEST_PAGE = 96;
    /** Evened only when the dimmest part of the page is lit less than this fraction of its brightest part. */
    private static final double UNEVEN = 0.85;

    private EvenLight() {
    }

    /** {@code page} with its light made even, or {@code page} itself when it is lit evenly already. */
    static GrayImage evened(GrayImage page) {
        int w = page.width();
        int h = page.height();
        int gw = (w + CELL - 1) / CELL;
        int gh = (h + CELL - 1) / CELL;
        if (gw < 2 || gh < 2) {
            return page;
        }
        byte[] px = page.pixels();
        // Per cell, its lightest pixel (where the page shows between strokes) and its lightest 4 x 4 block by the
        // block's mean: a mean is calm where single pixels are grainy, so a noisy dark ground, whose lightest grains
        // reach a lit page's level, is still known for a ground.
        int[] lightest = new int[gw * gh];
        int bw = w / BLOCK;
        int bh = h / BLOCK;
        int[] blockSum = new int[bw * bh];
        for (int y = 0; y < h; y++) {
            int row = (y / CELL) * gw;
            boolean inBlocks = y < bh * BLOCK;
            for (int x = 0; x < w; x++) {
                int v = px[y * w + x] & 0xFF;
                int c = row + x / CELL;
                if (v > lightest[c]) {
                    lightest[c] = v;
                }
                if (inBlocks && x < bw * BLOCK) {
                    blockSum[(y / BLOCK) * bw + x / BLOCK] += v;
                }
            }
        }
        int[] calm = new int[gw * gh];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                int c = (by * BLOCK / CELL) * gw + bx * BLOCK / CELL;
                calm[c] = Math.max(calm[c], blockSum[by * bw + bx] / (BLOCK * BLOCK));
            }
        }
        // The light level of a cell: the lightest cell within reach (print is darker than the page it stands on); -1
        // on a ground darker than any dimmed page, which is left as it is.
        int[] level = new int[gw * gh];
        for (int cy = 0; cy < gh; cy++) {
            for (int cx = 0; cx < gw; cx++) {
                int max = 0;
                int calmest = 0;
                for (int y = Math.max(0, cy - REACH); y <= Math.min(gh - 1, cy + REACH); y++) {
                    for (int x = Math.max(0, cx - REACH); x <= Math.min(gw - 1, cx + REACH); x++) {
                        max = Math.max(max, lightest[y * gw + x]);
                        calmest = Math.max(calmest, calm[y * gw + x]);
                    }
                }
                level[cy * gw + cx] = calmest < DARKEST_PAGE ? -1 : max;
            }
        }
        // The dimmest and the brightest light over the page, a twentieth of its cells aside at either end.
        int[] lit = Arrays.stream(level).filter(l -> l >= DARKEST_PAGE).sorted().toArray();
        if (lit.length < 20 || lit[lit.length / 20] >= UNEVEN * lit[lit.length - 1 - lit.length / 20]) {
            return page;
        }
        byte[] out = new byte[px.length];
        for (int y = 0; y < h; y++) {
            // Between the centres of the cells around the pixel, the level weighed by nearness (bilinear).
            double fy = Math.max(0, Math.min(gh - 1, (y - CELL / 2.0) / CELL));
            int y0 = (int) fy;
            int y1 = Math.min(gh - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(gw - 1, (x - CELL / 2.0) / CELL));
                int x0 = (int) fx;
                int x1 = Math.min(gw - 1, x0 + 1);
                double tx = fx - x0;
                int a = level[y0 * gw + x0];
                int b = level[y0 * gw + x1];
                int c = level[y1 * gw + x0];
                int d = level[y1 * gw + x1];
                double l = (1 - ty) * ((1 - tx) * a + tx * b) + ty * ((1 - tx) * c + tx * d);
                // Beside a dark ground nothing is lifted: its edge is the ground's, not the page's.
                boolean onPage = Math.min(Math.min(a, b), Math.min(c, d)) >= DARKEST_PAGE;
                out[y * w + x] = onPage ? (byte) Math.min(255, Math.round((px[y * w + x] & 0xFF) * 255 / l)) : px[y * w + x];
            }
        }
        return GrayImage.of(out, w, h);
    }
}
