package dev.ocrbridge.operations;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's {@code ocrbridge} dev console entry (camel-console on the class path, dev consoles on): the backlog's
 * figures per action, as the metrics and the health details give them, read from the folders.
 */
class OcrBridgeDevConsoleTest {

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
    @SuppressWarnings("unchecked")
    void showsEachActionsBacklogHaltAndDeadLettersByCode() throws Exception {
        Properties consoles = new Properties();
        consoles.setProperty("camel.main.dev-console-enabled", "true");
        harness = PipelineHarness.start(data, dev.ocrbridge.sandbox.OcrSandbox.builder(), consoles);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "note.png", "not an image".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(20)).until(() -> PipelineHarness.files(
                harness.data().resolve("dead-letter")).stream().anyMatch(f -> f.endsWith("note.png")));
        // the same image twice: the second is answered from the record of answers
        byte[] image = TestImages.noisePng(4711);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "first.png", image);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(
                harness.outbox(RECOGNIZE_HEALTH_CODE_OCR).resolve("first.json")));
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "again.png", image);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(
                harness.outbox(RECOGNIZE_HEALTH_CODE_OCR).resolve("again.json")));

        DevConsole console = harness.app().camelContext().getCamelContextExtension()
                .getContextPlugin(DevConsoleRegistry.class).resolveById("ocrbridge");
        assertThat(console).as("the ocrbridge entry is found as Camel finds its consoles").isNotNull();
        // The result is written before the image leaves the inbox (InboxCommit settles it once its exchange is done):
        // the inbox is empty a moment after again.json is there, not at once.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);

            Map<String, Object> health = (Map<String, Object>) json.get("RecognizeHealthCodeOCR");
            assertThat(health).containsEntry("inboxFiles", 0).containsEntry("halted", false)
                    .containsEntry("answersReused", 1L);
            assertThat((Map<String, Object>) health.get("deadLetters")).hasSize(1).containsValue(1);
            assertThat(json).containsKey("RecognizeKoreanIDCardOCR");
            assertThat((String) console.call(DevConsole.MediaType.TEXT))
                    .contains("RecognizeHealthCodeOCR", "inbox: 0 files", "halted: no", "answers reused: 1")
                    .doesNotContain("note.png");
        });
    }
}
