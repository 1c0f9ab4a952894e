package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.testsupport.TestImages;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Body and image checks: types, unknown names, size limits, decoding, emptiness. */
class ParametersTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    private static SignedClient.Reply post(OcrAction action, Map<String, ?> parameters) throws Exception {
        return SANDBOX.client().post(action, parameters);
    }

    private static String png64() {
        return TestImages.base64(TestImages.tinyPng());
    }

    @Test
    void bodyThatIsNotAJsonObjectIsInvalidParameter() throws Exception {
        for (String body : new String[] {"", "not json", "[]", "\"ImageBase64\"", "{\"ImageBase64\":"}) {
            SignedClient.Reply reply = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).body(body).send();
            assertThat(reply.code()).as(body).isEqualTo("InvalidParameter");
        }
    }

    @Test
    void neitherImageUrlNorImageBase64IsInvalidParameterNamingBoth() throws Exception {
        SignedClient.Reply reply = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).language("en-US")
                .body(Map.of("Type", 0)).send();
        assertThat(reply.code()).isEqualTo("InvalidParameter");
        assertThat(reply.message()).contains("ImageUrl").contains("ImageBase64");
        assertThat(post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageUrl", "")).code()).isEqualTo("InvalidParameter");
    }

    @Test
    void parameterTheActionDoesNotKnowIsUnknownParameter() throws Exception {
        SignedClient.Reply reply = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).language("en-US")
                .body(Map.of("ImageBase64", png64(), "Foo", 1)).send();
        assertThat(reply.code()).isEqualTo("UnknownParameter");
        assertThat(reply.message()).contains("`Foo`");
        // each action has its own parameters: Type is health-code only, ReturnHeadImage Korean only
        assertThat(post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", png64(), "Type", 0)).code())
                .isEqualTo("UnknownParameter");
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", png64(), "ReturnHeadImage", true)).code())
                .isEqualTo("UnknownParameter");
        // names are case-sensitive, as on the wire
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("imageBase64", png64())).code()).isEqualTo("UnknownParameter");
    }

    @Test
    void wrongJsonTypeIsInvalidParameterValueLimit() throws Exception {
        String code = "InvalidParameterValue.InvalidParameterValueLimit";
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", 123)).code()).isEqualTo(code);
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageUrl", false)).code()).isEqualTo(code);
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", png64(), "Type", "0")).code()).isEqualTo(code);
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", png64(), "Type", 1.5)).code()).isEqualTo(code);
        assertThat(post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", png64(), "ReturnHeadImage", "yes")).code())
                .isEqualTo(code);
        assertThat(post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", png64(), "ReturnHeadImage", 1)).code())
                .isEqualTo(code);
    }

    @Test
    void wellTypedParametersAreAcceptedIncludingTencentsStringBoolean() throws Exception {
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", png64(), "Type", 0)).code()).isNull();
        SignedClient.Reply stringTrue = post(RECOGNIZE_KOREAN_ID_CARD_OCR,
                Map.of("ImageBase64", png64(), "ReturnHeadImage", "true"));
        assertThat(stringTrue.code()).isNull();
        assertThat(stringTrue.field("Photo").asText()).isEmpty();
        SignedClient.Reply stringFalse = post(RECOGNIZE_KOREAN_ID_CARD_OCR,
                Map.of("ImageBase64", png64(), "ReturnHeadImage", "false"));
        assertThat(stringFalse.code()).isNull();
        assertThat(stringFalse.field("Photo")).isNull();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("ImageBase64", png64());
        withNull.put("ImageUrl", null);
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, withNull).code()).as("JSON null means absent").isNull();
    }

    @Test
    void base64LongerThanTheActionsLimitIsTooLargeFileError() throws Exception {
        int limit = OcrAction.DEFAULT_MAX_BASE64_BYTES;
        String over = "A".repeat(limit + 4);
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", over)).code())
                .isEqualTo(ErrorCodes.TOO_LARGE_FILE);
        // at the limit the size check passes; zeros are no image, so the decode check answers
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", "A".repeat(limit))).code())
                .isEqualTo(ErrorCodes.IMAGE_DECODE_FAILED);
    }

    @Test
    void gifAndGarbageAreEachActionsDecodeFailure() throws Exception {
        String gif = TestImages.base64(TestImages.tinyGif());
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", gif)).code())
                .isEqualTo("FailedOperation.ImageDecodeFailed");
        assertThat(post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", gif)).code())
                .isEqualTo("InvalidParameter.EngineImageDecodeFailed");
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", "%%% not base64 %%%")).code())
                .isEqualTo("FailedOperation.ImageDecodeFailed");
        assertThat(post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", "%%% not base64 %%%")).code())
                .isEqualTo("InvalidParameter.EngineImageDecodeFailed");
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64",
                TestImages.base64("plain text, not an image".getBytes()))).code())
                .isEqualTo("FailedOperation.ImageDecodeFailed");
    }

    @Test
    void emptyImageIsEmptyImageError() throws Exception {
        assertThat(post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageBase64", "")).code()).isEqualTo(ErrorCodes.EMPTY_IMAGE);
        assertThat(post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", "")).code())
                .isEqualTo(ErrorCodes.EMPTY_IMAGE);
    }

    @Test
    void pngAndJpegAreAccepted() throws Exception {
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyJpeg()).code()).isNull();
        assertThat(SANDBOX.client().postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, TestImages.tinyPng()).code()).isNull();
    }
}

