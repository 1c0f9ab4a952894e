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

    /** The page's lines, words and characters, top to bottom. */
    OcrEngine.Page page(GrayImage page) {
        List<TextBox> boxes = detector.detect(page);
        List<TextLine> words = new ArrayList<>();
        List<TextLine> symbols = new ArrayList<>();
        List<TextBox> read = new ArrayList<>();
        for (TextBox box : boxes) {
            LineRecognizer.Read r = recognizer.read(page, box);
            if (r.text().isEmpty()) {
                continue;
            }
            words.add(new TextLine(r.text(), box.bounds(), r.confidence()));
            symbols.addAll(r.characters());
            read.add(box);
        }
        return new OcrEngine.Page(TextRows.lines(read, words), words, symbols);
    }

    /** A crop holding one line, read whole; empty when nothing is read in it. */
    List<TextLine> line(GrayImage crop) {
        LineRecognizer.Read r = recognizer.read(crop);
        return r.text().isEmpty() ? List.of()
                : List.of(new TextLine(r.text(), new Rectangle(0, 0, crop.width(), crop.height()), r.confidence()));
    }

    @Override
    public void close() {
        models.close();
    }
}
