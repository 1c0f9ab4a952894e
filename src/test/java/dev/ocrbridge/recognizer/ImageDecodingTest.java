package dev.ocrbridge.recognizer;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.request.ImagePreCheck;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.sandbox.SignedClient;
import dev.ocrbridge.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
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
        OcrException e = catchThrowableOfType(OcrException.class, () -> ImageDecoding.decode(action, image));
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

    /** A small progressive JPEG, as ImageIO writes it, whose frame header then claims {@code width x height}. */
    static byte[] jpegDeclaring(boolean progressive, int width, int height) throws Exception {
        BufferedImage small = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                small.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x + y) * 2));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(small, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = out.toByteArray();
        for (int i = 2; i + 8 < jpeg.length; i++) {
            int marker = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == 0xFF && (marker == 0xC0 || marker == 0xC2)) {
                assertThat(marker == 0xC2).isEqualTo(progressive);
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no frame header");
    }

    @Test
    void aHugeProgressiveJpegOfAFewKilobytesIsRefusedFromItsHeaderWithASizeErrorTheSeedsList() throws Exception {
        byte[] bomb = jpegDeclaring(true, 10_000, 10_000);
        assertThat(bomb.length).isLessThan(8_192);
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, bomb)).isEqualTo("FailedOperation.ImageSizeTooLarge");
        // the Korean card's seed has no size code: its engine's decode code
        assertThat(code(RECOGNIZE_KOREAN_ID_CARD_OCR, bomb)).isEqualTo(RECOGNIZE_KOREAN_ID_CARD_OCR.decodeFailureCode());
        // a progressive JPEG is held whole while decoded: 16 megapixels are over its budget, not a baseline's
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, jpegDeclaring(true, 4_000, 4_000)))
                .isEqualTo("FailedOperation.ImageSizeTooLarge");
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, jpegDeclaring(false, 4_000, 4_000)))
                .as("decoded, and found to hold too little data").isEqualTo("FailedOperation.ImageDecodeFailed");
        assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, jpegDeclaring(true, 64, 64))).isNull();
        // and over the API, as the sandbox answers it
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, bomb).code())
                .isEqualTo("FailedOperation.ImageSizeTooLarge");
    }

    @Test
    void aJpegOfMoreScansThanTheLimitIsRefusedBeforeItTakesADecodingTurn() throws Exception {
        byte[] jpeg = jpegDeclaring(true, 64, 64);
        // its last scan, repeated until there are more than the limit
        int lastScan = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                lastScan = i;
            }
        }
        int end = jpeg.length - 2; // EOI
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        many.write(jpeg, 0, end);
        for (int n = 0; n < ImageDecoding.MAX_SCANS; n++) {
            many.write(jpeg, lastScan, end - lastScan);
        }
        many.write(jpeg, end, 2);
        byte[] scans = many.toByteArray();
        assertThat(ImageFormat.JPEG.jpegScans(ByteBuffer.wrap(scans), 1_000)).isGreaterThan(ImageDecoding.MAX_SCANS);

        Semaphore turns = ImageDecoding.turns();
        turns.acquire(ImageDecoding.MAX_CONCURRENT_DECODES);
        try {
            // every turn is taken: only an image refused from its header is answered now
            assertThat(code(RECOGNIZE_HEALTH_CODE_OCR, scans)).isEqualTo("FailedOperation.ImageDecodeFailed");
        } finally {
            turns.release(ImageDecoding.MAX_CONCURRENT_DECODES);
        }
    }

    @Test
    void aDecodeWaitsWhileEveryDecodingTurnIsTaken() throws Exception {
        Semaphore turns = ImageDecoding.turns();
        turns.acquire(ImageDecoding.MAX_CONCURRENT_DECODES);
        AtomicReference<BufferedImage> decoded = new AtomicReference<>();
        Thread decoding = new Thread(() -> decoded.set(ImageDecoding.decode(RECOGNIZE_HEALTH_CODE_OCR,
                TestImages.tinyPng(1))), "decoding");
        try {
            decoding.start();
            await().atMost(Duration.ofSeconds(20)).until(turns::hasQueuedThreads);
            assertThat(decoded.get()).isNull();
        } finally {
            turns.release(ImageDecoding.MAX_CONCURRENT_DECODES);
        }
        decoding.join(20_000);
        assertThat(decoded.get()).isNotNull();
        assertThat(turns.availablePermits()).isEqualTo(ImageDecoding.MAX_CONCURRENT_DECODES);
    }
}
