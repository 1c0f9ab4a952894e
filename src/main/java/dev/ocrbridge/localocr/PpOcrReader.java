package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * A page's lines read by PP-OCR ({@link TextDetector}, then {@link LineRecognizer} on each region), given as the
 * Tesseract engine's block read gives them ({@link OcrEngine.Page}): each region is a word; the regions that stand on
 * one row of the page, left to right, are a line; each character has the box of the step it was read at. Holds the
 * models' sessions, closed with it.
 */
final class PpOcrReader implements AutoCloseable {

    /** Half a degree: a page turned less is read as it is (a row's ends stand within a few pixels of its middle). */
    static final double LEVELLED = Math.toRadians(0.5);

    private final PpOcrModels models;
    private final TextDetector detector;
    private final LineRecognizer recognizer;

    private PpOcrReader(PpOcrModels models) {
        this.models = models;
        this.detector = new TextDetector(models);
        this.recognizer = new LineRecognizer(models);
    }

    /**
     * @throws IllegalStateException (or {@link LinkageError}) when ONNX Runtime or the models cannot load here
     */
    static PpOcrReader load() {
        return new PpOcrReader(PpOcrModels.load());
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
        List<TextLine> words = new ArrayList<>();
        List<TextLine> symbols = new ArrayList<>();
        List<TextBox> read = new ArrayList<>();
        for (TextBox box : boxes) {
            LineRecognizer.Read r = recognizer.read(upright, box);
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

    /**
     * What stands right of {@code line} to the page's edge along the page's {@code slant}, read as one line ("" when
     * nothing): a value the detector did not find beside its label. Followed along the slant, the band of a turned
     * page's row holds no edge of the rows above and below it.
     */
    String rightOf(GrayImage page, Rectangle line, double slant) {
        double cos = Math.cos(slant);
        double tan = Math.tan(slant);
        // the upright box of a turned line is taller than the line by its run across the slant
        double height = Math.max(line.height * 0.5, line.height - line.width * Math.abs(tan));
        double centerX = line.getCenterX();
        double centerY = line.getCenterY();
        double from = (line.x + line.width - centerX) / cos;
        double to = (page.width() - centerX) / cos;
        if (to - from < height) {
            return "";
        }
        double mid = (from + to) / 2;
        TextBox band = new TextBox(centerX + mid * cos, centerY + mid * Math.sin(slant), to - from, height * 1.3,
                slant, 1f);
        return recognizer.read(page, band).text();
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
        models.close();
    }
}
