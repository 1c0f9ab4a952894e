package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real full file system (a tmpfs of a few MB, filled to ENOSPC) under the data folder: every storage failure
 * halts the action with {@code Storage.WriteFailed} (health DOWN over HTTP), the sources stay in the inbox, nothing
 * loops, and after the space is freed and the action resumed over HTTP every image ends in exactly one place,
 * with answers that arrived before the halt not paid for again.
 */
class DiskFullTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    private TinyDisk disk;
    private PipelineHarness harness;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void mount() throws Exception {
        disk = TinyDisk.mount(tmp.resolve("data"), 4);
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void unmount() throws Exception {
        root.detachAppender(logged);
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            disk.close();
        }
    }

    private Path data() {
        return tmp.resolve("data");
    }

    private PipelineHarness start(OcrSandbox.Builder sandbox) throws Exception {
        Properties p = new Properties();
        p.setProperty("ocrbridge.retry.max-redeliveries", "0");
        // each start has a sandbox on a new port: the same endpoint as far as recorded answers go
        p.setProperty("ocrbridge.endpoint-identity", "test-sandbox");
        harness = PipelineHarness.start(data(), sandbox, p);
        return harness;
    }

    @Test
    void answersThatArrivedBeforeADiskFullHaltAreNotPaidForAgainAfterResume() throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(TestImages.noisePng(7_000 + i));
        }
        dropAll(images, "staff-");
        disk.fill();
        // a latency long enough that all six are in flight when the first answer meets the full disk
        start(OcrSandbox.builder()).sandbox().faults().latencyMillis(400);

        HaltSwitch halts = haltSwitch();
        await().atMost(WAIT).until(() -> halts.haltOf(HEALTH).isPresent());
        assertThat(halts.haltOf(HEALTH).orElseThrow().code()).isEqualTo("Storage.WriteFailed");
        assertHealthDownOverHttp();
        // every request sent before the halt has been answered; some of them OK (paid for, nowhere written)
        harness.awaitIdle();
        long paidBeforeResume = harness.sandbox().requests().stream().filter(ObservedRequest::succeeded).count();
        assertThat(paidBeforeResume).as("answers arrived before the halt").isPositive();
        await().atMost(WAIT).until(() -> files(harness.inbox(HEALTH)).size() == images.size());
        assertThat(files(data().resolve("outbox"))).isEmpty();
        assertThat(files(data().resolve("archive"))).isEmpty();

        disk.free();
        assertThat(harness.http("POST", "/ocrbridge/actions/health-code/resume").getKey()).isEqualTo(200);
        await().atMost(WAIT).until(() -> files(harness.archive(HEALTH)).size() == images.size()
                && files(harness.inbox(HEALTH)).isEmpty());

        // exactly one place each, results parsed and matching their originals
        assertThat(files(harness.outbox(HEALTH))).hasSize(images.size());
        for (Path result : files(harness.outbox(HEALTH))) {
            String name = json(result).path("source").path("name").asText();
            assertThat(sha(Files.readAllBytes(harness.archive(HEALTH).resolve(name))))
                    .isEqualTo(json(result).path("source").path("sha256").asText());
        }
        assertThat(files(data().resolve("dead-letter"))).isEmpty();
        // billed once per image, those answered before the halt included
        Map<String, Long> bills = harness.sandbox().requests().stream().filter(ObservedRequest::succeeded)
                .collect(Collectors.groupingBy(ObservedRequest::imageSha256, Collectors.counting()));
        assertThat(bills).hasSize(images.size()).allSatisfy((sha, n) -> assertThat(n).as(sha).isEqualTo(1L));
    }

    @Test
    void answersHeldInMemoryThroughAHaltAreWrittenAtShutdownAndNotPaidForAfterARestart() throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(TestImages.noisePng(7_500 + i));
        }
        dropAll(images, "card-");
        disk.fill();
        start(OcrSandbox.builder()).sandbox().faults().latencyMillis(400);
        HaltSwitch halts = haltSwitch();
        await().atMost(WAIT).until(() -> halts.haltOf(HEALTH).isPresent());
        harness.awaitIdle();
        Map<String, Long> paidBeforeHalt = Bills.perImage(harness.sandbox().requests());
        assertThat(paidBeforeHalt).as("answers arrived before the halt").isNotEmpty();

        // space comes back, but instead of a resume the service is stopped and started again
        disk.free();
        harness.close();
        harness = null;
        start(OcrSandbox.builder());
        await().atMost(WAIT).until(() -> files(harness.archive(HEALTH)).size() == images.size()
                && files(harness.inbox(HEALTH)).isEmpty());
        Map<String, Long> paidAfterRestart = Bills.perImage(harness.sandbox().requests());
        assertThat(paidAfterRestart.keySet()).as("paid again").doesNotContainAnyElementsOf(paidBeforeHalt.keySet());
        assertThat(paidAfterRestart.size() + paidBeforeHalt.size()).isEqualTo(images.size());
        assertThat(files(harness.outbox(HEALTH))).hasSize(images.size());
    }

    @Test
    void aDeadLetterRecordThatCannotBeWrittenHaltsInsteadOfLooping() throws Exception {
        byte[] gif = TestImages.noiseGif(8_000);
        dropAll(List.of(gif), "scan-");
        disk.fill();
        start(OcrSandbox.builder());

        HaltSwitch halts = haltSwitch();
        await().atMost(WAIT).until(() -> halts.haltOf(HEALTH).isPresent());
        assertThat(halts.haltOf(HEALTH).orElseThrow().code()).isEqualTo("Storage.WriteFailed");
        assertHealthDownOverHttp();
        int linesAtHalt = logged.list.size();
        // no loop: once nothing of the halted action runs, the file stays, nothing was sent, hardly anything logged
        harness.awaitSuspendedAndIdle("file-drop-health-code");
        assertThat(files(harness.inbox(HEALTH))).hasSize(1);
        assertThat(logged.list.size() - linesAtHalt).as("log lines while halted").isLessThanOrEqualTo(2);
        assertThat(logged.list.stream().filter(e -> e.getFormattedMessage().contains("halted")).count())
                .as("one halt line").isEqualTo(1);
        assertThat(harness.sandbox().requests()).isEmpty();

        disk.free();
        assertThat(harness.http("POST", "/ocrbridge/actions/health-code/resume").getKey()).isEqualTo(200);
        Path dir = harness.deadLetter(HEALTH, "FailedOperation.ImageDecodeFailed");
        await().atMost(WAIT).until(() -> Files.isRegularFile(dir.resolve("scan-0.gif"))
                && Files.isRegularFile(dir.resolve("scan-0.gif.error.json")) && files(harness.inbox(HEALTH)).isEmpty());
        assertThat(dir.resolve("scan-0.gif")).hasBinaryContent(gif);
        assertThat(json(dir.resolve("scan-0.gif.error.json")).path("error").path("code").asText())
                .isEqualTo("FailedOperation.ImageDecodeFailed");
        assertThat(health().getKey()).isEqualTo(200);
    }

    private void dropAll(List<byte[]> images, String prefix) throws Exception {
        Path inbox = Files.createDirectories(data().resolve("inbox").resolve(HEALTH.documentKind()));
        for (int i = 0; i < images.size(); i++) {
            String ext = images.get(i)[0] == 'G' ? ".gif" : ".png";
            Path f = Files.write(inbox.resolve(prefix + i + ext), images.get(i));
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minusSeconds(10)));
        }
    }

    private void assertHealthDownOverHttp() {
        await().atMost(WAIT).until(() -> health().getKey() != 200);
        Map.Entry<Integer, String> health = health();
        assertThat(health.getKey()).isEqualTo(503);
        assertThat(health.getValue()).contains("DOWN").contains("Storage.WriteFailed");
    }

    private Map.Entry<Integer, String> health() {
        return harness.http("GET", "/observe/health?exposureLevel=full");
    }

    private HaltSwitch haltSwitch() {
        return harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
    }

    private static String sha(byte[] bytes) {
        return Tc3Signer.sha256Hex(bytes, 0, bytes.length);
    }
}
