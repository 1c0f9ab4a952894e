package dev.ocrbridge.localocr;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.ImageDecoding;
import dev.ocrbridge.recognizer.Recognizer;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * The local recognizer as the class path offers it ({@code META-INF/services/dev.ocrbridge.recognizer.Recognizer}):
 * Tesseract 5, PP-OCRv4 (a health code's lines) and ZXing on this machine, one recognizer per action on one shared
 * engine ({@link LocalRecognizers}).
 * Given undecoded bytes (in-process recognition) it judges them first as the sandbox does, so that both answer the
 * same codes for the same bad images.
 */
public final class LocalOcrRecognizer implements Recognizer {

    @Override
    public boolean available() {
        return LocalRecognizers.available();
    }

    @Override
    public String description() {
        return LocalRecognizers.ppOcrChosen()
                ? "local recognition (Tesseract 5: kor, kor+chi_tra, chi_sim; PP-OCRv4: health codes' lines; ZXing)"
                : "local recognition (Tesseract 5: kor, kor+chi_tra, chi_sim; ZXing)";
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, Map<String, Object> requestParameters) {
        // judged as the sandbox judges it: the same codes for the same bad images
        return recognize(action, image, ImageDecoding.decode(action, image), requestParameters);
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, BufferedImage decoded,
                                         Map<String, Object> requestParameters) {
        return LocalRecognizers.forAction(action).recognize(action, image, decoded, requestParameters);
    }
}
