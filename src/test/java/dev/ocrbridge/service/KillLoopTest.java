package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite's kill -9 loop: the service as a real child JVM, killed with SIGKILL at six random (seeded)
 * moments of a 300-file run with seeded faults, restarted after each. Then, from the file system alone: every
 * input in exactly one place, every result parsed and matching its archived original, no name doubled; and from
 * the sandbox's log: no image paid for twice beyond the answers that were in flight when a kill came.
 */
class KillLoopTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final long SEED = 77L;
    private static final int FILES = 300;
    private static final int KILLS = 6;

    @TempDir
    Path data;

    @Test
    void sixKillsAtRandomMomentsLoseNothingDoubleNothingAndBillOnlyWhatWasOnTheWire() throws Exception {
        Random random = new Random(SEED);
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0).quota(HEALTH, 200)
                .credential(PipelineHarness.SECRET_ID, PipelineHarness.SECRET_KEY).build().start()) {
            sandbox.faults().seed(SEED).latencyMillis(60).internalErrorShare(0.10).dropShare(0.03)
                    .gatewayStatus(502, 0.03);
            Path inbox = Files.createDirectories(data.resolve("inbox").resolve(HEALTH.documentKind()));
            Set<String> names = new HashSet<>();
            Map<String, String> shaByName = new HashMap<>();
            for (int i = 0; i < FILES; i++) {
                boolean gif = i % 30 == 11;
                String name = "kill-" + i + (gif ? ".gif" : ".png");
                byte[] image = gif ? TestImages.noiseGif(70_000 + i) : TestImages.noisePng(70_000 + i);
                if (i % 30 == 5) {
                    sandbox.fixtures().registerError(image, "FailedOperation.ImageNoText", null);
                }
                Path f = Files.write(inbox.resolve(name), image);
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(10)));
                names.add(name);
                shaByName.put(name, Tc3Signer.sha256Hex(image, 0, image.length));
            }
            Map<String, String> props = Map.of(
                    "ocr.health-code.rate", "200",
                    "ocrbridge.concurrency", "8",
                    "ocrbridge.retry.max-redeliveries", "8",
                    "ocrbridge.retry.initial-delay-ms", "20",
                    "ocrbridge.retry.max-delay-ms", "200",
                    "ocrbridge.throttle.cold-start-ms", "0");

            List<Instant[]> kills = new ArrayList<>();
            List<Integer> endedWith = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                Process child = ChildService.launch(data, sandbox, "run-" + k, props);
                try {
                    // a random moment: after this run has sent between 5 and 45 more requests
                    int target = sandbox.requests().size() + sandbox.inFlight() + 5 + random.nextInt(41);
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                            .until(() -> sandbox.requests().size() + sandbox.inFlight() >= target);
                } finally {
                    Instant from = sandbox.clock().instant();
                    endedWith.add(ChildService.kill(child));
                    kills.add(new Instant[] {from, sandbox.clock().instant()});
                }
                // what was in flight is answered (into a dead socket) before the next run starts
                await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.inFlight() == 0);
                assertThat(files(inbox)).as("kill %d came mid-run", k).isNotEmpty();
            }
            Process last = ChildService.launch(data, sandbox, "final", props);
            try {
                await().atMost(Duration.ofMinutes(3)).until(() -> files(inbox).isEmpty()
                        && files(data.resolve("archive")).size() + deadLettered().size() == FILES);
            } finally {
                last.destroy();
                last.waitFor();
            }

            // every input in exactly one place, under its own name
            List<Path> archived = files(data.resolve("archive"));
            List<String> placed = new ArrayList<>();
            archived.forEach(a -> placed.add(a.getFileName().toString()));
            deadLettered().forEach(d -> placed.add(d.getFileName().toString()));
            long lost = names.stream().filter(n -> !placed.contains(n)).count();
            long doubled = placed.size() - new HashSet<>(placed).size() + placed.stream().filter(n -> !names.contains(n)).count();
            for (Path d : deadLettered()) {
                JsonNode error = json(d.resolveSibling(d.getFileName() + ".error.json"));
                assertThat(error.path("error").path("code").asText()).isEqualTo(d.getParent().getFileName().toString());
                assertThat(error.path("source").path("sha256").asText()).isEqualTo(shaByName.get(d.getFileName().toString()));
            }
            // every result parsed, one per archived original, its sha256 that of the original beside it
            List<Path> results = files(data.resolve("outbox"));
            Set<String> resultSources = new HashSet<>();
            for (Path r : results) {
                JsonNode result = json(r);
                String name = result.path("source").path("name").asText();
                assertThat(resultSources.add(name)).as("one result for %s", name).isTrue();
                Path original = data.resolve("archive").resolve(HEALTH.documentKind()).resolve(name);
                byte[] bytes = Files.readAllBytes(original);
                assertThat(result.path("source").path("sha256").asText())
                        .isEqualTo(Tc3Signer.sha256Hex(bytes, 0, bytes.length));
                assertThat(r.getFileName().toString()).isEqualTo(name.replaceFirst("\\.png$", ".json"));
            }
            assertThat(results).hasSize(archived.size());

            List<ObservedRequest> requests = sandbox.requests();
            long billedTwice = Bills.billedTwice(requests);
            long inFlightAtKills = kills.stream().mapToLong(k -> Bills.inFlightAt(requests, k[0], k[1])).sum();
            long inSandboxAtKills = kills.stream().mapToLong(k -> Bills.inFlightAt(requests, k[0].plus(
                    Bills.ON_THE_WIRE), k[1])).sum();
            System.out.printf("kill -9 loop: %d files, %d kills, lost %d, doubled %d, %d requests, billed twice %d, "
                    + "OK answers in flight at the kills %d (%d still in the sandbox, %d answered in the %d ms "
                    + "before)%n", FILES, kills.size(), lost, doubled, requests.size(), billedTwice, inFlightAtKills,
                    inSandboxAtKills, inFlightAtKills - inSandboxAtKills, Bills.ON_THE_WIRE.toMillis());
            // each run was still running when its kill came, and the SIGKILL is what ended it
            assertThat(endedWith).as("exit values of the killed runs").hasSize(KILLS).containsOnly(ChildService.KILLED);
            assertThat(lost).as("lost").isZero();
            assertThat(doubled).as("doubled").isZero();
            assertThat(placed).containsExactlyInAnyOrderElementsOf(names);
            assertThat(Bills.unexplainedBills(requests, kills))
                    .as("images (SHA-256: bills) paid for again without an answer of theirs lost at a kill").isEmpty();
        }
    }

    private List<Path> deadLettered() {
        return files(data.resolve("dead-letter")).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".error.json")).toList();
    }
}
