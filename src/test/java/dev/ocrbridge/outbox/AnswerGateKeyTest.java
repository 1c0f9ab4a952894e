package dev.ocrbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.RecognitionJob;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** What an answer is recorded under: the same image recognized under other settings is another answer. */
class AnswerGateKeyTest {

    private static final OcrAction KOREAN = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
    private static final RecognitionJob JOB = new RecognitionJob(KOREAN,
            new RecognitionJob.Source("file", "card.jpg", "ab".repeat(32), 3, "inbox/korean-id-card/card.jpg"),
            new byte[] {1, 2, 3});

    @Test
    void anImageSentAsItIsIsAnotherAnswerThanItsUprightCopy() throws Exception {
        String upright = determinedBy("");
        String asItIs = determinedBy("&applyExifOrientation=false");

        assertThat(asItIs).isNotEqualTo(upright).contains("ExifOrientation=ignored");
        // the default keeps the keys recorded before the option existed
        assertThat(upright).doesNotContain("ExifOrientation");
    }

    private static String determinedBy(String options) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:recognize-korean")
                            .routeProperty("ocrbridge.recognizes", KOREAN.actionName()) // what the recognition route says
                            .to("tencent-ocr:RecognizeKoreanIDCardOCR?secretId=AKIDexample&secretKey=example"
                                    + "&endpointUrl=http://ocr.example:8443" + options);
                }
            });
            camel.start();
            OcrSettings settings = new OcrSettings();
            settings.setCamelContext(camel);
            AnswerGate gate = new AnswerGate();
            gate.setSettings(settings);
            return gate.key(JOB).determinedBy();
        }
    }
}
