package dev.ocrbridge.localocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a masked name's print ({@code *子涵}, {@code 赵**}) into its marks and its ideographs by the glyphs' shapes:
 * a '*' is a compact glyph at the top of the line, well under half as tall as the ideographs beside it. Set large
 * and bold with no label, such a name is read by the engine with its marks as ideographs (赵** as 赵必), so the marks
 * are counted here and only the ideographs are read. Pure: pixels in, extents out.
 */
final class NameMarks {

    /** Part of a name: {@code marks} '*' (0 for ideographs) over the columns {@code [from, to)}. */
    record Part(int from, int to, int marks) {
    }

    private NameMarks() {
    }

    /**
     * The parts of the print in {@code row} between the columns {@code from} and {@code to}, left to right, or an
     * empty list when it holds no mark or no ideograph: marks and ideographs alternating, each run of either as one
     * part.
     */
    static List<Part> in(GrayImage row, int from, int to) {
        int dark = row.darkLevel();
        List<int[]> glyphs = new ArrayList<>();
        for (int[] run : row.inkRuns(1)) {
            if (run[1] <= from || run[0] >= to) {
                continue;
            }
            int[] rows = row.inkExtent(run[0], run[1], dark);
            if (rows != null && run[1] - run[0] >= 2) {
                glyphs.add(new int[] {run[0], run[1], rows[0], rows[1]});
            }
        }
        int printTop = Integer.MAX_VALUE;
        int printBottom = -1;
        for (int[] g : glyphs) {
            printTop = Math.min(printTop, g[2]);
            printBottom = Math.max(printBottom, g[3]);
        }
        int print = printBottom - printTop;
        if (glyphs.isEmpty() || print < 12) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        int narrowestMark = Integer.MAX_VALUE;
        for (int[] g : glyphs) {
            if (mark(g, printTop, print)) {
                narrowestMark = Math.min(narrowestMark, g[1] - g[0]);
            }
        }
        boolean anyMark = false;
        boolean anyIdeograph = false;
        for (int[] g : glyphs) {
            boolean mark = mark(g, printTop, print);
            Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
            if (mark) {
                // Two marks that touch are one glyph twice as wide.
                int n = Math.max(1, Math.round((float) (g[1] - g[0]) / narrowestMark));
                if (last != null && last.marks() > 0) {
                    parts.set(parts.size() - 1, new Part(last.from(), g[1], last.marks() + n));
                } else {
                    parts.add(new Part(g[0], g[1], n));
                }
                anyMark = true;
            } else if (last != null && last.marks() == 0) {
                parts.set(parts.size() - 1, new Part(last.from(), g[1], 0));
            } else {
                parts.add(new Part(g[0], g[1], 0));
                anyIdeograph = true;
            }
        }
        return anyMark && anyIdeograph ? parts : List.of();
    }

    /** Well under half the print's height, hung from its top, about as wide as tall (two touching: twice as wide). */
    private static boolean mark(int[] g, int printTop, int print) {
        int height = g[3] - g[2];
        int width = g[1] - g[0];
        return height <= print * 0.55 && height >= print * 0.2 && g[2] - printTop <= print * 0.2
                && width >= height * 0.6 && width <= height * 2.6;
    }
}
