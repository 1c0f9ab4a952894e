package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.ImageDecoding;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The face photo found on cards of tuned designs: left of the text, under a gradient, below a title band. */
class KoreanCardPhotoTest {

    private static BufferedImage card(String id) {
        SyntheticDocuments.Sample s = VariedDocuments.koreanCards(List.of(Degradation.ORIGINAL)).stream()
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        return ImageDecoding.decode(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, s.image());
    }

    private static void near(Rectangle found, Rectangle photo) {
        assertThat(found).as("a photo is found").isNotNull();
        int dx = photo.width / 10;
        int dy = photo.height / 10;
        assertThat(found.x).isBetween(photo.x - dx, photo.x + dx);
        assertThat(found.y).isBetween(photo.y - dy, photo.y + dy);
        assertThat(found.width).isBetween(photo.width - 2 * dx, photo.width + 2 * dx);
        assertThat(found.height).isBetween(photo.height - 2 * dy, photo.height + 2 * dy);
    }

    @Test
    void aPhotoLeftOfTheTextOnAGradientIsFoundWhole() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        // card-2020d: the photo at (40, 110), 176 × 226, its background about as light as the card's teal gradient.
        near(KoreanCardPhoto.find(card("korean-card-2020d-0")), new Rectangle(40, 110, 176, 226));
    }

    @Test
    void aTitleBandAndUnevenLightAreNoPartOfThePhoto() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        // card-1999c, 1284 × 810: a dark band across the top 144 px, the light falling off towards the lower left,
        // the photo at about (958, 192), 264 × 339 once seen in perspective.
        Rectangle found = KoreanCardPhoto.find(card("korean-card-1999c-3"));
        near(found, new Rectangle(958, 192, 264, 339));
        assertThat(found.y).as("below the band").isGreaterThan(144);
    }

    @Test
    void aCardWithoutAPhotoHasNone() {
        BufferedImage plain = new BufferedImage(856, 540, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = plain.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(0xF4F1EA), 856, 540, new java.awt.Color(0xD9D4C8)));
        g.fillRect(0, 0, 856, 540);
        g.dispose();
        assertThat(KoreanCardPhoto.find(plain)).as("a gradient alone").isNull();
    }
}
