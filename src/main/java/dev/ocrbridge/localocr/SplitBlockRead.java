package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * A page read as one block by two Tesseract instances at once. Tesseract reads a page on one core, and one block read
 * is most of a health code's time.
 * <ul>
 * <li>The calling thread starts reading the whole page at once. Meanwhile a helper finds the page's rows (layout only,
 * no recognition) and cuts them in two parts of about the same work: the recognizer's time goes by the width of each
 * row once scaled to its fixed height.</li>
 * <li>The upper part's read is stopped at the first word below the cut ({@link StopBelow}): its rows come out as from
 * a whole-page read, the same text in the same boxes. (Only a row holding a word read as nothing, in a picture or a
 * code left on the page, may keep a wider box: a read stopped on purpose ends before Tesseract's last step drops such
 * words.)</li>
 * <li>The helper reads the lower part on a copy of the page where the upper rows are cut to a stub of two characters:
 * each row is still there for the block's statistics (its x-height and line spacing decide the height of every line
 * image), at a fraction of its work. Only the rows below the cut are kept from that read.</li>
 * </ul>
 * Reading the lower part on a page without the upper rows at all, or each part on its own band of the page, changed
 * the results of the rows left: masked names and ID numbers were lost. The lines, words and characters of each part
 * are told by where their middles lie.
 */
final class SplitBlockRead {

    /** A stub keeps about this many characters (one height wide each) at the start of a row. */
    private static final int STUB_CHARACTERS = 2;

    /**
     * The lower read starts after the layout that finds the cut: a layout pass costs about as much as reading eight
     * characters (~25 ms against ~3 ms each for {@code chi_sim} on this project's 2-core machine).
     */
    private static final double LAYOUT_WORK = 8;

    /** The least distance, in pixels, between the middles of the last upper row and the first lower one. */
    private static final int MIN_ROW_GAP = 8;

    private SplitBlockRead() {
    }

    static OcrEngine.Page read(OcrEngine engine, ExecutorService helpers, GrayImage page, String languages) {
        try (StopBelow stop = new StopBelow(page.height())) {
            Future<Lower> lower = helpers.submit(() -> readLower(engine, page, languages, stop));
            OcrEngine.Page upper;
            try {
                upper = engine.pageAbove(page, languages, stop);
            } catch (RuntimeException e) {
                lower.cancel(true);
                throw e;
            }
            Rectangle stoppedAt = stop.reachedAt();
            if (stoppedAt == null) {
                // Read to the end: no cut was found in time, or nothing lay below it. The whole page's read.
                lower.cancel(true);
                return upper;
            }
            Lower below = await(lower);
            if (!below.startsAt(stoppedAt)) {
                // Tesseract met a word below the cut before the end of the upper rows (its order is not the
                // layout's here): rows between would be read by neither part. One read of the whole page instead.
                return engine.page(page, languages, OcrEngine.PSM_BLOCK);
            }
            // The cut may have come late, after the upper read had gone past it: the lower read has those rows.
            OcrEngine.Page above = part(upper, line -> middle(line.box()) < below.stopY());
            return new OcrEngine.Page(concat(above.lines(), below.page().lines()),
                    concat(above.words(), below.page().words()), concat(above.symbols(), below.page().symbols()));
        }
    }

    /** The lower part: the rows, where they were cut, and the read of those below the cut. */
    private record Lower(List<Rectangle> rows, int cut, int stopY, OcrEngine.Page page) {

        /** True when the upper read stopped on a word of a row at or below the cut. */
        boolean startsAt(Rectangle stoppedAt) {
            for (Rectangle row : rows.subList(cut, rows.size())) {
                if (row.intersects(stoppedAt)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** On a helper thread: cut the page's rows, tell the upper read where to stop, read the rows below the cut. */
    private static Lower readLower(OcrEngine engine, GrayImage page, String languages, StopBelow stop) {
        List<Rectangle> rows = engine.layout(page, languages, OcrEngine.PSM_BLOCK);
        int cut = balancedCut(rows);
        if (cut == 0) {
            return new Lower(rows, 0, Integer.MAX_VALUE, new OcrEngine.Page(List.of(), List.of(), List.of()));
        }
        int stopY = (middle(rows.get(cut - 1)) + middle(rows.get(cut))) / 2;
        stop.stopAt(stopY);
        GrayImage lowerPage = page.without(stubs(rows.subList(0, cut)), rows.subList(cut, rows.size()));
        OcrEngine.Page read = engine.page(lowerPage, languages, OcrEngine.PSM_BLOCK);
        return new Lower(rows, cut, stopY, part(read, line -> middle(line.box()) >= stopY));
    }

    /**
     * How many rows, from the top, the upper reader takes: the cut that best evens out the two reads' work (the lower
     * one also reads a stub of each upper row, and starts after a layout pass), among the cuts with every upper row's
     * middle above every lower row's (rows of a skewed page overlap; boxes in a picture can interleave). 0 when there
     * is no such cut.
     */
    static int balancedCut(List<Rectangle> rows) {
        int n = rows.size();
        if (n < 2) {
            return 0;
        }
        double[] work = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            work[i] = work(rows.get(i));
            total += work[i];
        }
        int[] lowestMiddleFrom = new int[n + 1];
        lowestMiddleFrom[n] = Integer.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            lowestMiddleFrom[i] = Math.min(lowestMiddleFrom[i + 1], middle(rows.get(i)));
        }
        int best = 0;
        double bestSlowest = Double.MAX_VALUE;
        double upper = 0;
        double stubs = 0;
        int highestMiddle = Integer.MIN_VALUE;
        for (int cut = 1; cut < n; cut++) {
            upper += work[cut - 1];
            stubs += Math.min(work[cut - 1], STUB_CHARACTERS);
            highestMiddle = Math.max(highestMiddle, middle(rows.get(cut - 1)));
            if (lowestMiddleFrom[cut] - highestMiddle < MIN_ROW_GAP) {
                continue;
            }
            double slowest = Math.max(upper, LAYOUT_WORK + total - upper + stubs);
            if (slowest < bestSlowest) {
                bestSlowest = slowest;
                best = cut;
            }
        }
        return best;
    }

    /** A row's work for the recognizer: its width once scaled to a fixed height, in heights. */
    private static double work(Rectangle row) {
        return (double) row.width / Math.max(1, row.height);
    }

    private static int middle(Rectangle box) {
        return box.y + box.height / 2;
    }

    /**
     * The parts of the rows to paint out: all but their first characters, grown by a few pixels (row boxes bound the
     * binarised glyphs; their anti-aliased rims reach further).
     */
    private static List<Rectangle> stubs(List<Rectangle> rows) {
        List<Rectangle> out = new ArrayList<>();
        for (Rectangle row : rows) {
            int pad = Math.max(3, row.height / 6);
            int keep = Math.min(row.width, STUB_CHARACTERS * row.height);
            out.add(new Rectangle(row.x + keep, row.y - pad, row.width - keep + pad, row.height + 2 * pad));
        }
        return out;
    }

    private static OcrEngine.Page part(OcrEngine.Page read, Predicate<TextLine> keep) {
        return new OcrEngine.Page(read.lines().stream().filter(keep).toList(),
                read.words().stream().filter(keep).toList(), read.symbols().stream().filter(keep).toList());
    }

    private static List<TextLine> concat(List<TextLine> a, List<TextLine> b) {
        List<TextLine> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static <T> T await(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a page", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
