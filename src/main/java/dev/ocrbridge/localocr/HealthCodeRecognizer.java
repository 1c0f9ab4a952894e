package dev.ocrbridge.localocr;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognizer.Recognizer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RecognizeHealthCodeOCR} on this machine: the QR code gives the colour (and is blanked out, its modules
 * otherwise read as noise), Tesseract's {@code chi_sim} reads the rest as one block ({@link OcrEngine#block}, on
 * two cores), {@link HealthCodeLayout} turns the lines into Tencent's ten fields.
 */
final class HealthCodeRecognizer implements Recognizer {

    /** Pages are scaled to about this width: glyphs of 25-40 px, which the engine reads best, in phone screenshots. */
    static final int WORKING_WIDTH = 720;

    private final OcrEngine engine;

    HealthCodeRecognizer(OcrEngine engine) {
        this.engine = engine;
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, Map<String, Object> parameters) {
        return recognize(action, image, Images.decode(action, image), parameters);
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, BufferedImage decoded,
                                         Map<String, Object> parameters) {
        double factor = Images.factor(decoded.getWidth(), WORKING_WIDTH);
        Optional<QrCode.Found> qr;
        GrayImage gray;
        if (factor > 1.0) {
            // A small screenshot: the code is searched before the page is brought up to the working width (ZXing's
            // time goes by the pixels, and an upscaled page holds no more of the code), and only the grey page is
            // scaled, by GrayImage's own bicubic (Java2D's takes five times as long).
            qr = QrCode.find(decoded).map(found -> found.scaled(factor));
            gray = GrayImage.of(decoded).scale(factor);
        } else {
            BufferedImage page = factor == 1.0 ? decoded : Images.scaleRgb(decoded, factor);
            qr = QrCode.find(page);
            gray = GrayImage.of(page);
        }
        if (qr.isPresent()) {
            gray = gray.blank(qr.get().area());
        }
        gray = gray.withoutRules();
        List<TextLine> lines = new ArrayList<>();
        List<Rectangle> mayHoldId = new ArrayList<>();
        OcrEngine.Page page = engine.block(gray, LocalRecognizers.CHINESE);
        for (TextLine line : page.lines()) {
            String text = line.text();
            if (HealthCodeLayout.labelOnly(text)) {
                // The block pass sometimes drops a value that stands far right of its label, or one made mostly of
                // '*' (a masked ID number): read the rest of that row again as a single line.
                Rectangle box = line.box();
                int pad = Math.max(3, box.height / 5);
                Rectangle rest = new Rectangle(box.x + box.width, box.y - pad, gray.width() - box.x - box.width,
                        box.height + 2 * pad);
                GrayImage band = gray.crop(rest);
                if (band.hasInk(box.height)) {
                    List<TextLine> again = engine.paddedLine(band, LocalRecognizers.CHINESE);
                    if (!again.isEmpty()) {
                        text = text + " " + again.get(0).text();
                    }
                }
            }
            if (HealthCodeLayout.mayHoldMaskedId(text)) {
                mayHoldId.add(afterColon(line.box(), page.symbols()));
            }
            lines.add(new TextLine(text, line.box(), line.confidence()));
        }
        if (lines.isEmpty() && qr.isEmpty()) {
            throw OcrException.local(ErrorCodes.IMAGE_NO_TEXT, "no text found");
        }
        Map<String, String> fields = HealthCodeLayout.parse(LabelGeometry.pair(lines, page.words()));
        for (int i = 0; i < mayHoldId.size() && !HealthCodeLayout.completeMask(fields.get("IDNumber")); i++) {
            String again = maskedId(gray, mayHoldId.get(i));
            if (HealthCodeLayout.completeMask(again) || fields.get("IDNumber").isEmpty()) {
                fields.put("IDNumber", again);
            }
        }
        for (int i = 0; i < lines.size() && fields.get("Name").isEmpty(); i++) {
            if (HealthCodeLayout.mayHoldMaskedName(lines.get(i).text())) {
                fields.put("Name", maskedName(gray, lines.get(i).box()));
            }
        }
        boolean anything = fields.values().stream().anyMatch(v -> !v.isEmpty());
        if (qr.isEmpty() && !anything) {
            // Text, but neither a code nor any field of one: not a health code.
            throw OcrException.local("FailedOperation.OcrFailed", "the document's fields could not be read");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : HealthCodeLayout.FIELDS) {
            out.put(field, field.equals("Color") ? qr.map(QrCode.Found::colour).orElse("") : fields.get(field));
        }
        return out;
    }

    /**
     * The masked name in the row of {@code box}, read again piece by piece, or "": a name with no label stands
     * beside an avatar or another picture, which read together with it turns into ideographs around the name.
     */
    private String maskedName(GrayImage gray, Rectangle box) {
        int pad = Math.max(4, box.height / 4);
        GrayImage row = gray.crop(new Rectangle(0, box.y - pad, gray.width(), box.height + 2 * pad));
        for (int[] piece : row.inkRuns(Math.max(12, box.height / 2))) {
            if (piece[1] - piece[0] < box.height) {
                continue;
            }
            GrayImage field = row.crop(new Rectangle(piece[0], 0, piece[1] - piece[0], row.height()));
            List<TextLine> read = engine.paddedLine(field, LocalRecognizers.CHINESE);
            String name = read.isEmpty() ? "" : HealthCodeLayout.parse(List.of(read.get(0).text())).get("Name");
            if (!name.isEmpty()) {
                return name;
            }
        }
        return "";
    }

    /**
     * The row of {@code line} from the right of the first colon in it (where a label ends), or from the page's left
     * edge when it holds none.
     */
    private static Rectangle afterColon(Rectangle line, List<TextLine> symbols) {
        for (TextLine s : symbols) {
            if (line.contains(s.box().getCenterX(), s.box().getCenterY()) && s.text().matches("[:：]")) {
                int from = s.box().x + s.box().width + 1;
                return new Rectangle(from, line.y, line.x + line.width - from, line.height);
            }
        }
        return new Rectangle(0, line.y, line.x + line.width, line.height);
    }

    /**
     * The masked ID number in the row of {@code box}, read again field by field: the row is cut where a gap wider
     * than a character separates two fields (a name, a label, the number), and each piece is read as one line. Read
     * with the rest of the row, a number made mostly of '*' is often garbled into ideographs.
     */
    private String maskedId(GrayImage gray, Rectangle box) {
        int pad = Math.max(4, box.height / 4);
        // From the row's left edge, or from the colon after a label: a label set close before the number is read
        // into it as one field.
        GrayImage row = gray.crop(new Rectangle(box.x, box.y - pad, gray.width() - box.x, box.height + 2 * pad));
        String found = "";
        for (int[] piece : row.inkRuns(Math.max(12, box.height))) {
            if (piece[1] - piece[0] < box.height) {
                continue;
            }
            GrayImage field = row.crop(new Rectangle(piece[0], 0, piece[1] - piece[0], row.height()));
            List<TextLine> read = engine.paddedLine(field, LocalRecognizers.CHINESE);
            String id = read.isEmpty() ? "" : HealthCodeLayout.maskedId(read.get(0).text());
            if (HealthCodeLayout.completeMask(id)) {
                return id;
            }
            // Read once more with what a masked number is made of only: a run of '*' the free read took for
            // ideographs can then only be '*'.
            read = engine.paddedLine(field, LocalRecognizers.CHINESE, "0123456789X*");
            String narrow = read.isEmpty() ? "" : HealthCodeLayout.maskedId(read.get(0).text());
            if (HealthCodeLayout.completeMask(narrow)) {
                return narrow;
            }
            found = found.isEmpty() ? id : found;
        }
        return found;
    }
}
