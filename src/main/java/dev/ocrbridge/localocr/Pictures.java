package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the pictures on a screenshot that are no text (an avatar, an icon, a badge without words): solid areas far
 * thicker than any glyph's stroke, of about square shape, with no light holes in them, standing on the page's
 * background. Read together with the text beside them they turn into ideographs that swallow the name or number next
 * to them ("国 国 320，…"), so they are painted out before the page is read. A coloured bar or button is wide, and
 * a badge with words has light holes (its letters): both are left. Pure: pixels in, rectangles out.
 */
final class Pictures {

    /** The grid's cell, in pixels: a cell counts as solid when its pixels are ink, a few noisy ones aside. */
    private static final int CELL = 4;

    private Pictures() {
    }

    /**
     * The pictures' areas on {@code page}, in its pixels.
     *
     * @param minSide the smallest side of a picture: larger than the largest glyph the page is expected to hold
     */
    static List<Rectangle> find(GrayImage page, int minSide) {
        byte[] px = page.pixels();
        int w = page.width();
        int h = page.height();
        int background = GrayImage.median(px);
        int ink = background - 25;
        GrayImage.Cells cells = page.cells(CELL, ink);
        int gw = cells.columns();
        int gh = cells.rows();
        boolean[] solid = new boolean[gw * gh];
        boolean[] light = new boolean[gw * gh];
        for (int c = 0; c < gw * gh; c++) {
            int mean = cells.mean()[c];
            // A few light pixels (not ink) are the sensor's noise, not a hole.
            solid[c] = mean < ink - 10 && cells.atOrAbove()[c] <= 2;
            light[c] = mean >= ink;
        }
        // A cell whose 3 × 3 neighbourhood is all solid lies inside a 12 px square of ink: no glyph's stroke is so
        // thick at the working size (a bold 48 px ideograph's strokes are ~7 px), a picture's inside is.
        boolean[] core = new boolean[gw * gh];
        for (int gy = 1; gy < gh - 1; gy++) {
            for (int gx = 1; gx < gw - 1; gx++) {
                boolean all = true;
                for (int dy = -1; dy <= 1 && all; dy++) {
                    for (int dx = -1; dx <= 1 && all; dx++) {
                        all = solid[(gy + dy) * gw + gx + dx];
                    }
                }
                core[gy * gw + gx] = all;
            }
        }
        List<Rectangle> out = new ArrayList<>();
        boolean[] seen = new boolean[gw * gh];
        for (int start = 0; start < core.length; start++) {
            if (!core[start] || seen[start]) {
                continue;
            }
            int x0 = gw;
            int y0 = gh;
            int x1 = 0;
            int y1 = 0;
            for (int c : GrayImage.Cells.region(core, gw, start, seen, false)) {
                int cx = c % gw;
                int cy = c / gw;
                x0 = Math.min(x0, cx);
                y0 = Math.min(y0, cy);
                x1 = Math.max(x1, cx);
                y1 = Math.max(y1, cy);
            }
            // The core lies one cell inside the solid area: back out to its edge, and a cell more for the antialiased
            // rim.
            Rectangle r = new Rectangle((x0 - 2) * CELL, (y0 - 2) * CELL, (x1 - x0 + 5) * CELL, (y1 - y0 + 5) * CELL)
                    .intersection(new Rectangle(0, 0, w, h));
            if (isPicture(px, w, h, r, ink, minSide) && !holed(light, gw, r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean isPicture(byte[] px, int w, int h, Rectangle r, int ink, int minSide) {
        if (r.width < minSide || r.height < minSide || r.width > 2 * r.height || r.height > 2 * r.width
                || r.width > w / 3 || r.height > h / 4) {
            return false;
        }
        // Standing on the background: most of a ring just outside is light (not a part of a larger dark area).
        int ring = 0;
        int light = 0;
        Rectangle out = new Rectangle(r.x - CELL, r.y - CELL, r.width + 2 * CELL, r.height + 2 * CELL);
        for (int x = Math.max(0, out.x); x < Math.min(w, out.x + out.width); x++) {
            for (int y : new int[] {out.y, out.y + out.height - 1}) {
                if (y >= 0 && y < h) {
                    ring++;
                    light += (px[y * w + x] & 0xFF) >= ink ? 1 : 0;
                }
            }
        }
        for (int y = Math.max(0, out.y); y < Math.min(h, out.y + out.height); y++) {
            for (int x : new int[] {out.x, out.x + out.width - 1}) {
                if (x >= 0 && x < w) {
                    ring++;
                    light += (px[y * w + x] & 0xFF) >= ink ? 1 : 0;
                }
            }
        }
        return ring > 0 && light * 10 >= ring * 7;
    }

    /**
     * Light holes inside (a badge's or a button's words would be some), judged by cells on the middle half, where a
     * round picture is whole.
     */
    private static boolean holed(boolean[] light, int gw, Rectangle r) {
        int holes = 0;
        int inside = 0;
        for (int gy = (r.y + r.height / 4) / CELL; gy < (r.y + r.height * 3 / 4) / CELL; gy++) {
            for (int gx = (r.x + r.width / 4) / CELL; gx < (r.x + r.width * 3 / 4) / CELL; gx++) {
                inside++;
                holes += light[gy * gw + gx] ? 1 : 0;
            }
        }
        return holes * 50 > inside;
    }
}
