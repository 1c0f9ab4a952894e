package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page's lines read by PP-OCR ({@link TextDetector}, then {@link LineRecognizer} on each region), given as the
 * Tesseract engine's block read gives them ({@link OcrEngine.Page}): each region is a word; the regions that stand on
 * one row of the page, left to right, are a line; each character has the box of the step it was read at. Holds the
 * models' sessions, closed with it.
 * <p>
 * A page's lines are read on two cores when a helper thread is idle: the lines are read one by one, whichever thread is
 * free taking the next, so each line's read is the same whichever thread makes it. Under load (as many pages in hand
 * as cores) every helper is busy and each page is read on its caller's thread alone: sharing costs no more work in
 * all, only the one page's wait.
 */
final class PpOcrReader implements AutoCloseable {

    /** Half a degree: a page turned less is read as it is (a row's ends stand within a few pixels of its middle). */
    static final double LEVELLED = Math.toRadians(0.5);

    private final PpOcrModels models;
    private final TextDetector detector;
    private final LineRecognizer recognizer;
    /** Threads that read a share of a page's lines (see the class comment): one fewer than the cores. */
    private final ExecutorService helpers;
    /** A permit per helper thread not reading for a page now. */
    private final Semaphore idleHelpers;

    private PpOcrReader(PpOcrModels models, int cores) {
        this.models = models;
        this.detector = new TextDetector(models);
        this.recognizer = new LineRecognizer(models);
        int helperCount = Math.max(0, cores - 1);
        AtomicInteger threads = new AtomicInteger();
        this.helpers = helperCount == 0 ? null : Executors.newFixedThreadPool(helperCount, task -> {
            Thread t = new Thread(task, "pp-ocr-lines-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.idleHelpers = new Semaphore(helperCount);
    }

    /**
     * @throws IllegalStateException (or {@link LinkageError}) when ONNX Runtime or the models cannot load here
     */
    static PpOcrReader load() {
        return load(Runtime.getRuntime().availableProcessors());
    }

    /** A reader whose pages' lines are shared by up to {@code cores} threads (read by the caller alone at 1). */
    static PpOcrReader load(int cores) {
        return new PpOcrReader(PpOcrModels.load(), cores);
    }

    /**
     * A page as read: its lines, words and characters on {@code upright}, the page turned by {@code turn} (radians)
     * so that its lines run level (the page itself when they did), and the slant its lines still run at there.
     */
    record Read(OcrEngine.Page page, GrayImage upright, double turn, double slant) {
    }

    /**
     * The page's lines, words and characters, top to bottom, read on the page turned level when its lines run at
     * {@link #LEVELLED} or more: the rows that are cut from it afterwards (a value right of its label, a masked
     * number's marks) are then rows of print, where on a turned page a row's ends run into the rows above and below.
     */
    Read read(GrayImage page) {
        List<TextBox> found = detector.detect(page);
        double slant = TextRows.slant(found);
        double turn = Math.abs(slant) >= LEVELLED ? -slant : 0;
        GrayImage upright = turn == 0 ? page : page.turned(turn);
        List<TextBox> boxes = turn == 0 ? found
                : found.stream().map(b -> b.turned(turn, page.width() / 2.0, page.height() / 2.0)).toList();
        List<LineRecognizer.Read> reads = readEach(upright, boxes);
        List<TextLine> words = new ArrayList<>();
        List<TextLine> symbols = new ArrayList<>();
        List<TextBox> read = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            TextBox box = boxes.get(i);
            LineRecognizer.Read r = reads.get(i);
            if (r.text().isEmpty()) {
                continue;
            }
            words.add(new TextLine(r.text(), box.bounds(), r.confidence()));
            symbols.addAll(r.characters());
            read.add(box);
        }
        double residual = TextRows.slant(read);
        return new Read(new OcrEngine.Page(TextRows.lines(read, words, residual), words, symbols), upright, turn,
                residual);
    }

    /** Each box's line as read, in the boxes' order: on the caller's thread and an idle helper's, if there is one. */
    private List<LineRecognizer.Read> readEach(GrayImage page, List<TextBox> boxes) {
        LineRecognizer.Read[] out = new LineRecognizer.Read[boxes.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable readNext = () -> {
            for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                out[i] = recognizer.read(page, boxes.get(i));
            }
        };
        if (out.length < 2 || !idleHelpers.tryAcquire()) {
            readNext.run();
            return List.of(out);
        }
        Future<?> helped;
        try {
            helped = helpers.submit(() -> {
                try {
                    readNext.run();
                } finally {
                    idleHelpers.release();
                }
            });
        } catch (RuntimeException e) {
            idleHelpers.release();
            throw e;
        }
        try {
            readNext.run();
            // the helper's writes to out are seen once its task is done
            helped.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a page's lines were read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException failed ? failed
                    : new IllegalStateException("a page's lines could not be read", e.getCause());
        } finally {
            // on a failure the helper takes no further line; it gives its permit back when its line is read (a task
            // cancelled before it ran would keep it)
            next.set(out.length);
        }
        return List.of(out);
    }

    /**
     * What stands right of each of {@code lines} to the page's edge along the page's {@code slant}, each read as one
     * line ("" when nothing), in the lines' order: a value the detector did not find beside its label. Followed along
     * the slant, the band of a turned page's row holds no edge of the rows above and below it. The bands are read as a
     * page's lines are (on two cores when a helper is idle): on a noisy page each is as wide as the page.
     */
    List<String> rightOf(GrayImage page, List<Rectangle> lines, double slant) {
        double cos = Math.cos(slant);
        double tan = Math.tan(slant);
        List<TextBox> bands = new ArrayList<>();
        List<Integer> banded = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Rectangle line = lines.get(k);
            // the upright box of a turned line is taller than the line by its run across the slant
            double height = Math.max(line.height * 0.5, line.height - line.width * Math.abs(tan));
            double centerX = line.getCenterX();
            double centerY = line.getCenterY();
            double from = (line.x + line.width - centerX) / cos;
            double to = (page.width() - centerX) / cos;
            if (to - from >= height) {
                double mid = (from + to) / 2;
                bands.add(new TextBox(centerX + mid * cos, centerY + mid * Math.sin(slant), to - from, height * 1.3,
                        slant, 1f));
                banded.add(k);
            }
        }
        List<LineRecognizer.Read> reads = readEach(page, bands);
        String[] out = new String[lines.size()];
        Arrays.fill(out, "");
        for (int b = 0; b < bands.size(); b++) {
            out[banded.get(b)] = reads.get(b).text();
        }
        return List.of(out);
    }

    /**
     * The text of an upright part of the page read as one line, sampled {@code stretch} times as wide as its aspect
     * gives ({@link LineRecognizer#read(GrayImage, TextBox, double)}).
     */
    String read(GrayImage page, Rectangle part, double stretch) {
        return recognizer.read(page, new TextBox(part.getCenterX(), part.getCenterY(), part.width, part.height, 0, 1f),
                stretch).text();
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
        models.close();
    }
}
