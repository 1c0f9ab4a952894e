package dev.ocrbridge.sandbox.local;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.sandbox.Recognizer;
import dev.ocrbridge.sandbox.SandboxError;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RecognizeKoreanIDCardOCR} on this machine: Tesseract's {@code kor} reads the card, {@link KoreanCardLayout}
 * finds the fields, and the name line is read a second time with {@code kor+chi_tra}, because {@code kor} alone
 * turns a Hanja name into Hangul look-alikes. {@code Photo} is the face, cut out as a JPEG, only when asked for.
 */
final class KoreanIdCardRecognizer implements Recognizer {

    /** Cards are scaled to about this width (an ID-1 card at ~250 dpi): glyphs of 25-45 px. */
    static final int WORKING_WIDTH = 900;

    private final OcrEngine engine;

    KoreanIdCardRecognizer(OcrEngine engine) {
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
        BufferedImage card = factor == 1.0 ? decoded : Images.scaleRgb(decoded, factor);
        GrayImage gray = GrayImage.of(card);
        // The photo, blanked, cannot merge into the text lines beside it.
        Rectangle face = Images.photoArea(card, List.of());
        if (face != null) {
            gray = gray.blank(face);
        }
        List<TextLine> lines = engine.lines(gray, LocalRecognizers.KOREAN, OcrEngine.PSM_BLOCK);
        if (lines.isEmpty()) {
            throw new SandboxError(ErrorCodes.IMAGE_NO_TEXT);
        }
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(lines);
        if (parsed.fields().get("ID").isEmpty()) {
            // Text, but no resident number: not a card of this kind, or one that cannot be read.
            throw new SandboxError("FailedOperation.OcrFailed");
        }
        Map<String, String> fields = parsed.fields();
        if (fields.get("DateOfIssue").isEmpty()) {
            fields.put("DateOfIssue", dateOfIssue(gray, lines));
        }
        if (parsed.nameLine() != null && parsed.fields().get("Name").length() > 0) {
            String hangul = fields.get("Name").replaceFirst(" \\(.*$", "");
            String hanja = hanja(gray, parsed.nameLine().box(), hangul.codePointCount(0, hangul.length()));
            fields.put("Name", hanja.isEmpty() ? hangul : hangul + " (" + hanja + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", fields.get("ID"));
        out.put("Name", fields.get("Name"));
        out.put("Address", fields.get("Address"));
        out.put("DateOfIssue", fields.get("DateOfIssue"));
        out.put("Birthday", fields.get("Birthday"));
        out.put("Sex", fields.get("Sex"));
        if (Boolean.TRUE.equals(parameters.get("ReturnHeadImage"))) {
            out.put(OcrAction.PHOTO_FIELD, face == null ? "" : Images.jpegBase64(card, face));
        }
        return out;
    }

    /** The date of issue from a line below the resident number that reads mostly as digits, read again as such. */
    private String dateOfIssue(GrayImage gray, List<TextLine> lines) {
        boolean belowNumber = false;
        for (TextLine line : lines) {
            if (!belowNumber) {
                belowNumber = line.text().replace(" ", "").matches(".*\\d{6}\\s*[-~—–]\\s*\\d{7}.*");
                continue;
            }
            if (!KoreanCardLayout.mayBeDate(line.text())) {
                continue;
            }
            Rectangle box = line.box();
            int pad = Math.max(4, box.height / 3);
            // As it is: scaled up, the engine merges the dots into the digits.
            GrayImage crop = gray.crop(new Rectangle(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad));
            List<TextLine> read = engine.paddedLine(crop, LocalRecognizers.KOREAN, "0123456789. ");
            String date = read.isEmpty() ? "" : KoreanCardLayout.dateOfIssue(read.get(0).text());
            if (!date.isEmpty()) {
                return date;
            }
        }
        return "";
    }

    /**
     * The Hanja in the name line's parentheses, or "". {@code kor} finds the characters' boxes (it reads Hanja as
     * Hangul look-alikes but places them right); what follows the opening parenthesis is read again with
     * {@code chi_tra}, which knows the Hanja of Korean names ({@code kor+chi_tra} on the whole line still prefers
     * Hangul).
     */
    private String hanja(GrayImage gray, Rectangle line, int syllables) {
        int pad = Math.max(6, line.height / 3);
        Rectangle area = new Rectangle(line.x - pad, line.y - pad, line.width + 2 * pad, line.height + 2 * pad);
        GrayImage crop = gray.crop(area);
        List<TextLine> symbols = engine.symbols(crop, LocalRecognizers.KOREAN, OcrEngine.PSM_LINE);
        int open = -1;
        for (TextLine s : symbols) {
            if (s.text().equals("(") || s.text().equals("（") || s.text().equals("[")) {
                open = s.box().x + s.box().width;
                break;
            }
        }
        if (open < 0) {
            return "";
        }
        GrayImage inside = crop.crop(new Rectangle(open, 0, crop.width() - open, crop.height()));
        String han = han(engine.lines(inside, LocalRecognizers.HANJA, OcrEngine.PSM_LINE));
        if (han.codePointCount(0, han.length()) != syllables) {
            // Each syllable of a Korean name has its one Hanja: a count that differs is a misread; a read on a white
            // margin is the second opinion, kept only if its count is right.
            String again = han(engine.paddedLine(inside, LocalRecognizers.HANJA));
            if (again.codePointCount(0, again.length()) == syllables) {
                return again;
            }
        }
        return han;
    }

    private static String han(List<TextLine> read) {
        StringBuilder han = new StringBuilder();
        if (!read.isEmpty()) {
            read.get(0).text().codePoints().filter(Texts::isHan).forEach(han::appendCodePoint);
        }
        return han.toString();
    }
}
