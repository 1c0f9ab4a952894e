package dev.ocrbridge.sandbox.local;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tesseract.PageIterator;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.StringVector;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;

/**
 * Tesseract 5 (LSTM) behind a small pool: a {@link TessBaseAPI} is not thread-safe and costs tens of MB, so each
 * language setting has at most {@code size} instances, created on first use and reused. Callers beyond that wait:
 * with one instance per core, more would only make each read slower.
 */
public final class OcrEngine implements AutoCloseable {

    /** Page segmentation: a single uniform block of text (reads screenshots' label/value rows in order). */
    public static final int PSM_BLOCK = tesseract.PSM_SINGLE_BLOCK;
    /** Page segmentation: one text line. */
    public static final int PSM_LINE = tesseract.PSM_SINGLE_LINE;
    /** Page segmentation: sparse text in no particular order (a card's scattered fields). */
    public static final int PSM_SPARSE = tesseract.PSM_SPARSE_TEXT;

    /**
     * Parameters that are process-wide in libtesseract (globals, not members of an instance) and that the language
     * configs set differently ({@code chi_sim}: 10, 1000, 6; {@code chi_tra}: 20, 10000, 5). Each Init applies its
     * language's values to every instance, so the same page read differently depending on which language was
     * loaded last (a health code's name read or missed after a Korean card). Set again after every Init: one
     * setting, whatever the order of first use.
     */
    private static final String[][] PROCESS_WIDE = {
        {"edges_max_children_per_outline", "10"},
        {"edges_children_count_limit", "1000"},
        {"textord_noise_normratio", "6"},
    };

    private final int size;
    private final String dataPath;
    private final Map<String, BlockingQueue<TessBaseAPI>> idle = new ConcurrentHashMap<>();
    private final Map<String, Integer> created = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Reads the lower part of a page split by {@link #block}: daemon threads, one per instance. */
    private final ExecutorService helpers;

    private OcrEngine(int size, String dataPath) {
        this.size = size;
        this.dataPath = dataPath;
        AtomicInteger threads = new AtomicInteger();
        this.helpers = Executors.newFixedThreadPool(size, task -> {
            Thread t = new Thread(task, "ocr-engine-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the natives and the language data and reads once with each language, so a broken install fails here,
     * at start-up, and not on the first image.
     *
     * @throws RuntimeException (or {@link LinkageError}) when the engine cannot run on this machine
     */
    public static OcrEngine load(int size) {
        OcrEngine engine = new OcrEngine(Math.max(1, size), Tessdata.folder().toString());
        for (String lang : new String[] {LocalRecognizers.KOREAN, LocalRecognizers.CHINESE}) {
            TessBaseAPI api = engine.borrow(lang);
            engine.release(lang, api);
        }
        return engine;
    }

    /** The lines of the page, top to bottom, as the engine segments them with {@code psm}. */
    public List<TextLine> lines(GrayImage page, String languages, int psm) {
        return read(page, languages, psm, tesseract.RIL_TEXTLINE, 0, "");
    }

    /**
     * A page read as one block, as {@link #page} with {@link #PSM_BLOCK} gives it (its lines, words and characters), by
     * two instances at once when two are free. One block read is most of a health code's time, and Tesseract reads a page on one core.
     * <ul>
     * <li>The calling thread starts reading the whole page at once. Meanwhile a helper finds the page's rows (layout
     * only, no recognition) and cuts them in two parts of about the same work: the recognizer's time goes by the
     * width of each row once scaled to its fixed height.</li>
     * <li>The upper part's read is stopped at the first word below the cut ({@link StopBelow}): its rows come out as
     * from a whole-page read, the same text in the same boxes. (Only a row holding a word read as nothing, in a
     * picture or a code left on the page, may keep a wider box: a read stopped on purpose ends before Tesseract's last
     * step drops such words.)</li>
     * <li>The helper reads the lower part on a copy of the page where the upper rows are cut to a stub of two
     * characters: each row is still there for the block's statistics (its x-height and line spacing decide the height
     * of every line image), at a fraction of its work. Only the rows below the cut are kept from that read.</li>
     * </ul>
     * Reading the lower part on a page without the upper rows at all, or each part on its own band of the page,
     * changed the results of the rows left: masked names and ID numbers were lost. With fewer than two instances free
     * (the service under load), one instance reads the page alone: splitting costs more work in all.
     */
    public Page block(GrayImage page, String languages) {
        if (free(languages) < 2) {
            return page(page, languages, PSM_BLOCK);
        }
        try (StopBelow stop = new StopBelow(page.height())) {
            Future<Lower> lower = helpers.submit(() -> readLower(page, languages, stop));
            Page upper;
            try {
                upper = levels(read(page, languages, PSM_BLOCK, ALL_LEVELS, 0, "", stop));
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
                return page(page, languages, PSM_BLOCK);
            }
            // The cut may have come late, after the upper read had gone past it: the lower read has those rows.
            Page above = part(upper, line -> middle(line.box()) < below.stopY());
            return new Page(concat(above.lines(), below.page().lines()), concat(above.words(), below.page().words()),
                    concat(above.symbols(), below.page().symbols()));
        }
    }

    private static final int[] ALL_LEVELS = {tesseract.RIL_TEXTLINE, tesseract.RIL_WORD, tesseract.RIL_SYMBOL};

    private static Page levels(List<List<TextLine>> read) {
        return new Page(read.get(0), read.get(1), read.get(2));
    }

    /** The lines, words and characters kept: a part of the page is told by where their middles lie. */
    private static Page part(Page read, java.util.function.Predicate<TextLine> keep) {
        return new Page(read.lines().stream().filter(keep).toList(), read.words().stream().filter(keep).toList(),
                read.symbols().stream().filter(keep).toList());
    }

    private static List<TextLine> concat(List<TextLine> a, List<TextLine> b) {
        List<TextLine> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The lower part of a split block: the rows, where they were cut, and the read of those below the cut. */
    private record Lower(List<Rectangle> rows, int cut, int stopY, Page page) {

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
    private Lower readLower(GrayImage page, String languages, StopBelow stop) {
        List<Rectangle> rows = layout(page, languages, PSM_BLOCK);
        int cut = balancedCut(rows);
        if (cut == 0) {
            return new Lower(rows, 0, Integer.MAX_VALUE, new Page(List.of(), List.of(), List.of()));
        }
        int stopY = (middle(rows.get(cut - 1)) + middle(rows.get(cut))) / 2;
        stop.stopAt(stopY);
        GrayImage lowerPage = page.without(stubs(rows.subList(0, cut)), rows.subList(cut, rows.size()));
        Page read = page(lowerPage, languages, PSM_BLOCK);
        return new Lower(rows, cut, stopY, part(read, line -> middle(line.box()) >= stopY));
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

    /**
     * How many rows, from the top, the upper reader takes: the cut that best evens out the two reads' work (the lower
     * one also reads a stub of each upper row, and starts after a layout pass), among the cuts with every upper row's middle above every lower row's
     * (rows of a skewed page overlap; boxes in an image region can interleave). 0 when there is no such cut.
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

    /**
     * The lower read starts after the layout that finds the cut: a layout pass costs about as much as reading eight
     * characters (~25 ms against ~3 ms each for {@code chi_sim} on this project's 2-core machine).
     */
    private static final double LAYOUT_WORK = 8;

    /** The least distance, in pixels, between the middles of the last upper row and the first lower one. */
    private static final int MIN_ROW_GAP = 8;

    /** A row's work for the recognizer: its width once scaled to a fixed height, in heights. */
    private static double work(Rectangle row) {
        return (double) row.width / Math.max(1, row.height);
    }

    private static int middle(Rectangle box) {
        return box.y + box.height / 2;
    }

    /** A stub keeps about this many characters (one height wide each) at the start of a row. */
    private static final int STUB_CHARACTERS = 2;

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

    /** The text rows the engine finds on the page with {@code psm}, without reading them. */
    List<Rectangle> layout(GrayImage page, String languages, int psm) {
        TessBaseAPI api = borrow(languages);
        try {
            api.SetPageSegMode(psm);
            api.SetImage(page.pixels(), page.width(), page.height(), 1, page.width());
            api.SetSourceResolution(300);
            List<Rectangle> rows = new ArrayList<>();
            PageIterator it = api.AnalyseLayout();
            if (it == null) {
                return rows;
            }
            try (IntPointer left = new IntPointer(1); IntPointer top = new IntPointer(1);
                 IntPointer right = new IntPointer(1); IntPointer bottom = new IntPointer(1)) {
                do {
                    if (it.BoundingBox(tesseract.RIL_TEXTLINE, left, top, right, bottom)) {
                        rows.add(new Rectangle(left.get(), top.get(), right.get() - left.get(),
                                bottom.get() - top.get()));
                    }
                } while (it.Next(tesseract.RIL_TEXTLINE));
            } finally {
                it.deallocate();
            }
            return rows;
        } finally {
            api.Clear();
            release(languages, api);
        }
    }

    /**
     * A crop holding one line, read on a white margin (half its height): a screenshot's rows are cut tight, and
     * the engine misreads glyphs that touch the edge. (Cards' lines read better without it.)
     */
    public List<TextLine> paddedLine(GrayImage crop, String languages) {
        return read(crop, languages, PSM_LINE, tesseract.RIL_TEXTLINE, Math.max(8, crop.height() / 2), "");
    }

    /**
     * A crop holding one line of digits (a date, a number), read on a white margin with only {@code allowed}
     * characters possible: a low-contrast line the block pass read as letters and marks.
     */
    public List<TextLine> paddedLine(GrayImage crop, String languages, String allowed) {
        return read(crop, languages, PSM_LINE, tesseract.RIL_TEXTLINE, Math.max(8, crop.height() / 2), allowed);
    }

    /** The single characters of the page, in reading order, each with its box. */
    public List<TextLine> symbols(GrayImage page, String languages, int psm) {
        return read(page, languages, psm, tesseract.RIL_SYMBOL, 0, "");
    }

    /** A page read once, seen at three levels: its lines, their words and their characters, each with its box. */
    public record Page(List<TextLine> lines, List<TextLine> words, List<TextLine> symbols) {
    }

    /**
     * The lines of the page as {@link #lines} gives them, plus the words and characters of the same recognition (no
     * second read): a field's parts can be located and read again without reading the page twice.
     */
    public Page page(GrayImage page, String languages, int psm) {
        return levels(read(page, languages, psm, ALL_LEVELS, 0, "", null));
    }

    private List<TextLine> read(GrayImage given, String languages, int psm, int level, int margin, String allowed) {
        return read(given, languages, psm, new int[] {level}, margin, allowed, null).get(0);
    }

    /**
     * Boxes are given in {@code given}'s coordinates, whatever the margin; one list per level asked for. With a
     * {@code stop}, only the words above its line are read.
     */
    private List<List<TextLine>> read(GrayImage given, String languages, int psm, int[] levels, int margin,
                                      String allowed, StopBelow stop) {
        GrayImage page = margin == 0 ? given : given.pad(margin);
        TessBaseAPI api = borrow(languages);
        try {
            // Instances are shared: the restriction is set for every read, "" (none) included.
            api.SetVariable("tessedit_char_whitelist", allowed);
            api.SetPageSegMode(psm);
            api.SetImage(page.pixels(), page.width(), page.height(), 1, page.width());
            api.SetSourceResolution(300);
            List<List<TextLine>> out = new ArrayList<>();
            // A read ended by its stop reports a cancel (-1); the words above the stop are read and kept.
            if (api.Recognize(stop == null ? null : stop.monitor()) != 0 && (stop == null || !stop.reached())) {
                for (int ignored : levels) {
                    out.add(List.of());
                }
                return out;
            }
            for (int level : levels) {
                out.add(collect(api, level, margin));
            }
            return out;
        } finally {
            api.Clear();
            release(languages, api);
        }
    }

    private static List<TextLine> collect(TessBaseAPI api, int level, int margin) {
        List<TextLine> lines = new ArrayList<>();
        ResultIterator it = api.GetIterator();
        if (it == null) {
            return lines;
        }
        try (IntPointer left = new IntPointer(1); IntPointer top = new IntPointer(1);
             IntPointer right = new IntPointer(1); IntPointer bottom = new IntPointer(1)) {
            do {
                BytePointer text = it.GetUTF8Text(level);
                if (text == null) {
                    continue;
                }
                String s;
                try {
                    s = text.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
                } finally {
                    tesseract.TessDeleteText(text);
                }
                if (s.isEmpty()) {
                    continue;
                }
                it.BoundingBox(level, left, top, right, bottom);
                lines.add(new TextLine(s, new Rectangle(left.get() - margin, top.get() - margin, right.get() - left.get(),
                        bottom.get() - top.get()), it.Confidence(level)));
            } while (it.Next(level));
        } finally {
            it.deallocate();
        }
        return lines;
    }

    /** How many instances for {@code languages} are free now or may still be created (a hint: others race). */
    private int free(String languages) {
        BlockingQueue<TessBaseAPI> queue = idle.get(languages);
        return (queue == null ? 0 : queue.size()) + size - created.getOrDefault(languages, 0);
    }

    private TessBaseAPI borrow(String languages) {
        if (closed) {
            throw new IllegalStateException("the OCR engine is closed");
        }
        BlockingQueue<TessBaseAPI> queue = idle.computeIfAbsent(languages, k -> new ArrayBlockingQueue<>(size));
        TessBaseAPI api = queue.poll();
        if (api != null) {
            return api;
        }
        boolean mayCreate;
        synchronized (created) {
            int n = created.getOrDefault(languages, 0);
            mayCreate = n < size;
            if (mayCreate) {
                created.put(languages, n + 1);
            }
        }
        if (mayCreate) {
            TessBaseAPI fresh = new TessBaseAPI();
            // Fields are short and rarely dictionary words: the word lists only pull them towards wrong words.
            // chi_tra's data asks for a vertical-text model (chi_tra_vert) that is not shipped and not needed.
            int rc;
            try (StringVector names = new StringVector("load_system_dawg", "load_freq_dawg", "debug_file",
                    "tessedit_load_sublangs");
                 StringVector values = new StringVector("0", "0", "/dev/null", "")) {
                rc = fresh.Init(dataPath, languages, tesseract.OEM_LSTM_ONLY, (BytePointer) null, 0, names, values,
                        false);
            }
            if (rc == 0) {
                for (String[] global : PROCESS_WIDE) {
                    fresh.SetVariable(global[0], global[1]);
                }
            }
            if (rc != 0) {
                fresh.deallocate();
                synchronized (created) {
                    created.merge(languages, -1, Integer::sum);
                }
                throw new IllegalStateException("Tesseract could not load the language data " + languages);
            }
            return fresh;
        }
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the OCR engine", e);
        }
    }

    private void release(String languages, TessBaseAPI api) {
        if (closed || !idle.get(languages).offer(api)) {
            api.End();
            api.deallocate();
        }
    }

    @Override
    public void close() {
        closed = true;
        helpers.shutdownNow();
        for (BlockingQueue<TessBaseAPI> queue : idle.values()) {
            TessBaseAPI api;
            while ((api = queue.poll()) != null) {
                api.End();
                api.deallocate();
            }
        }
    }
}
