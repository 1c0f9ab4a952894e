package dev.ocrbridge.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.actions.OcrAction;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The service keeps no copy of an action's settings: it reads them from the endpoint its recognition route calls. */
class OcrSettingsTest {

    private static final OcrAction KOREAN = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
    /** Nothing is sent: the keys only let the endpoints start. */
    private static final String KEYS = "secretId=AKIDexample&secretKey=example";

    @Test
    void anActionsSettingsAreThoseOfTheEndpointItsRecognitionRouteCalls() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a route of one's own calling the same action elsewhere: not the service's recognition
                    from("direct:elsewhere").to("tencent-ocr:RecognizeKoreanIDCardOCR?" + KEYS + "&maxBase64Bytes=1000");
                    from("direct:recognize-korean").routeProperty(RecognitionEndpoints.RECOGNIZES_ROUTE_PROPERTY,
                                    KOREAN.actionName())
                            .choice().when(header("known")).log("reused")
                            .otherwise().to("tencent-ocr:RecognizeKoreanIDCardOCR?" + KEYS
                                    + "&endpointUrl=http://ocr.example:8443&region=ap-singapore&maxBase64Bytes=4000"
                                    + "&returnHeadImage=true&maskIdNumber=true&applyExifOrientation=false")
                            .end();
                }
            });
            camel.start();
            OcrSettings settings = new OcrSettings();
            settings.setCamelContext(camel);

            OcrSettings.ActionSettings korean = settings.action(KOREAN);

            assertThat(korean.region()).isEqualTo("ap-singapore");
            assertThat(korean.maxBase64Bytes()).isEqualTo(4000);
            assertThat(korean.maxImageBytes()).isEqualTo(3000);
            assertThat(korean.returnHeadImage()).isTrue();
            assertThat(korean.maskIdNumber()).isTrue();
            assertThat(korean.applyExifOrientation()).isFalse();
            assertThat(settings.endpointIdentity(KOREAN)).isEqualTo("ocr.example:8443");
        }
    }

    @Test
    void anActionNoRouteRecognizesIsAClearError() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            OcrSettings settings = new OcrSettings();
            settings.setCamelContext(camel);

            assertThatThrownBy(() -> settings.action(KOREAN)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no recognition route calls RecognizeKoreanIDCardOCR");
        }
    }
}
