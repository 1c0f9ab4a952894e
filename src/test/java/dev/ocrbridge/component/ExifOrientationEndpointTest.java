package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.testsupport.ExifJpegs;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * An integrator's route with a JPEG photographed sideways as its {@code byte[]} body: the component turns it upright
 * by its EXIF Orientation before the recognizer reads it; {@code applyExifOrientation=false} sends it as stored.
 */
class ExifOrientationEndpointTest extends CamelTestSupport {

    private static final String KOREAN = "tencent-ocr:RecognizeKoreanIDCardOCR?endpointUrl=local";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("tencent-ocr", TencentOcrComponent.class).setEnvironment(name -> null);
        return context;
    }

    @Test
    void aSidewaysPhotoInARouteIsReadUpright() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(1);
        byte[] photo = ExifJpegs.withOrientation(ExifJpegs.jpeg(ExifJpegs.storedForOrientation6(
                ImageIO.read(new ByteArrayInputStream(card.image())))), 6, true);

        Exchange turned = template.request(KOREAN, e -> e.getMessage().setBody(photo));
        Exchange asStored = template.request(KOREAN + "&applyExifOrientation=false",
                e -> e.getMessage().setBody(photo));

        assertThat(turned.getException()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = turned.getMessage().getBody(Map.class);
        assertThat(fields.get("ID")).isEqualTo(card.expected().get("ID"));
        // as stored, the card is on its side: no ID where the layout expects one
        Object storedId = asStored.getException() == null
                ? asStored.getMessage().getBody(Map.class).get("ID") : null;
        assertThat(storedId).isNotEqualTo(card.expected().get("ID"));
    }
}
