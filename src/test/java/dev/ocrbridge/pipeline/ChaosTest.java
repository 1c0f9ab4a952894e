package dev.ocrbridge.pipeline;

import static dev.ocrbridge.pipeline.PipelineHarness.files;
import static dev.ocrbridge.pipeline.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.OcrSandbox;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 files against a sandbox misbehaving in every way at once: 20% InternalError, bursts of
 * RequestLimitExceeded, 5% dropped connections, latency spikes past the HTTP timeout, a 502 gateway. Every file
 * must end in exactly one place, no result may be written twice, retries stay bounded, and the run finishes.
 */
class ChaosTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final int FILES = 500;
    private static final int MAX_REDELIVERIES = 6;

    @TempDir
    Path data;

    @Test
    void fiveHundredFilesThroughEveryFaultAtOnceEndInExactlyOnePlace() throws Exception {
        Properties p = new Properties();
        // fast quotas and short back-off keep the run to seconds; the faults are what is under test
        p.setProperty("ocr.health-code.rate", "400");
        p.setProperty("ocrbridge.retry.max-redeliveries", Integer.toString(MAX_REDELIVERIES));
        p.setProperty("ocrbridge.retry.initial-delay-ms", "20");
        p.setProperty("ocrbridge.retry.max-delay-ms", "200");
        p.setProperty("ocrbridge.throttle.cold-start-ms", "0");
        p.setProperty("camel.component.http.so-timeout", "800");
        p.setProperty("camel.component.http.response-timeout", "800");
        OcrSandbox.Builder sandbox = OcrSandbox.builder().quota(HEALTH, 400);
        try (PipelineHarness harness = PipelineHarness.start(data, sandbox, p)) {
            harness.sandbox().faults()
                    .internalErrorShare(0.20)
                    .rateLimitBurst(25)
                    .dropShare(0.05)
                    .latencySpike(0.02, 1_500)
                    .gatewayStatus(502, 0.05);

            Path inbox = Files.createDirectories(harness.inbox(HEALTH));
            Set<String> names = new HashSet<>();
            for (int i = 0; i < FILES; i++) {
                String name = "chaos-" + i + ".png";
                Path staged = Files.write(data.resolve(name), TestImages.png(50_000 + i));
                Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
                Files.move(staged, inbox.resolve(name));
                names.add(name);
                if (i == FILES / 2) {
                    harness.sandbox().faults().rateLimitBurst(25); // a second burst mid-run
                }
            }

            await().atMost(Duration.ofMinutes(3)).until(() -> files(inbox).isEmpty()
                    && files(harness.archive(HEALTH)).size() + deadLettered(harness).size() == FILES);

            List<String> placed = new ArrayList<>();
            files(harness.archive(HEALTH)).forEach(f -> placed.add(f.getFileName().toString()));
            deadLettered(harness).forEach(f -> placed.add(f.getFileName().toString()));
            assertThat(placed).as("every file in exactly one place").hasSize(FILES)
                    .containsExactlyInAnyOrderElementsOf(names);

            // one result per archived original, each written once
            List<Path> results = files(harness.outbox(HEALTH));
            assertThat(results).hasSize(files(harness.archive(HEALTH)).size());
            double recognizedWrites = harness.app().camelContext().getRegistry()
                    .lookupByNameAndType("ocrMetrics", OcrMetrics.class).registry()
                    .find("ocrbridge.images").tag("outcome", "recognized").counters().stream()
                    .mapToDouble(Counter::count).sum();
            assertThat(recognizedWrites).isEqualTo(results.size());

            // retries bounded: no image was sent more than 1 + MAX_REDELIVERIES times
            for (Path r : results) {
                assertThat(json(r).path("attempts").asInt()).isBetween(1, 1 + MAX_REDELIVERIES);
            }
            for (Path e : files(data.resolve("dead-letter"))) {
                if (e.toString().endsWith(".error.json")) {
                    JsonNode error = json(e).path("error");
                    assertThat(error.path("disposition").asText()).isEqualTo("retry-exhausted");
                    assertThat(error.path("attempts").asInt()).isEqualTo(1 + MAX_REDELIVERIES);
                }
            }
            assertThat(harness.sandbox().requests().size()).isLessThanOrEqualTo(FILES * (1 + MAX_REDELIVERIES));
            // the faults really happened
            assertThat(harness.sandbox().stats().toString())
                    .contains("InternalError").contains("RequestLimitExceeded").contains("Dropped").contains("502");
        }
    }

    private static List<Path> deadLettered(PipelineHarness harness) {
        return files(harness.data().resolve("dead-letter")).stream()
                .filter(f -> !f.getFileName().toString().endsWith(".error.json")).toList();
    }
}
