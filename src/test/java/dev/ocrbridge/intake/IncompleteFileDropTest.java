package dev.ocrbridge.intake;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PdfPagesTest;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file drop and an image whose copy pauses for longer than the settle time, before its end. */
class IncompleteFileDropTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final Duration WAIT = Duration.ofSeconds(25);

    @TempDir
    Path data;
    private PipelineHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aCopyThatPausesBeforeItsImageIsWholeStaysInTheInboxAndIsRecognizedWholeOnceComplete() throws Exception {
        byte[] image = TestImages.noisePng(70);
        harness = PipelineHarness.start(data, OcrSandbox.builder(), new Properties());
        Path inbox = Files.createDirectories(harness.inbox(HEALTH));
        Path copy = inbox.resolve("paused.png");
        try (LogCapture log = LogCapture.start(); OutputStream writer = Files.newOutputStream(copy)) {
            writer.write(image, 0, image.length / 2);
            writer.flush();

            // taken once settled, found without its end, and left where it is
            await().atMost(WAIT).until(() -> log.events().stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("not complete yet")));
            assertThat(copy).isRegularFile();
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
            writer.write(image, image.length / 2, image.length - image.length / 2);
            writer.close();

            Path result = harness.outbox(HEALTH).resolve("paused.json");
            await().atMost(WAIT).until(() -> Files.isRegularFile(result));
            assertThat(json(result).path("source").path("bytes").asLong()).isEqualTo(image.length);
            assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("paused.png"))).isEqualTo(image);
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
            assertThat(harness.sandbox().requests()).hasSize(1);
            assertThat(LogCapture.describe(log.events())).doesNotContain("paused");
        }
    }

    @Test
    void aPdfCopyThatPausesBeforeItsEndStaysInTheInboxAndIsSplitWholeOnceComplete() throws Exception {
        byte[] pdf = PdfPagesTest.pdfOf(TestImages.noisePng(72), TestImages.noisePng(73));
        harness = PipelineHarness.start(data, OcrSandbox.builder(), new Properties());
        Path inbox = Files.createDirectories(harness.inbox(HEALTH));
        Path copy = inbox.resolve("paused.pdf");
        try (LogCapture log = LogCapture.start(); OutputStream writer = Files.newOutputStream(copy)) {
            writer.write(pdf, 0, pdf.length / 2);
            writer.flush();

            // without its %%EOF it is a copy under way: left where it is, no page rendered from half of it
            await().atMost(WAIT).until(() -> log.events().stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("not complete yet")));
            assertThat(files(inbox)).containsExactly(copy);
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
            writer.write(pdf, pdf.length / 2, pdf.length - pdf.length / 2);
            writer.close();

            await().atMost(WAIT).until(() -> Files.isRegularFile(harness.outbox(HEALTH).resolve("paused.pdf#page=2.json"))
                    && Files.isRegularFile(harness.outbox(HEALTH).resolve("paused.pdf#page=1.json")));
            assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("paused.pdf"))).isEqualTo(pdf);
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
        }
    }

    @Test
    void aTruncatedImageUnchangedForTheMaximumAgeIsDeadLetteredAsTruncated() throws Exception {
        byte[] image = TestImages.noisePng(71);
        byte[] half = Arrays.copyOf(image, image.length / 2);
        Properties p = new Properties();
        p.setProperty("ocrbridge.incomplete-max-age", "10000");
        harness = PipelineHarness.start(data, OcrSandbox.builder(), p);
        Path inbox = Files.createDirectories(harness.inbox(HEALTH));
        Path cut = Files.write(inbox.resolve("cut.png"), half);
        Files.setLastModifiedTime(cut, FileTime.from(Instant.now().minusSeconds(30)));

        Path deadLetter = harness.deadLetter(HEALTH, HEALTH.decodeFailureCode());
        await().atMost(WAIT).until(() -> Files.isRegularFile(deadLetter.resolve("cut.png.error.json"))
                && Files.isRegularFile(deadLetter.resolve("cut.png")));
        assertThat(Files.readAllBytes(deadLetter.resolve("cut.png"))).isEqualTo(half);
        assertThat(cut).doesNotExist();
        assertThat(harness.sandbox().requests()).isEmpty();
    }
}
