package dev.ocrbridge.sandbox.local;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.sandbox.Recognizer;
import dev.ocrbridge.sandbox.SandboxError;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RecognizeHealthCodeOCR} on this machine: the QR code gives the colour (and is blanked out, its modules
 * otherwise read as noise), Tesseract's {@code chi_sim} reads the rest as one block, {@link HealthCodeLayout} turns
 * the lines into Tencent's ten fields.
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
        BufferedImage page = factor == 1.0 ? decoded : Images.scaleRgb(decoded, factor);
        Optional<QrCode.Found> qr = QrCode.find(page);
        GrayImage gray = GrayImage.of(page);
        if (qr.isPresent()) {
            gray = gray.blank(qr.get().area());
        }
        gray = gray.withoutRules();
        List<String> lines = new ArrayList<>();
        String idNumber = "";
        for (TextLine line : engine.lines(gray, LocalRecognizers.CHINESE, OcrEngine.PSM_BLOCK)) {
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
            if (idNumber.isEmpty() && HealthCodeLayout.mayHoldMaskedId(text)) {
                idNumber = maskedId(gray, line.box());
            }
            lines.add(text);
        }
        if (lines.isEmpty() && qr.isEmpty()) {
            throw new SandboxError(ErrorCodes.IMAGE_NO_TEXT);
        }
        Map<String, String> fields = HealthCodeLayout.parse(lines);
        // The second read wins unless it lost part of the number and the block pass had all of it.
        if (!idNumber.isEmpty() && (HealthCodeLayout.completeMask(idNumber)
                || !HealthCodeLayout.completeMask(fields.get("IDNumber")))) {
            fields.put("IDNumber", idNumber);
        }
        boolean anything = fields.values().stream().anyMatch(v -> !v.isEmpty());
        if (qr.isEmpty() && !anything) {
            // Text, but neither a code nor any field of one: not a health code.
            throw new SandboxError("FailedOperation.OcrFailed");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : HealthCodeLayout.FIELDS) {
            out.put(field, field.equals("Color") ? qr.map(QrCode.Found::colour).orElse("") : fields.get(field));
        }
        return out;
    }

    /**
     * The masked ID number in the row of {@code box}: {@code chi_sim} places the characters (the first digit that
     * starts a run of digits and '*' is where the number begins), {@code chi_tra} reads from there, '*' included.
     */
    private String maskedId(GrayImage gray, Rectangle box) {
        int pad = Math.max(4, box.height / 4);
        GrayImage row = gray.crop(new Rectangle(0, box.y - pad, gray.width(), box.height + 2 * pad));
        List<TextLine> symbols = engine.symbols(row, LocalRecognizers.CHINESE, OcrEngine.PSM_LINE);
        int start = -1;
        StringBuilder fromStart = new StringBuilder();
        for (int i = 0; i < symbols.size(); i++) {
            if (start < 0 && i + 1 < symbols.size() && symbols.get(i).text().matches("\\d")
                    && symbols.get(i + 1).text().matches("[\\d*xXwWr※]+")) {
                start = Math.max(0, symbols.get(i).box().x - 4);
            }
            if (start >= 0) {
                fromStart.append(symbols.get(i).text());
            }
        }
        if (start < 0) {
            return "";
        }
        GrayImage value = row.crop(new Rectangle(start, 0, row.width() - start, row.height()));
        List<TextLine> read = engine.paddedLine(value, LocalRecognizers.HANJA);
        String first = read.isEmpty() ? "" : HealthCodeLayout.maskedId(read.get(0).text());
        if (HealthCodeLayout.completeMask(first)) {
            return first;
        }
        // chi_sim's own characters: it loses long runs of '*' but reads short masks (11**01) that chi_tra may not.
        String own = HealthCodeLayout.maskedId(fromStart.toString());
        if (HealthCodeLayout.completeMask(own)) {
            return own;
        }
        // Second try: the crop as it is, with the separator before the number (read that way it sometimes keeps
        // the run of '*' the padded read lost).
        GrayImage wider = row.crop(new Rectangle(Math.max(0, start - box.height), 0,
                row.width() - Math.max(0, start - box.height), row.height()));
        List<TextLine> again = engine.lines(wider, LocalRecognizers.HANJA, OcrEngine.PSM_LINE);
        String second = again.isEmpty() ? "" : HealthCodeLayout.maskedId(again.get(0).text());
        return HealthCodeLayout.completeMask(second) || first.isEmpty() ? second : first;
    }
}
