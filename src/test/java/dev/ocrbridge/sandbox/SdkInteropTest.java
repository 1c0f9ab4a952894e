package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.CommonRequest;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.ocr.v20181119.OcrClient;
import com.tencentcloudapi.ocr.v20181119.models.RecognizeHealthCodeOCRRequest;
import com.tencentcloudapi.ocr.v20181119.models.RecognizeHealthCodeOCRResponse;
import dev.ocrbridge.testsupport.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official Tencent Java SDK, unmodified, against the sandbox through its proxy setting. */
class SdkInteropTest {

    static final MutableClock CLOCK = MutableClock.atNow();
    static final String TEMP_ID = "AKIDtemporary0123456789abcdefABCDEF";
    static final String TEMP_KEY = "temporaryKey0123456789abcdefABCD";
    static final String TEMP_TOKEN = "session-token-0123456789";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.clock(CLOCK)
            .credential(TEMP_ID, TEMP_KEY, TEMP_TOKEN));

    private static Credential known() {
        return new Credential(SandboxExtension.SECRET_ID, SandboxExtension.SECRET_KEY);
    }

    private static RecognizeHealthCodeOCRRequest healthRequest(byte[] image) {
        RecognizeHealthCodeOCRRequest request = new RecognizeHealthCodeOCRRequest();
        request.setImageBase64(TestImages.base64(image));
        return request;
    }

    private static String sdkError(ThrowingCall call) {
        TencentCloudSDKException e = catchThrowableOfType(TencentCloudSDKException.class, call::run);
        assertThat(e).as("the SDK should have thrown").isNotNull();
        return e.getErrorCode();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void healthCodeSucceedsWithTypedFieldsFromAFixture() throws Exception {
        byte[] image = TestImages.tinyPng(1);
        SANDBOX.sandbox().fixtures().register(image, Map.of("Name", "王*一", "Color", "绿色",
                "TestingResult", "阴性", "TestingInterval", "48小时"));

        RecognizeHealthCodeOCRResponse response = SdkSupport.ocr(SANDBOX.port(), known())
                .RecognizeHealthCodeOCR(healthRequest(image));

        assertThat(response.getName()).isEqualTo("王*一");
        assertThat(response.getColor()).isEqualTo("绿色");
        assertThat(response.getTestingResult()).isEqualTo("阴性");
        assertThat(response.getTestingInterval()).isEqualTo("48小时");
        assertThat(response.getIDNumber()).isEmpty();
        assertThat(response.getVaccinationTime()).isEmpty();
        assertThat(response.getRequestId()).matches("[0-9a-f-]{36}");
        List<ObservedRequest> seen = SANDBOX.sandbox().requests();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).action()).isEqualTo("RecognizeHealthCodeOCR");
        assertThat(seen.get(0).secretId()).isEqualTo(SandboxExtension.SECRET_ID);
        assertThat(seen.get(0).region()).isEqualTo("ap-guangzhou");
        assertThat(seen.get(0).errorCode()).isNull();
        assertThat(seen.get(0).requestId()).isEqualTo(response.getRequestId());
    }

    @Test
    void koreanIdCardThroughCommonClientReturnsPhotoOnlyWhenAsked() throws Exception {
        byte[] image = TestImages.tinyJpeg();
        SANDBOX.sandbox().fixtures().register(image, Map.of("Name", "홍길동 (洪吉童)", "ID", "820701-2345678",
                "Photo", "/9j/4AAQSkZJRg"));
        String b64 = TestImages.base64(image);
        var client = SdkSupport.common(SANDBOX.port(), known(), "ap-singapore");

        JsonNode withPhoto = SignedClient.JSON.readTree(client.commonRequest(
                new CommonRequest("{\"ImageBase64\":\"" + b64 + "\",\"ReturnHeadImage\":true}"),
                "RecognizeKoreanIDCardOCR")).path("Response");
        JsonNode withoutPhoto = SignedClient.JSON.readTree(client.commonRequest(
                new CommonRequest("{\"ImageBase64\":\"" + b64 + "\",\"ReturnHeadImage\":false}"),
                "RecognizeKoreanIDCardOCR")).path("Response");
        JsonNode unspecified = SignedClient.JSON.readTree(client.commonRequest(
                new CommonRequest("{\"ImageBase64\":\"" + b64 + "\"}"), "RecognizeKoreanIDCardOCR")).path("Response");

        assertThat(withPhoto.path("Photo").asText()).isEqualTo("/9j/4AAQSkZJRg");
        assertThat(withPhoto.path("Name").asText()).isEqualTo("홍길동 (洪吉童)");
        assertThat(withPhoto.path("Sex").asText()).isEmpty();
        assertThat(withoutPhoto.has("Photo")).isFalse();
        assertThat(withoutPhoto.path("ID").asText()).isEqualTo("820701-2345678");
        assertThat(unspecified.has("Photo")).isFalse();
        assertThat(unspecified.path("RequestId").asText()).isNotBlank();
    }

    @Test
    void koreanIdCardWithoutFixtureAnswersEveryFieldEmpty() throws Exception {
        String body = SdkSupport.common(SANDBOX.port(), known(), "ap-singapore").commonRequest(
                new CommonRequest("{\"ImageBase64\":\"" + TestImages.base64(TestImages.tinyPng(7))
                        + "\",\"ReturnHeadImage\":\"true\"}"), "RecognizeKoreanIDCardOCR");
        JsonNode response = SignedClient.JSON.readTree(body).path("Response");
        for (String field : RECOGNIZE_KOREAN_ID_CARD_OCR.outputFields()) {
            assertThat(response.path(field).isTextual()).as(field).isTrue();
            assertThat(response.path(field).asText()).as(field).isEmpty();
        }
    }

    /**
     * The official SDK against the standalone sandbox ({@code SandboxMain --recognizer local}) gets the fields the
     * local recognizer read, in its typed response (health code) and through its common client (Korean card, which
     * this SDK version has no typed model for).
     */
    @Test
    void standaloneSandboxWithTheLocalRecognizerAnswersTheSdkWithRealFields() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.ocrbridge.localocr.CjkFonts.available(),
                dev.ocrbridge.localocr.CjkFonts.missingMessage());
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        try (OcrSandbox standalone = SandboxMain.launch(new String[] {"--port", "0", "--recognizer", "local",
                "--credential", SandboxExtension.SECRET_ID + ":" + SandboxExtension.SECRET_KEY},
                new dev.ocrbridge.sandbox.cli.Console(quiet, quiet))) {
            assertThat(standalone.localRecognition()).isTrue();
            var health = dev.ocrbridge.localocr.SyntheticDocuments.healthCodes(
                    List.of(dev.ocrbridge.localocr.Degradation.ORIGINAL)).get(0);
            RecognizeHealthCodeOCRResponse typed = SdkSupport.ocr(standalone.port(), known())
                    .RecognizeHealthCodeOCR(healthRequest(health.image()));
            assertThat(typed.getColor()).isEqualTo(health.expected().get("Color"));
            assertThat(typed.getName()).isEqualTo(health.expected().get("Name"));
            assertThat(typed.getTestingResult()).isEqualTo(health.expected().get("TestingResult"));
            assertThat(typed.getTestingTime()).isEqualTo(health.expected().get("TestingTime"));
            assertThat(typed.getVaccinationTime()).isEqualTo(health.expected().get("VaccinationTime"));
            assertThat(typed.getSpotName()).isEmpty();

            var card = dev.ocrbridge.localocr.SyntheticDocuments.koreanCards(
                    List.of(dev.ocrbridge.localocr.Degradation.ORIGINAL)).get(0);
            JsonNode korean = SignedClient.JSON.readTree(SdkSupport.common(standalone.port(), known(), "ap-singapore")
                    .commonRequest(new CommonRequest("{\"ImageBase64\":\"" + TestImages.base64(card.image())
                            + "\",\"ReturnHeadImage\":true}"), "RecognizeKoreanIDCardOCR")).path("Response");
            assertThat(korean.path("ID").asText()).isEqualTo("820701-1234567");
            assertThat(korean.path("Name").asText()).isEqualTo("홍길동 (洪吉童)");
            assertThat(korean.path("Birthday").asText()).isEqualTo("01/07/1982");
            assertThat(korean.path("Sex").asText()).isEqualTo("男");
            assertThat(korean.path("Photo").asText()).startsWith("/9j/");
        }
    }

    @Test
    void wrongKeyIsSignatureFailure() {
        OcrClient client = SdkSupport.ocr(SANDBOX.port(), new Credential(SandboxExtension.SECRET_ID, "not-the-key"));
        assertThat(sdkError(() -> client.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyPng()))))
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void unknownSecretIdIsSecretIdNotFound() {
        OcrClient client = SdkSupport.ocr(SANDBOX.port(), new Credential("AKIDnobody", SandboxExtension.SECRET_KEY));
        assertThat(sdkError(() -> client.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyPng()))))
                .isEqualTo("AuthFailure.SecretIdNotFound");
    }

    @Test
    void tenMinutesOfClockSkewIsSignatureExpire() {
        SANDBOX.sandbox().faults().clockOffset(Duration.ofMinutes(10));
        OcrClient client = SdkSupport.ocr(SANDBOX.port(), known());
        assertThat(sdkError(() -> client.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyPng()))))
                .isEqualTo("AuthFailure.SignatureExpire");
    }

    @Test
    void eleventhRequestWithinOneSecondIsRequestLimitExceeded() throws Exception {
        OcrClient client = SdkSupport.ocr(SANDBOX.port(), known());
        RecognizeHealthCodeOCRRequest request = healthRequest(TestImages.tinyPng());
        // the test clock stands still: all of these arrive within the same second
        for (int i = 1; i <= RECOGNIZE_HEALTH_CODE_OCR.defaultRatePerSecond(); i++) {
            assertThat(client.RecognizeHealthCodeOCR(request).getRequestId()).as("request %d", i).isNotBlank();
        }
        TencentCloudSDKException e = catchThrowableOfType(TencentCloudSDKException.class,
                () -> client.RecognizeHealthCodeOCR(request));
        assertThat(e.getErrorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(e.getMessage()).contains("Your current request times equals to `11` in a second, "
                + "which exceeds the frequency limit `10` for a second. Please reduce the frequency of calls.");
        assertThat(e.getRequestId()).isNotBlank();

        CLOCK.advance(Duration.ofMillis(999));
        assertThat(sdkError(() -> client.RecognizeHealthCodeOCR(request))).isEqualTo("RequestLimitExceeded");
        CLOCK.advance(Duration.ofMillis(1));
        assertThat(client.RecognizeHealthCodeOCR(request).getRequestId()).isNotBlank();
        // the Korean action has its own window
        assertThat(SdkSupport.common(SANDBOX.port(), known(), "ap-singapore").commonRequest(new CommonRequest(
                "{\"ImageBase64\":\"" + TestImages.base64(TestImages.tinyPng()) + "\"}"), "RecognizeKoreanIDCardOCR"))
                .contains("RequestId");
    }

    @Test
    void temporaryCredentialsNeedTheirToken() throws Exception {
        OcrClient good = SdkSupport.ocr(SANDBOX.port(), new Credential(TEMP_ID, TEMP_KEY, TEMP_TOKEN));
        assertThat(good.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyPng())).getRequestId()).isNotBlank();

        OcrClient wrongToken = SdkSupport.ocr(SANDBOX.port(), new Credential(TEMP_ID, TEMP_KEY, "stale-token"));
        assertThat(sdkError(() -> wrongToken.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyPng()))))
                .isEqualTo("AuthFailure.TokenFailure");
        OcrClient noToken = SdkSupport.ocr(SANDBOX.port(), new Credential(TEMP_ID, TEMP_KEY));
        assertThat(sdkError(() -> noToken.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyPng()))))
                .isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void gifIsRejectedWithTheActionsDecodeCode() {
        OcrClient client = SdkSupport.ocr(SANDBOX.port(), known());
        assertThat(sdkError(() -> client.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyGif()))))
                .isEqualTo("FailedOperation.ImageDecodeFailed");
    }

    @Test
    void theSdkSeesAGatewayFaultAsAServerSideError() {
        SANDBOX.sandbox().faults().gatewayStatus(502, 1.0);
        OcrClient client = SdkSupport.ocr(SANDBOX.port(), known());
        TencentCloudSDKException e = catchThrowableOfType(TencentCloudSDKException.class,
                () -> client.RecognizeHealthCodeOCR(healthRequest(TestImages.tinyPng())));
        assertThat(e.getMessage()).contains("502");
        assertThat(e.getRequestId()).isEmpty();
    }
}
