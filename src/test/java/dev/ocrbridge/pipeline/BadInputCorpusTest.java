package dev.ocrbridge.pipeline;

import static dev.ocrbridge.pipeline.PipelineHarness.files;
import static dev.ocrbridge.pipeline.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken, hostile and odd files in the inbox: each gets its stable code, and none is lost. */
class BadInputCorpusTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;

    @TempDir
    Path data;
    @TempDir
    Path outside;
    private PipelineHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyBadFileIsDeadLetteredUnderItsCodeAndNothingIsLost() throws Exception {
        Properties p = new Properties();
        p.setProperty("ocr.health-code.max-base64-bytes", "40000");
        harness = PipelineHarness.start(data, OcrSandbox.builder(), p);

        byte[] jpeg = TestImages.jpeg(1);
        Map<String, byte[]> rejected = new LinkedHashMap<>();
        Map<String, String> expectedCode = new LinkedHashMap<>();
        reject(rejected, expectedCode, "zero-bytes.png", new byte[0], "FailedOperation.EmptyImageError");
        reject(rejected, expectedCode, "truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2),
                "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "animated.gif", TestImages.gif(2), "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "scan.bmp", encode("bmp"), "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "notes.jpg", "this is a text file, not a photo\n".getBytes(StandardCharsets.UTF_8),
                "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "too-big.png", pngOfSize(60_000), "LimitExceeded.TooLargeFileError");
        reject(rejected, expectedCode, "bomb.png", pngDeclaring(50_000, 50_000), "FailedOperation.ImageSizeTooLarge");
        rejected.forEach((name, bytes) -> harness.drop(HEALTH, name, bytes));

        // odd but good names are recognized under their own names
        Map<String, byte[]> good = new LinkedHashMap<>();
        good.put("scan with spaces.png", TestImages.png(10));
        good.put("王一 健康码.png", TestImages.png(11));
        good.put("x..y.png", TestImages.png(12));
        good.forEach((name, bytes) -> harness.drop(HEALTH, name, bytes));

        // a leading dot marks an in-progress copy: left alone; a link is never followed out of the inbox
        Path hidden = harness.drop(HEALTH, ".hidden.png", TestImages.png(13));
        Path target = Files.write(outside.resolve("secret.png"), TestImages.png(14));
        Path link = Files.createSymbolicLink(harness.inbox(HEALTH).resolve("link.png"), target);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                files(harness.archive(HEALTH)).size() == good.size()
                        && files(data.resolve("dead-letter")).size() == 2 * rejected.size());

        expectedCode.forEach((name, code) -> {
            Path dir = harness.deadLetter(HEALTH, code);
            assertThat(dir.resolve(name)).as(name).hasBinaryContent(rejected.get(name));
            assertThat(json(dir.resolve(name + ".error.json")).path("error").path("code").asText()).isEqualTo(code);
        });
        good.forEach((name, bytes) -> {
            assertThat(harness.archive(HEALTH).resolve(name)).hasBinaryContent(bytes);
            String stem = name.substring(0, name.lastIndexOf('.'));
            assertThat(json(harness.outbox(HEALTH).resolve(stem + ".json")).path("source").path("name").asText())
                    .isEqualTo(name);
        });
        // only the good files cost a call
        assertThat(harness.sandbox().requests()).hasSize(good.size());
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() ->
                Files.exists(hidden) && Files.isSymbolicLink(link));
        assertThat(target).hasBinaryContent(TestImages.png(14));
        assertThat(files(harness.inbox(HEALTH))).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder(".hidden.png", "link.png");
    }

    private static void reject(Map<String, byte[]> files, Map<String, String> codes, String name, byte[] content,
                               String code) {
        files.put(name, content);
        codes.put(name, code);
    }

    private static byte[] encode(String format) throws Exception {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A real PNG padded with an ancillary chunk to about {@code bytes}. */
    private static byte[] pngOfSize(int bytes) {
        byte[] base = TestImages.png(20);
        byte[] padding = new byte[bytes];
        // signature + IHDR (8 + 25 bytes), then a private ancillary chunk, then the rest
        ByteBuffer out = ByteBuffer.allocate(base.length + bytes + 12);
        out.put(base, 0, 33);
        putChunk(out, "prVt", padding);
        out.put(base, 33, base.length - 33);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** A small PNG whose header claims the given size: a decompression bomb's shape without its bytes. */
    static byte[] pngDeclaring(int width, int height) {
        ByteBuffer out = ByteBuffer.allocate(64);
        out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        putChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        putChunk(out, "IEND", new byte[0]);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static void putChunk(ByteBuffer out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.putInt((int) crc.getValue());
    }
}
