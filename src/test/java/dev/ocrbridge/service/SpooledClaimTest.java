package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dropped image in flight is a private copy on disk taken at its claim (issue 13), and issue 9's guarantee holds
 * over it: a file rewritten in place after its claim is never sent with its new bytes, the bytes sent are the ones
 * archived, and the new content is taken again as an image of its own. The copy is gone once the image is settled.
 */
class SpooledClaimTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void aFileRewrittenAfterItsClaimIsNeverSentWithItsNewBytes() throws Exception {
        CountDownLatch firstRequestIn = new CountDownLatch(1);
        CountDownLatch rewritten = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // the first request waits in the sandbox until the file has been rewritten, then fails with a retry code:
        // the retry is built anew from what the claim took
        Recognizer holdFirst = (action, image, parameters) -> {
            if (calls.getAndIncrement() == 0) {
                firstRequestIn.countDown();
                try {
                    rewritten.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("InternalError for the first attempt");
            }
            return Recognizer.emptyFields().recognize(action, image, parameters);
        };
        Properties p = new Properties();
        p.setProperty("ocrbridge.reuse-results", "false");
        harness = PipelineHarness.start(data, OcrSandbox.builder().recognizer(HEALTH, holdFirst), p);
        // over ImageSpool.IN_MEMORY_UP_TO: each is spooled to a file
        byte[] original = TestImages.noisePng(300, 51);
        byte[] replacement = TestImages.noisePng(300, 52);
        String originalSha = Tc3Signer.sha256Hex(original, 0, original.length);
        String replacementSha = Tc3Signer.sha256Hex(replacement, 0, replacement.length);

        Path dropped = harness.drop(HEALTH, "a.png", original);
        assertThat(firstRequestIn.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // while its claim is in flight (held on disk as one private copy), the file is rewritten in place
        assertThat(spooled()).hasSize(1);
        Files.write(dropped, replacement);
        Files.setLastModifiedTime(dropped, FileTime.from(Instant.now().minusSeconds(5)));
        rewritten.countDown();

        await().atMost(WAIT).until(() -> files(harness.archive(HEALTH)).size() == 2
                && files(harness.outbox(HEALTH)).size() == 2);
        List<ObservedRequest> requests = harness.sandbox().requests();
        assertThat(requests).extracting(ObservedRequest::imageSha256)
                .containsExactlyInAnyOrder(originalSha, originalSha, replacementSha);
        assertThat(files(harness.archive(HEALTH)).stream().map(SpooledClaimTest::sha256).toList())
                .containsExactlyInAnyOrder(originalSha, replacementSha);
        assertThat(files(harness.inbox(HEALTH))).isEmpty();
        await().atMost(WAIT).until(() -> spooled().isEmpty());
    }

    private static String sha256(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            return Tc3Signer.sha256Hex(b, 0, b.length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The private copies in the spool. */
    private List<Path> spooled() throws Exception {
        Path spool = data.resolve(".ocrbridge").resolve("spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(spool)) {
            return s.filter(f -> f.toString().endsWith(".img")).toList();
        }
    }
}
