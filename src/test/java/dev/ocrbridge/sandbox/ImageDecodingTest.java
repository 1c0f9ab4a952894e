package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.request.ImagePreCheck;
import dev.ocrbridge.testsupport.TestImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sandbox judges an image by decoding it, as the API must, not with ocrbridge's own pre-check. */
class ImageDecodingTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    /** A PNG whose IDAT chunk's CRC is off by one: magic bytes and IEND are intact, so the pre-check passes it. */
    static byte[] pngWithBrokenCrc() {
        byte[] png = TestImages.tinyPng(3);
        for (int i = 8; i + 8 < png.length; i++) {
            if (png[i] == 'I' && png[i + 1] == 'D' && png[i + 2] == 'A' && png[i + 3] == 'T') {
                int length = ((png[i - 4] & 0xFF) << 24) | ((png[i - 3] & 0xFF) << 16) | ((png[i - 2] & 0xFF) << 8)
                        | (png[i - 1] & 0xFF);
                png[i + 4 + length + 3] ^= 1;
                return png;
            }
        }
        throw new IllegalStateException("no IDAT");
    }

    private static String code(OcrAction action, byte[] image) {
        SandboxError e = catchThrowableOfType(SandboxError.class, () -> ImageDecoding.decode(action, image));
        return e == null ? null : e.code();
    }

    @Test
    void aPngWithABrokenChecksumIsAnsweredWithEachActionsDecodeCode() throws Exception {
        byte[] broken = pngWithBrokenCrc();
        assertThat(ImagePreCheck.imageProblem(RECOGNIZE_HEALTH_CODE_OCR, broken))
                .as("the client-side pre-check cannot see it").isNull();
        SignedClient client = SANDBOX.client();
        for (OcrAction action : OcrAction.values()) {
            assertThat(client.postImage(action, broken).code()).as(action.actionName())
                    .isEqualTo(action.decodeFailureCode());
        }
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng(3)).code()).isNull();
    }

    @Test
    void decodingTellsEmptyUndecodableAndTooLargeApart() {
        assertThat(code(RECOGNIZE_KOREAN_ID_CARD_OCR, new byte[0])).isEqualTo("FailedOperation.EmptyImageError");
        assertThat(code(RECOGNIZE_KOREAN_ID_CARD_OCR, TestImages.tinyGif()))
                .isEqualTo(RECOGNIZE_KOREAN_ID_CARD_OCR.decodeFailureCode());
        byte[] jpeg = TestImages.tinyJpeg();
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, Arrays.copyOf(jpeg, jpeg.length / 2)))
                .as("a JPEG cut in half").isEqualTo("FailedOperation.ImageDecodeFailed");
        byte[] wide = TestImages.tinyPng(1);
        wide[16] = 0;
        wide[17] = 0;
        wide[18] = (byte) 0x27;
        wide[19] = (byte) 0x11; // IHDR width 10,001 px: refused from the header, before any pixel is allocated
        fixIhdrCrc(wide);
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, wide)).isEqualTo("FailedOperation.ImageSizeTooLarge");
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng(1))).isNull();
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, jpeg)).isNull();
    }

    private static void fixIhdrCrc(byte[] png) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        long v = crc.getValue();
        png[29] = (byte) (v >>> 24);
        png[30] = (byte) (v >>> 16);
        png[31] = (byte) (v >>> 8);
        png[32] = (byte) v;
    }
}
