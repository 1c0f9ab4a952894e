package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /** Read the lower part of a page split by {@link #block}: daemon threads, one per instance. */
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
     * two instances at once when two are free ({@link SplitBlockRead}); by one otherwise (the service under load:
     * splitting costs more work in all).
     */
    public Page block(GrayImage page, String languages) {
        if (free(languages) < 2) {
            return page(page, languages, PSM_BLOCK);
        }
        return SplitBlockRead.read(this, helpers, page, languages);
    }

    /** The block read of {@link #page} ended at the first word below {@code stop}'s line. */
    Page pageAbove(GrayImage page, String languages, StopBelow stop) {
        return levels(read(page, languages, PSM_BLOCK, ALL_LEVELS, 0, "", stop));
    }

    private static final int[] ALL_LEVELS = {tesseract.RIL_TEXTLINE, tesseract.RIL_WORD, tesseract.RIL_SYMBOL};

    private static Page levels(List<List<TextLine>> read) {
        return new Page(read.get(0), read.get(1), read.get(2));
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
                out.add(collect(api, level, margin, stop));
            }
            return out;
        } finally {
            api.Clear();
            release(languages, api);
        }
    }

    private static List<TextLine> collect(TessBaseAPI api, int level, int margin, StopBelow stop) {
        List<TextLine> lines = new ArrayList<>();
        Rectangle unreadFrom = stop == null ? null : stop.reachedAt();
        ResultIterator it = api.GetIterator();
        if (it == null) {
            return lines;
        }
        try (IntPointer left = new IntPointer(1); IntPointer top = new IntPointer(1);
             IntPointer right = new IntPointer(1); IntPointer bottom = new IntPointer(1)) {
            do {
                // A stopped read recognised the words before the one it stopped on, in the iterator's order, and left the
                // rest unread: their text is not asked for (on some, a noisy page's, the engine reads through a null in
                // native code and the process dies). The caller keeps only rows above the stop.
                if (unreadFrom != null && it.BoundingBox(level == tesseract.RIL_SYMBOL ? tesseract.RIL_WORD : level, left,
                        top, right, bottom) && new Rectangle(left.get(), top.get(), right.get() - left.get(),
                        bottom.get() - top.get()).contains(unreadFrom.getCenterX(), unreadFrom.getCenterY())) {
                    break;
                }
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
