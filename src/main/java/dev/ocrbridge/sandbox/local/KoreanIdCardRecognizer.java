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
        if (parsed.nameLine() != null) {
            Rectangle box = parsed.nameLine().box();
            int pad = Math.max(6, box.height / 3);
            Rectangle area = new Rectangle(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad);
            List<TextLine> again = engine.lines(gray.crop(area), LocalRecognizers.KOREAN_WITH_HANJA, OcrEngine.PSM_LINE);
            if (!again.isEmpty()) {
                String withHanja = KoreanCardLayout.name(again.get(0).text());
                String hangul = fields.get("Name").replaceFirst(" \\(.*$", "");
                // The second pass decides the Hanja; the first pass's Hangul stays if the second lost it.
                if (withHanja.startsWith(hangul) || fields.get("Name").isEmpty()) {
                    fields.put("Name", withHanja);
                } else if (withHanja.contains(" (")) {
                    fields.put("Name", hangul + withHanja.substring(withHanja.indexOf(" (")));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", fields.get("ID"));
        out.put("Name", fields.get("Name"));
        out.put("Address", fields.get("Address"));
        out.put("DateOfIssue", fields.get("DateOfIssue"));
        out.put("Birthday", fields.get("Birthday"));
        out.put("Sex", fields.get("Sex"));
        if (Boolean.TRUE.equals(parameters.get("ReturnHeadImage"))) {
            Rectangle face = Images.photoArea(card, lines);
            out.put(OcrAction.PHOTO_FIELD, face == null ? "" : Images.jpegBase64(card, face));
        }
        return out;
    }
}
