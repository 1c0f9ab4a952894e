package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.testsupport.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-action limits configured on the builder. */
class SmallLimitsTest {

    static final byte[] PNG = TestImages.tinyPng();
    static final int PNG_BASE64 = TestImages.base64(PNG).length();

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b
            .maxBase64Bytes(RECOGNIZE_HEALTH_CODE_OCR, PNG_BASE64 - 1)
            .maxBase64Bytes(RECOGNIZE_KOREAN_ID_CARD_OCR, PNG_BASE64));

    @Test
    void theLimitIsPerActionAndInclusive() throws Exception {
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG).code()).isEqualTo(ErrorCodes.TOO_LARGE_FILE);
        assertThat(SANDBOX.client().postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, PNG).code()).isNull();
        assertThat(SANDBOX.sandbox().maxBase64Bytes(RECOGNIZE_KOREAN_ID_CARD_OCR)).isEqualTo(PNG_BASE64);
    }
}
