package dev.ocrbridge.service;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocr.korean-id-card.mask-id-number=true} (the component's {@code maskIdNumber}) through the real service and
 * a sandbox that reads the card: the result shows {@code 820701-2******}, and the record of answers keeps only that,
 * so a second copy of the card, answered from the record, shows it masked too.
 */
class MaskedIdNumberTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void theResultAndTheRecordOfAnswersKeepOnlyTheMaskedNumber() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0);
        String id = card.expected().get("ID");
        String masked = id.substring(0, 8) + "******";
        String hidden = id.substring(8);
        Properties p = new Properties();
        p.setProperty("ocr.korean-id-card.mask-id-number", "true");
        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder().localRecognition(), p)) {
            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "card.png", card.image());
            Path result = harness.outbox(RECOGNIZE_KOREAN_ID_CARD_OCR).resolve("card.json");
            await().atMost(WAIT).until(() -> Files.isRegularFile(result));
            assertThat(PipelineHarness.json(result).path("fields").path("ID").asText()).isEqualTo(masked);

            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "copy.png", card.image());
            Path copy = harness.outbox(RECOGNIZE_KOREAN_ID_CARD_OCR).resolve("copy.json");
            await().atMost(WAIT).until(() -> Files.isRegularFile(copy));
            assertThat(PipelineHarness.json(copy).path("reused").asBoolean()).isTrue();
            assertThat(PipelineHarness.json(copy).path("fields").path("ID").asText()).isEqualTo(masked);
            harness.awaitIdle();
        }
        try (var files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).toList()) {
                assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(data.relativize(f).toString())
                        .doesNotContain(id).doesNotContain(hidden);
            }
        }
    }
}
