package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a run of mask marks ('*') in one row of print by the glyphs' shapes: a mark is a compact glyph about half as
 * tall as the digits beside it. The engine, reading a long run of '*' as text, makes ideographs of it (太太赤赤),
 * whatever the number of marks; counted here, the marks need no reading, and only the digits on either side are
 * read. Pure: pixels in, extents out.
 */
final class MaskRun {

    /**
     * A run of marks in a row: {@code marks} of them between {@code [from, to)}; the glyphs before it from
     * {@code before} (the start of the print joined to the run), after it up to {@code after}.
     */
    record Found(int before, int from, int to, int after, int marks) {

        Rectangle prefix(int height) {
            return new Rectangle(before, 0, from - before, height);
        }

        Rectangle suffix(int height) {
            return new Rectangle(to, 0, after - to, height);
        }
    }

    private MaskRun() {
    }

    /** A glyph of a mark's shape, {@code height} tall within two pixels (or 15 %). */
    private static boolean markShaped(int[] glyph, int height) {
        int width = glyph[1] - glyph[0];
        return Math.abs(glyph[2] - height) <= Math.max(2, height * 0.15) && height >= 4 && width >= height * 0.6
                && width <= height * 2.6;
    }

    /** The longest run of at least two marks in {@code row} with print on at least one side, if any. */
    static Optional<Found> in(GrayImage row) {
        List<int[]> runs = row.inkRuns(1);
        int dark = row.darkLevel();
        List<int[]> glyphs = new ArrayList<>();
        for (int[] run : runs) {
            int[] rows = row.inkExtent(run[0], run[1], dark);
            if (rows == null) {
                continue;
            }
            int height = rows[1] - rows[0];
            glyphs.add(new int[] {run[0], run[1], height});
        }
        // Marks are a run of glyphs of one height, about as wide as tall (two touching marks twice as wide), with
        // print at least 1/0.7 as tall joined to the run on one side at least: the digits (a '*' is 0.2-0.7 of their
        // height; grey print loses its thin tips). A run of digits is not marks: nothing taller stands beside it.
        // Specks of noise are smaller than two pixels a row, a hyphen or a colon flatter or narrower.
        Found best = null;
        for (int i = 0; i < glyphs.size(); ) {
            int height = glyphs.get(i)[2];
            if (!markShaped(glyphs.get(i), height)) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < glyphs.size() && markShaped(glyphs.get(j), height)
                    && glyphs.get(j)[0] - glyphs.get(j - 1)[1] < height) {
                j++;
            }
            int from = glyphs.get(i)[0];
            int to = glyphs.get(j - 1)[1];
            int narrowest = Integer.MAX_VALUE;
            for (int k = i; k < j; k++) {
                narrowest = Math.min(narrowest, glyphs.get(k)[1] - glyphs.get(k)[0]);
            }
            int count = 0;
            for (int k = i; k < j; k++) {
                count += Math.max(1, Math.round((float) (glyphs.get(k)[1] - glyphs.get(k)[0]) / narrowest));
            }
            int before = from;
            for (int k = i - 1; k >= 0 && glyphs.get(k)[2] * 0.7 >= height
                    && before - glyphs.get(k)[1] < glyphs.get(k)[2] * 0.6; k--) {
                before = glyphs.get(k)[0];
            }
            int after = to;
            for (int k = j; k < glyphs.size() && glyphs.get(k)[2] * 0.7 >= height
                    && glyphs.get(k)[0] - after < glyphs.get(k)[2] * 0.6; k++) {
                after = glyphs.get(k)[1];
            }
            if (count >= 2 && (before < from || after > to) && (best == null || count > best.marks())) {
                best = new Found(before, from, to, after, count);
            }
            i = j;
        }
        return Optional.ofNullable(best);
    }
}
