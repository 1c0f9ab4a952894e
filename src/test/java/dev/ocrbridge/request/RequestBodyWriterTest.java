package dev.ocrbridge.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.OcrException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestBodyWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PNG_HEADER = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    /**
     * PNG-shaped bytes of exactly {@code size}: the signature, one chunk of random data, an IEND chunk, so that
     * the end-marker check (which walks the chunks) finds the end. Below 32 bytes there is no room for chunks:
     * random bytes after the signature, for the body writer alone.
     */
    static byte[] png(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy(PNG_HEADER, 0, b, 0, PNG_HEADER.length);
        if (size >= 32) {
            ByteBuffer.wrap(b, 8, 8).putInt(size - 32).put("prVt".getBytes());
            ByteBuffer.wrap(b, size - 12, 12).putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
        }
        return b;
    }

    @Test
    void bodyIsValidJsonWhoseImageBase64DecodesToTheImage() throws Exception {
        for (int size : new int[] {8, 9, 10, 11, 1000, 1_000_001}) {
            byte[] image = png(size);
            byte[] body = RequestBodyWriter.imageBase64Body(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, image,
                    new RequestOptions(true, null));
            JsonNode node = JSON.readTree(body);
            assertThat(Base64.getDecoder().decode(node.get("ImageBase64").asText())).isEqualTo(image);
            assertThat(node.get("ReturnHeadImage").isBoolean()).isTrue();
            assertThat(node.get("ReturnHeadImage").asBoolean()).isTrue();
            assertThat(node.size()).isEqualTo(2);
        }
    }

    @Test
    void optionsGoOnlyToTheActionThatDefinesThem() throws Exception {
        RequestOptions both = new RequestOptions(false, 0);
        JsonNode health = JSON.readTree(RequestBodyWriter.imageBase64Body(OcrAction.RECOGNIZE_HEALTH_CODE_OCR,
                png(16), both));
        assertThat(health.has("ReturnHeadImage")).isFalse();
        assertThat(health.get("Type").isInt()).isTrue();
        JsonNode korean = JSON.readTree(RequestBodyWriter.imageBase64Body(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR,
                png(16), both));
        assertThat(korean.has("Type")).isFalse();
        assertThat(korean.get("ReturnHeadImage").asBoolean()).isFalse();
    }

    @Test
    void imageUrlBodyEscapesTheUrl() throws Exception {
        JsonNode node = JSON.readTree(RequestBodyWriter.imageUrlBody(OcrAction.RECOGNIZE_HEALTH_CODE_OCR,
                "https://x/a\"b\\c.jpg", RequestOptions.NONE));
        assertThat(node.get("ImageUrl").asText()).isEqualTo("https://x/a\"b\\c.jpg");
    }

    @Test
    void preCheckRefusesWithTheCodesTencentUses() {
        OcrAction health = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
        OcrAction korean = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
        assertThatThrownBy(() -> ImagePreCheck.check(health, new byte[0], 100))
                .isInstanceOf(OcrException.class).extracting("code").isEqualTo("FailedOperation.EmptyImageError");
        byte[] gif = "GIF89a-------".getBytes();
        assertThatThrownBy(() -> ImagePreCheck.check(health, gif, 100))
                .extracting("code").isEqualTo("FailedOperation.ImageDecodeFailed");
        assertThatThrownBy(() -> ImagePreCheck.check(korean, gif, 100))
                .extracting("code").isEqualTo("InvalidParameter.EngineImageDecodeFailed");
        assertThatThrownBy(() -> ImagePreCheck.check(health, "hello, this is text".getBytes(), 100))
                .extracting("code").isEqualTo("FailedOperation.ImageDecodeFailed");
        // 75 bytes -> 100 Base64 characters: at the limit passes, one more byte does not
        ImagePreCheck.check(health, png(75), 100);
        assertThatThrownBy(() -> ImagePreCheck.check(health, png(76), 100))
                .extracting("code").isEqualTo("LimitExceeded.TooLargeFileError");
    }

    @Test
    void jpegIsAccepted() {
        // SOI, an APP0 segment of length 7 ("JFIF\0"), EOI
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 7, 'J', 'F', 'I', 'F', 0, (byte) 0xFF,
                (byte) 0xD9};
        assertThat(ImagePreCheck.check(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, jpeg, 100).name()).isEqualTo("JPEG");
    }
}
