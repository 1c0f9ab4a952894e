package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.ImageDecoding;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A block read on two Tesseract instances at once, against one read of the same page. */
class SplitBlockReadTest {

    @Test
    void aBlockReadOnTwoInstancesGivesTheRowsOfOneRead() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        try (OcrEngine engine = OcrEngine.load(2)) {
            for (SyntheticDocuments.Sample sample : SyntheticDocuments.healthCodes(
                    List.of(Degradation.ORIGINAL, Degradation.ROTATED_PLUS_2))) {
                // The page as the health-code recognizer gives it: its QR code painted out, rules removed.
                BufferedImage decoded = ImageDecoding.decode(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, sample.image());
                GrayImage page = GrayImage.of(decoded).blank(QrCode.find(decoded).orElseThrow().area()).withoutRules();
                List<TextLine> one = engine.lines(page, LocalRecognizers.CHINESE, OcrEngine.PSM_BLOCK);
                int upper = SplitBlockRead.balancedCut(engine.layout(page, LocalRecognizers.CHINESE, OcrEngine.PSM_BLOCK));

                List<TextLine> two = engine.block(page, LocalRecognizers.CHINESE).lines();

                assertThat(upper).as(sample.toString()).isPositive();
                assertThat(two).as(sample.toString()).hasSameSizeAs(one);
                // The rows above the cut are read on the whole page, stopped at the cut: exactly as in one read.
                assertThat(two.subList(0, upper)).as(sample.toString()).isEqualTo(one.subList(0, upper));
                // The rows below are read beside stubs of the upper rows: the same characters at the same places
                // (Tesseract may space CJK words and mark a colon differently).
                for (int i = upper; i < one.size(); i++) {
                    assertThat(comparable(two.get(i).text())).as(sample + " row " + i)
                            .isEqualTo(comparable(one.get(i).text()));
                    assertThat(Math.abs(two.get(i).box().y - one.get(i).box().y)).as(sample + " row " + i)
                            .isLessThanOrEqualTo(Math.max(3, one.get(i).box().height / 4));
                }
            }
        }
    }

    @Test
    void theCutEvensOutTheTwoReadsWork() {
        // Rows 40 px high: widths 400, 400, 400, 400 (10 heights each). The lower read also reads a stub of two
        // heights of each upper row and starts after a layout pass (8): 3 upper rows (30) against 1 lower row, 3
        // stubs and the layout (24) is the best; 2 and 2 would be 20 against 32.
        List<java.awt.Rectangle> rows = List.of(new java.awt.Rectangle(0, 0, 400, 40),
                new java.awt.Rectangle(0, 50, 400, 40), new java.awt.Rectangle(0, 100, 400, 40),
                new java.awt.Rectangle(0, 150, 400, 40));
        assertThat(SplitBlockRead.balancedCut(rows)).isEqualTo(3);
        // One wide row on top outweighs three narrow ones below.
        assertThat(SplitBlockRead.balancedCut(List.of(new java.awt.Rectangle(0, 0, 1200, 40),
                new java.awt.Rectangle(0, 50, 120, 40), new java.awt.Rectangle(0, 100, 120, 40),
                new java.awt.Rectangle(0, 150, 120, 40)))).isEqualTo(1);
        assertThat(SplitBlockRead.balancedCut(List.of(new java.awt.Rectangle(0, 0, 400, 40)))).isZero();
        assertThat(SplitBlockRead.balancedCut(List.of())).isZero();
    }

    /** Without spaces, and with ';' as ':'. */
    private static String comparable(String text) {
        return text.replace(" ", "").replace(';', ':');
    }
}
