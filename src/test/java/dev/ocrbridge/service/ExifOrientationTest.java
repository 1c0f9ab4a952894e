package dev.ocrbridge.service;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.ExifJpegs;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Korean ID card photographed with the phone held sideways (stored a quarter turn off, EXIF Orientation 6) and
 * dropped into the real service: the sandbox, reading the card over HTTP, gets it upright and answers its fields.
 * The result and the archive still describe the file as it was dropped (its SHA-256, its size, its bytes).
 */
class ExifOrientationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void aSidewaysPhotographedCardIsReadUpright() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0);
        byte[] photo = ExifJpegs.withOrientation(ExifJpegs.jpeg(ExifJpegs.storedForOrientation6(
                ImageIO.read(new ByteArrayInputStream(card.image())))), 6, false);

        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder().localRecognition(),
                new Properties())) {
            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "photo.jpg", photo);
            Path result = harness.outbox(RECOGNIZE_KOREAN_ID_CARD_OCR).resolve("photo.json");
            Path archived = harness.archive(RECOGNIZE_KOREAN_ID_CARD_OCR).resolve("photo.jpg");
            Path deadLetters = harness.data().resolve("dead-letter");
            // settled either way: read, or refused (sideways, the card has no text where its fields should be)
            await().atMost(WAIT).until(() -> Files.isRegularFile(archived)
                    || PipelineHarness.files(deadLetters).stream().anyMatch(f -> f.toString().endsWith(".error.json")));
            assertThat(PipelineHarness.files(deadLetters)).as("dead letters").isEmpty();
            await().atMost(WAIT).until(() -> Files.isRegularFile(result));

            JsonNode json = PipelineHarness.json(result);
            assertThat(json.path("fields").path("ID").asText()).isEqualTo(card.expected().get("ID"));
            assertThat(json.path("source").path("sha256").asText())
                    .isEqualTo(Tc3Signer.sha256Hex(photo, 0, photo.length));
            assertThat(json.path("source").path("bytes").asLong()).isEqualTo(photo.length);
            assertThat(Files.readAllBytes(archived)).isEqualTo(photo);
            harness.awaitIdle();
        }
    }
}
