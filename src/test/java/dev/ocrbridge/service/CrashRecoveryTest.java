package dev.ocrbridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.Recognizer;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the service's JVM (a real separate process, SIGKILL) at two chosen moments and starts it again: once while
 * the sandbox holds a chosen image's request (a latch in its recognizer: the request is surely in flight), once
 * after a chosen image's result was written and before its original was moved (the archive folder is blocked, so
 * the move fails; the failure is seen in the service's log). Afterwards every file is in exactly one place, with
 * exactly one result per archived original, and the image whose result was written is not paid for again.
 */
class CrashRecoveryTest {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final int FILES = 60;

    @TempDir
    Path data;

    @Test
    void everyFileIsAccountedForExactlyOnceAfterKillsInFlightAndBetweenResultAndMove() throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve(ACTION.documentKind()));
        Set<String> names = new HashSet<>();
        byte[] held = null;
        for (int i = 0; i < FILES; i++) {
            String name = "img-" + i + (i % 10 == 9 ? ".gif" : ".png");
            byte[] content = i % 10 == 9 ? TestImages.noiseGif(i) : TestImages.noisePng(1000 + i);
            held = i == 20 ? content : held;
            Path f = Files.write(inbox.resolve(name), content);
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(10)));
            names.add(name);
        }
        String heldSha = sha(held);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recognizer holding = (action, image, parameters) -> {
            if (sha(image).equals(heldSha) && entered.getCount() > 0) {
                entered.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Recognizer.emptyFields().recognize(action, image, parameters);
        };
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0).recognizer(ACTION, holding)
                .credential(PipelineHarness.SECRET_ID, PipelineHarness.SECRET_KEY).build().start()) {
            sandbox.faults().latencyMillis(50);
            List<Instant[]> kills = new ArrayList<>();

            // 1. killed while the sandbox holds img-20's request
            Process first = ChildService.launch(data, sandbox, "first", Map.of());
            try {
                assertThat(entered.await(90, TimeUnit.SECONDS)).as("img-20 was sent").isTrue();
            } finally {
                kill(first, sandbox, kills);
                release.countDown();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.inFlight() == 0);
            assertThat(inbox.resolve("img-20.png")).as("the held image is still in the inbox").exists();

            // 2. killed after the result of an image still in the inbox was written and before its original moved:
            //    the move fails (a file where the archive folder should be), which halts the action, and the kill
            //    lands on the halted service with that result written and its original still in the inbox
            Path outbox = data.resolve("outbox").resolve(ACTION.documentKind());
            Path archive = data.resolve("archive").resolve(ACTION.documentKind());
            Files.createDirectories(archive.getParent());
            if (Files.isDirectory(archive)) {
                // what the first run archived stays, one level up for the time being
                Files.move(archive, data.resolve("archive-held"));
            }
            Files.write(archive, new byte[0]); // a file where the folder should be: every move fails
            Set<String> resultsBefore = new HashSet<>(PipelineHarness.files(outbox).stream()
                    .map(p -> p.getFileName().toString()).toList());
            Path log = data.resolve("service-second.log");
            Instant secondStarted = sandbox.clock().instant();
            Process second = ChildService.launch(data, sandbox, "second", Map.of());
            String writtenName;
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log)
                        .contains("could not be moved out of the inbox"));
                // the halt stops intake; what was already in flight finishes: kill once every answer the sandbox
                // gave is recorded, so that this kill lands between results and moves, not on the wire
                await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.inFlight() == 0
                        && recorded().containsAll(Bills.perImage(sandbox.requests().stream()
                                .filter(r -> !r.arrival().isBefore(secondStarted)).toList()).keySet()));
                writtenName = PipelineHarness.files(outbox).stream().map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".json") && !resultsBefore.contains(n))
                        .map(n -> n.replaceFirst("\\.json$", ".png"))
                        .filter(n -> Files.exists(inbox.resolve(n)))
                        .findFirst().orElseThrow();
            } finally {
                kill(second, sandbox, kills);
            }
            String writtenSha = sha(Files.readAllBytes(inbox.resolve(writtenName)));
            await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.inFlight() == 0);
            // what it was paid for so far (once, or twice when an answer of the first run was lost at its kill)
            long writtenBills = Bills.perImage(sandbox.requests()).get(writtenSha);
            Files.delete(archive);
            if (Files.isDirectory(data.resolve("archive-held"))) {
                Files.move(data.resolve("archive-held"), archive);
            }

            // 3. a clean run finishes the batch
            Process third = ChildService.launch(data, sandbox, "third", Map.of());
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> PipelineHarness.files(inbox).isEmpty()
                        && placedCount() == FILES);
            } finally {
                third.destroy();
                third.waitFor();
            }

            List<Path> archived = PipelineHarness.files(data.resolve("archive"));
            List<Path> deadLettered = PipelineHarness.files(data.resolve("dead-letter")).stream()
                    .filter(p -> !p.getFileName().toString().endsWith(".error.json")).toList();
            List<String> placed = new ArrayList<>();
            archived.forEach(p -> placed.add(p.getFileName().toString()));
            deadLettered.forEach(p -> placed.add(p.getFileName().toString()));
            assertThat(placed).containsExactlyInAnyOrderElementsOf(names);
            assertThat(deadLettered).hasSize(FILES / 10)
                    .allSatisfy(p -> assertThat(p.getParent().getFileName().toString())
                            .isEqualTo("FailedOperation.ImageDecodeFailed"));
            // exactly one result per archived original, parsed, naming it and carrying its SHA-256
            List<Path> results = PipelineHarness.files(data.resolve("outbox"));
            assertThat(results).hasSize(archived.size());
            for (Path a : archived) {
                String stem = a.getFileName().toString().replaceFirst("\\.png$", "");
                JsonNode result = PipelineHarness.json(
                        data.resolve("outbox").resolve(ACTION.documentKind()).resolve(stem + ".json"));
                assertThat(result.path("source").path("name").asText()).isEqualTo(a.getFileName().toString());
                assertThat(result.path("source").path("sha256").asText()).isEqualTo(sha(Files.readAllBytes(a)));
            }

            List<ObservedRequest> requests = sandbox.requests();
            Map<String, Long> bills = Bills.perImage(requests);
            assertThat(bills.get(writtenSha)).as("the image whose result was written before the kill, not paid again")
                    .isEqualTo(writtenBills);
            assertThat(bills.get(heldSha)).as("img-20, answered after its caller was killed").isEqualTo(2L);
            assertThat(Bills.unexplainedBills(requests, kills))
                    .as("images (SHA-256: bills) paid for again without an answer of theirs lost at a kill").isEmpty();
        }
    }

    private static void kill(Process process, OcrSandbox sandbox, List<Instant[]> kills) throws InterruptedException {
        Instant from = sandbox.clock().instant();
        ChildService.kill(process);
        kills.add(new Instant[] {from, sandbox.clock().instant()});
    }

    private long placedCount() {
        long archived = PipelineHarness.files(data.resolve("archive")).size();
        long dead = PipelineHarness.files(data.resolve("dead-letter")).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".error.json")).count();
        return archived + dead;
    }

    /** SHA-256s of the images whose answers are in the record of answers (file names start with the SHA-256). */
    private Set<String> recorded() {
        Set<String> shas = new HashSet<>();
        Path answers = data.resolve(".ocrbridge").resolve("answers");
        if (Files.isDirectory(answers)) {
            try (var files = Files.walk(answers)) {
                files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                        .filter(n -> n.length() > 64).forEach(n -> shas.add(n.substring(0, 64)));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                return Set.of(); // written while we looked: ask again
            }
        }
        return shas;
    }

    private static String sha(byte[] bytes) {
        return Tc3Signer.sha256Hex(bytes, 0, bytes.length);
    }
}
