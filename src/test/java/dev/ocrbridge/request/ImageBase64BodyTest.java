package dev.ocrbridge.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.signing.Credentials;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streamed body is byte for byte the body built whole, and so is its hash and its signature. */
class ImageBase64BodyTest {

    private static final Tc3Signer SIGNER = new Tc3Signer(Credentials.of("AKIDstream", "streamKey"), OcrAction.SERVICE);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, ImageBase64Body.CHUNK - 1, ImageBase64Body.CHUNK, ImageBase64Body.CHUNK + 1,
            ImageBase64Body.CHUNK + 2, 2 * ImageBase64Body.CHUNK, 2 * ImageBase64Body.CHUNK + 5, 1_000_003})
    void streamedBytesHashAndSignatureEqualTheWholeBody(int size) throws IOException {
        byte[] image = random(size, size);
        for (OcrAction action : OcrAction.values()) {
            for (RequestOptions options : new RequestOptions[] {RequestOptions.NONE, new RequestOptions(true, null),
                    new RequestOptions(false, 2)}) {
                byte[] whole = RequestBodyWriter.imageBase64Body(action, image, options);
                Path file = Files.write(dir.resolve("img-" + size), image);
                for (ImageBase64Body streamed : new ImageBase64Body[] {ImageBase64Body.of(action, image, options),
                        ImageBase64Body.of(action, file, options)}) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    streamed.writeTo(out);
                    assertThat(out.toByteArray()).isEqualTo(whole);
                    assertThat(streamed.contentLength()).isEqualTo(whole.length);
                    assertThat(streamed.sha256Hex()).isEqualTo(Tc3Signer.sha256Hex(whole, 0, whole.length));
                    assertThat(SIGNER.signHashed(OcrAction.HOST, "application/json", 1_709_294_400L, streamed.sha256Hex())
                            .authorization())
                            .isEqualTo(SIGNER.sign(OcrAction.HOST, "application/json", 1_709_294_400L, whole).authorization());
                }
            }
        }
    }

    @Test
    void manyRandomImagesStreamToTheSameBytes() throws IOException {
        SplittableRandom sizes = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            byte[] image = random(sizes.nextInt(0, 4 * ImageBase64Body.CHUNK), i);
            byte[] whole = RequestBodyWriter.imageBase64Body(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, image,
                    new RequestOptions(true, null));
            ImageBase64Body streamed = ImageBase64Body.of(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, image,
                    new RequestOptions(true, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            streamed.writeTo(out);
            assertThat(out.toByteArray()).isEqualTo(whole);
        }
    }

    @Test
    void theHookRunsOnceWithEverythingButTheClosingBytesFlushed() throws IOException {
        byte[] image = random(3 * ImageBase64Body.CHUNK + 7, 9);
        byte[] whole = RequestBodyWriter.imageBase64Body(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, image, RequestOptions.NONE);
        ImageBase64Body body = ImageBase64Body.of(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, image, RequestOptions.NONE);
        AtomicInteger flushedAtHook = new AtomicInteger(-1);
        AtomicInteger calls = new AtomicInteger();
        ByteArrayOutputStream wire = new ByteArrayOutputStream() {
            int flushed;

            @Override
            public void flush() {
                flushed = size();
            }
        };
        body.writeTo(wire, () -> {
            calls.incrementAndGet();
            flushedAtHook.set(wire.size());
        });
        assertThat(calls).hasValue(1);
        assertThat(wire.toByteArray()).isEqualTo(whole);
        // only the closing quote and brace (and any options) follow the hook
        assertThat(flushedAtHook.get()).isEqualTo(whole.length - 2);
    }

    @Test
    void aFileThatChangedIsNeverSentAsIfItWereTheSame() throws IOException {
        Path file = Files.write(dir.resolve("changing.png"), random(1000, 1));
        ImageBase64Body body = ImageBase64Body.of(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, file, RequestOptions.NONE);
        Files.write(file, random(1200, 2));
        assertThatThrownBy(() -> body.writeTo(new ByteArrayOutputStream())).isInstanceOf(IOException.class)
                .hasMessageNotContaining("changing.png");
        assertThatThrownBy(body::sha256Hex).isInstanceOf(UncheckedIOException.class);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
