package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.ImageDecoding;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine behind the recognizers, on a real page. */
class OcrEngineTest {

    @Test
    void aPageReadsTheSameWhateverLanguageWasLoadedLast() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        // A rotated health code whose name line the block pass reads with chi_sim's settings and misses with
        // chi_tra's (libtesseract keeps some parameters process-wide, and each language's config sets them).
        SyntheticDocuments.Sample sample = SyntheticDocuments.healthCodes(List.of(Degradation.ROTATED_MINUS_2)).get(2);
        BufferedImage decoded = ImageDecoding.decode(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, sample.image());
        GrayImage page = GrayImage.of(Images.scaleRgb(decoded, Images.factor(decoded.getWidth(),
                HealthCodeRecognizer.WORKING_WIDTH)));
        try (OcrEngine engine = OcrEngine.load(1)) {
            List<String> before = texts(engine.lines(page, LocalRecognizers.CHINESE, OcrEngine.PSM_BLOCK));
            // First use of chi_tra: its Init applies its config.
            engine.lines(page.crop(new java.awt.Rectangle(0, 0, 200, 100)), LocalRecognizers.HANJA, OcrEngine.PSM_LINE);
            List<String> after = texts(engine.lines(page, LocalRecognizers.CHINESE, OcrEngine.PSM_BLOCK));

            assertThat(after).isEqualTo(before);
            assertThat(String.join("\n", after)).contains("张");
        }
    }

    @Test
    void aPoolOfOneReadsTheBlockInOnePass() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample sample = SyntheticDocuments.healthCodes(List.of(Degradation.ORIGINAL)).get(0);
        GrayImage page = GrayImage.of(ImageDecoding.decode(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, sample.image()));
        try (OcrEngine engine = OcrEngine.load(1)) {
            assertThat(engine.block(page, LocalRecognizers.CHINESE).lines())
                    .isEqualTo(engine.lines(page, LocalRecognizers.CHINESE, OcrEngine.PSM_BLOCK));
        }
    }

    private static List<String> texts(List<TextLine> lines) {
        return lines.stream().map(TextLine::text).toList();
    }
}
