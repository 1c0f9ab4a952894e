package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.main.OcrBridgeApplication;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An answer that reached ocrbridge is used again instead of being paid for again. */
class AnswerReuseTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void identicalImagesDroppedAtTheSameMomentAreSentOnce() throws Exception {
        byte[] image = TestImages.noisePng(9_100);
        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder(), new Properties())) {
            harness.sandbox().fixtures().register(image, Map.of("Name", "王*一"));
            // slow answers: all five are in flight together
            harness.sandbox().faults().latencyMillis(500);
            Path inbox = Files.createDirectories(harness.inbox(HEALTH));
            for (int i = 0; i < 5; i++) {
                Path staged = Files.write(data.resolve("twin-" + i + ".png"), image);
                Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
                Files.move(staged, inbox.resolve("twin-" + i + ".png"));
            }
            await().atMost(WAIT).until(() -> files(harness.archive(HEALTH)).size() == 5);

            List<ObservedRequest> sent = harness.sandbox().requests();
            assertThat(sent).as("one request for five identical images").hasSize(1);
            List<JsonNode> results = files(harness.outbox(HEALTH)).stream().map(PipelineHarness::json).toList();
            assertThat(results).hasSize(5).allSatisfy(r -> {
                assertThat(r.path("fields").path("Name").asText()).isEqualTo("王*一");
                assertThat(r.path("requestId").asText()).isEqualTo(sent.get(0).requestId());
            });
            assertThat(results.stream().filter(r -> r.path("reused").asBoolean())).hasSize(4);
        }
    }

    @Test
    void twinsWaitingForAnImageThatHaltsDoNotHangAndAreSentOnceAfterResume() throws Exception {
        byte[] image = TestImages.noisePng(9_300);
        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder(), new Properties())) {
            harness.sandbox().faults().latencyMillis(500)
                    .actionAnswer(HEALTH, "ResourcesSoldOut.ChargeStatusException");
            Path inbox = Files.createDirectories(harness.inbox(HEALTH));
            for (int i = 0; i < 3; i++) {
                Path staged = Files.write(data.resolve("twin-" + i + ".png"), image);
                Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
                Files.move(staged, inbox.resolve("twin-" + i + ".png"));
            }
            HaltSwitch halts = harness.app().camelContext().getRegistry()
                    .lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
            await().atMost(WAIT).until(() -> halts.haltOf(HEALTH).isPresent());
            // the twins were let go (no hang) and went back to the inbox unsent
            await().atMost(WAIT).until(() -> files(inbox).size() == 3);
            harness.awaitIdle();
            assertThat(files(inbox)).hasSize(3);
            assertThat(harness.sandbox().requests()).as("only the first was sent").hasSize(1);

            harness.sandbox().faults().clearActionAnswer(HEALTH);
            assertThat(harness.http("POST", "/ocrbridge/actions/health-code/resume").getKey()).isEqualTo(200);
            await().atMost(WAIT).until(() -> files(harness.archive(HEALTH)).size() == 3);
            assertThat(harness.sandbox().requests()).hasSize(2);
            assertThat(Bills.perImage(harness.sandbox().requests())).containsOnlyKeys(
                    harness.sandbox().requests().get(1).imageSha256()).containsValue(1L);
        }
    }

    @Test
    void theEmbeddedSandboxsAnswersAreReusedAfterARestartOnAnotherPort() throws Exception {
        byte[] image = TestImages.noisePng(9_200);
        String firstUrl;
        try (OcrBridgeApplication first = embedded()) {
            firstUrl = first.sandbox().url();
            drop("monday.png", image);
            await().atMost(WAIT).until(() -> Files.isRegularFile(data.resolve("outbox/health-code/monday.json")));
            assertThat(first.sandbox().sandbox().requests()).hasSize(1);
        }
        try (OcrBridgeApplication second = embedded()) {
            assertThat(second.sandbox().url()).isNotEqualTo(firstUrl);
            drop("tuesday.png", image);
            Path result = data.resolve("outbox/health-code/tuesday.json");
            await().atMost(WAIT).until(() -> Files.isRegularFile(result));
            assertThat(second.sandbox().sandbox().requests()).as("not sent again after the restart").isEmpty();
            assertThat(json(result).path("reused").asBoolean()).isTrue();
        }
    }

    private OcrBridgeApplication embedded() throws Exception {
        Properties p = new Properties();
        p.setProperty("ocr.endpoint", "sandbox");
        // test images are random pixels: the local recognizer would rightly find no text in them
        p.setProperty("ocr.sandbox.recognizer", "empty");
        p.setProperty("ocr.secret-id", "");
        p.setProperty("ocr.secret-key", "");
        p.setProperty("ocrbridge.data-dir", data.toString());
        p.setProperty("ocrbridge.file.settle-ms", "300");
        p.setProperty("ocrbridge.file.poll-ms", "100");
        int port = PipelineHarness.freePort();
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.port", Integer.toString(port));
        return new OcrBridgeApplication(p).start();
    }

    private void drop(String name, byte[] content) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve(HEALTH.documentKind()));
        Path staged = Files.write(data.resolve(name + ".tmp"), content);
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
        Files.move(staged, inbox.resolve(name));
    }
}
