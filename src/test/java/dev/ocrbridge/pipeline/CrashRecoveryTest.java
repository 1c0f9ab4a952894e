package dev.ocrbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the service's JVM (a real separate process, SIGKILL) in the middle of a batch, starts it again, and
 * finds every file in exactly one place: archived with a result, or dead-lettered.
 */
class CrashRecoveryTest {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final int FILES = 60;

    @TempDir
    Path data;

    @Test
    void everyFileIsAccountedForExactlyOnceAfterAKillAndARestart() throws Exception {
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0)
                .credential(PipelineHarness.SECRET_ID, PipelineHarness.SECRET_KEY).build().start()) {
            sandbox.faults().latencyMillis(150);
            Path inbox = data.resolve("inbox").resolve(ACTION.documentKind());
            Files.createDirectories(inbox);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < FILES; i++) {
                String name = "img-" + i + (i % 10 == 9 ? ".gif" : ".png");
                byte[] content = i % 10 == 9 ? TestImages.gif(i) : TestImages.png(1000 + i);
                Path f = Files.write(inbox.resolve(name), content);
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(10)));
                names.add(name);
            }

            Process first = launch(sandbox, "first");
            try {
                // kill it while the batch is half done
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> PipelineHarness.files(data.resolve("outbox")).size() >= 10);
            } finally {
                first.destroyForcibly().waitFor();
            }
            assertThat(PipelineHarness.files(inbox)).as("the kill came mid-batch").isNotEmpty();

            Process second = launch(sandbox, "second");
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> PipelineHarness.files(inbox).isEmpty()
                        && placedCount() == FILES);
            } finally {
                second.destroy();
                second.waitFor();
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
            for (Path a : archived) {
                String stem = a.getFileName().toString().replaceFirst("\\.png$", "");
                assertThat(data.resolve("outbox").resolve(ACTION.documentKind()).resolve(stem + ".json")).isRegularFile();
            }
            assertThat(PipelineHarness.files(data.resolve("outbox"))).hasSize(archived.size());
        }
    }

    private long placedCount() {
        long archived = PipelineHarness.files(data.resolve("archive")).size();
        long dead = PipelineHarness.files(data.resolve("dead-letter")).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".error.json")).count();
        return archived + dead;
    }

    private Process launch(OcrSandbox sandbox, String label) throws Exception {
        int port = PipelineHarness.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java,
                "-cp", System.getProperty("java.class.path"),
                "-Docr.endpoint=" + sandbox.url(),
                "-Docr.secret-id=" + PipelineHarness.SECRET_ID,
                "-Docr.secret-key=" + PipelineHarness.SECRET_KEY,
                "-Docrbridge.data-dir=" + data,
                "-Docrbridge.file.settle-ms=200",
                "-Docrbridge.file.poll-ms=100",
                "-Docrbridge.concurrency=4",
                "-Dcamel.server.port=" + port, "-Dcamel.management.port=" + port,
                "dev.ocrbridge.main.OcrBridgeMain");
        File log = data.resolve("service-" + label + ".log").toFile();
        return new ProcessBuilder(cmd).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log).start();
    }
}
