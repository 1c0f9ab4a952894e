package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import dev.ocrbridge.intake.ClaimedFile;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 files against a sandbox misbehaving in every way at once, its random draws seeded: 20% InternalError,
 * bursts of RequestLimitExceeded, 5% dropped connections, latency spikes past the HTTP timeout, a 502 gateway;
 * among the files 20 GIFs (rejected locally) and 20 images the API cannot read (rejected by the API). Checked
 * from the file system and the sandbox's log, not from ocrbridge's own counters: every file in exactly one place,
 * every result written once and matching its original, retries bounded, and no image paid for twice except
 * those whose answer came after the client had given up on it.
 */
class ChaosTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final long SEED = 4_242L;
    private static final int FILES = 500;
    private static final int GIFS = 20;
    private static final int NO_TEXT = 20;
    private static final int MAX_REDELIVERIES = 8;
    private static final int HTTP_TIMEOUT_MS = 800;

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
        // the component's own client timeout (camel-http's component options do not reach the client it builds)
        p.setProperty("camel.component.tencent-ocr.response-timeout", Integer.toString(HTTP_TIMEOUT_MS));
        OcrSandbox.Builder sandbox = OcrSandbox.builder().quota(HEALTH, 400);
        try (PipelineHarness harness = PipelineHarness.start(data, sandbox, p);
             WatchService watch = data.getFileSystem().newWatchService()) {
            harness.sandbox().faults().seed(SEED)
                    .internalErrorShare(0.20)
                    .rateLimitBurst(25)
                    .dropShare(0.05)
                    .latencySpike(0.02, 1_500)
                    .gatewayStatus(502, 0.05);
            Map<String, Long> timeouts = timeoutsPerImage(harness.app().camelContext());
            // every result that lands in the outbox, counted by the kernel: a rewrite is a second arrival
            Path outbox = Files.createDirectories(harness.outbox(HEALTH));
            WatchKey outboxKey = outbox.register(watch, ENTRY_CREATE);

            Path inbox = Files.createDirectories(harness.inbox(HEALTH));
            Set<String> names = new HashSet<>();
            Set<String> gifs = new HashSet<>();
            Set<String> noText = new HashSet<>();
            for (int i = 0; i < FILES; i++) {
                boolean gif = i % (FILES / GIFS) == 7;
                boolean unreadable = i % (FILES / NO_TEXT) == 3;
                String name = "chaos-" + i + (gif ? ".gif" : ".png");
                byte[] image = gif ? TestImages.noiseGif(50_000 + i) : TestImages.noisePng(50_000 + i);
                if (unreadable) {
                    harness.sandbox().fixtures().registerError(image, "FailedOperation.ImageNoText", null);
                    noText.add(name);
                }
                if (gif) {
                    gifs.add(name);
                }
                Path staged = Files.write(data.resolve(name), image);
                Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
                Files.move(staged, inbox.resolve(name));
                names.add(name);
            }
            // a second burst mid-run, once the first is used up
            await().atMost(Duration.ofMinutes(2)).until(() -> harness.sandbox().faults().rateLimitBurst() == 0
                    && files(harness.archive(HEALTH)).size() + deadLettered(harness).size() >= FILES / 3);
            harness.sandbox().faults().rateLimitBurst(25);

            await().atMost(Duration.ofMinutes(3)).until(() -> files(inbox).isEmpty()
                    && files(harness.archive(HEALTH)).size() + deadLettered(harness).size() == FILES);

            List<String> placed = new ArrayList<>();
            files(harness.archive(HEALTH)).forEach(f -> placed.add(f.getFileName().toString()));
            deadLettered(harness).forEach(f -> placed.add(f.getFileName().toString()));
            assertThat(placed).as("every file in exactly one place").hasSize(FILES)
                    .containsExactlyInAnyOrderElementsOf(names);

            // the dead-letter path ran over real files, exactly those the seed of the run decided
            assertThat(names(deadLetterDir(harness, "FailedOperation.ImageDecodeFailed")))
                    .containsExactlyInAnyOrderElementsOf(gifs);
            assertThat(names(deadLetterDir(harness, "FailedOperation.ImageNoText")))
                    .containsExactlyInAnyOrderElementsOf(noText);
            for (Path original : deadLettered(harness)) {
                JsonNode error = json(original.resolveSibling(original.getFileName() + ".error.json")).path("error");
                String code = original.getParent().getFileName().toString();
                assertThat(error.path("code").asText()).isEqualTo(code);
                switch (code) {
                    case "FailedOperation.ImageDecodeFailed" -> {
                        assertThat(error.path("disposition").asText()).isEqualTo("reject");
                        assertThat(error.path("attempts").asInt()).isZero();
                    }
                    case "FailedOperation.ImageNoText" -> {
                        assertThat(error.path("disposition").asText()).isEqualTo("reject");
                        assertThat(error.path("attempts").asInt()).isBetween(1, 1 + MAX_REDELIVERIES);
                    }
                    default -> {
                        assertThat(error.path("disposition").asText()).isEqualTo("retry-exhausted");
                        assertThat(error.path("attempts").asInt()).isEqualTo(1 + MAX_REDELIVERIES);
                    }
                }
            }

            // one result per archived original, matching it, each written once (counted by the kernel)
            List<Path> results = files(outbox);
            assertThat(results).hasSize(files(harness.archive(HEALTH)).size());
            for (Path r : results) {
                JsonNode result = json(r);
                Path original = harness.archive(HEALTH).resolve(result.path("source").path("name").asText());
                byte[] bytes = Files.readAllBytes(original);
                assertThat(result.path("source").path("sha256").asText())
                        .isEqualTo(Tc3Signer.sha256Hex(bytes, 0, bytes.length));
                // retries bounded: no image was sent more than 1 + MAX_REDELIVERIES times
                assertThat(result.path("attempts").asInt()).isBetween(1, 1 + MAX_REDELIVERIES);
            }
            Map<String, Integer> arrivals = new HashMap<>();
            for (WatchEvent<?> event : outboxKey.pollEvents()) {
                assertThat(event.kind()).as("the watch kept up").isNotEqualTo(OVERFLOW);
                arrivals.merge(event.context().toString(), event.count(), Integer::sum);
            }
            assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(
                    results.stream().map(r -> r.getFileName().toString()).toList());
            assertThat(arrivals).as("no result written twice").allSatisfy((name, n) -> assertThat(n).isEqualTo(1));

            List<ObservedRequest> requests = harness.sandbox().requests();
            assertThat(requests.size()).isLessThanOrEqualTo((FILES - GIFS) * (1 + MAX_REDELIVERIES));
            // billed twice only where the client timed out before the (OK) answer came and asked again: per image,
            // each bill beyond the first is one of that image's own calls that ocrbridge gave up on
            Map<String, Long> bills = Bills.perImage(requests);
            Map<String, Long> unexplained = new HashMap<>();
            bills.forEach((sha, n) -> {
                if (n - 1 > timeouts.getOrDefault(sha, 0L)) {
                    unexplained.put(sha, n);
                }
            });
            System.out.printf("chaos: %d files, %d archived, %d dead-lettered, %d requests, billed twice %d, "
                            + "calls that timed out %d%n", FILES, results.size(), deadLettered(harness).size(),
                    requests.size(), Bills.billedTwice(requests),
                    timeouts.values().stream().mapToLong(Long::longValue).sum());
            assertThat(unexplained).as("images (SHA-256: bills) paid for again without a timed-out call of theirs")
                    .isEmpty();
            assertThat(timeouts).as("the latency spikes outlasted the client's timeout").isNotEmpty();
            // the faults really happened
            Map<String, Object> stats = harness.sandbox().stats();
            @SuppressWarnings("unchecked")
            Map<String, Long> byCode = (Map<String, Long>) stats.get("byCode");
            assertThat(byCode).containsKeys("InternalError", "Dropped", "Gateway.502");
            assertThat(byCode.get("RequestLimitExceeded")).as("both bursts").isGreaterThanOrEqualTo(50L);
            assertThat(harness.sandbox().faults().rateLimitBurst()).isZero();
        }
    }

    /**
     * The calls ocrbridge gave up on for want of an answer (Transport.Timeout), per image SHA-256, as they happen:
     * counted by the client itself, whatever the time the request spent reaching the sandbox.
     */
    private static Map<String, Long> timeoutsPerImage(CamelContext camel) throws Exception {
        Map<String, Long> timeouts = new ConcurrentHashMap<>();
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSentEvent sent
                        && sent.getEndpoint().getEndpointUri().startsWith("tencent-ocr:")) {
                    Exception failure = sent.getExchange().getException();
                    ClaimedFile claim = sent.getExchange().getProperty(ClaimedFile.PROPERTY, ClaimedFile.class);
                    if (failure != null && ErrorCodes.TIMEOUT.equals(Failures.classify(failure).code())
                            && claim != null && claim.readable()) {
                        timeouts.merge(claim.image().sha256(), 1L, Long::sum);
                    }
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(notifier);
        ServiceHelper.startService(notifier);
        return timeouts;
    }

    private static Path deadLetterDir(PipelineHarness harness, String code) {
        return harness.deadLetter(HEALTH, code);
    }

    private static List<String> names(Path dir) {
        return files(dir).stream().map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".error.json")).toList();
    }

    private static List<Path> deadLettered(PipelineHarness harness) {
        return files(harness.data().resolve("dead-letter")).stream()
                .filter(f -> !f.getFileName().toString().endsWith(".error.json")).toList();
    }
}
