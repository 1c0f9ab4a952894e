package dev.ocrbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.intake.LogCapture;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention through the real service: with {@code ocrbridge.retention.days} set, results, originals, dead letters
 * and recorded answers older than that are gone after start, younger ones stay; off by default, and
 * start-up says so in one line.
 */
class RetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void filesOlderThanTheRetentionAreRemovedAtStartAndYoungerOnesStay() throws Exception {
        List<Path> old = List.of(
                file("outbox/health-code/old.json", 31),
                file("archive/korean-id-card/old.png", 31),
                file("dead-letter/health-code/FailedOperation.ImageNoText/old.png", 31),
                file("dead-letter/health-code/FailedOperation.ImageNoText/old.png.error.json", 31),
                file(".ocrbridge/answers/health-code/ab/abcdef.json", 31));
        List<Path> young = List.of(
                file("outbox/health-code/young.json", 29),
                file("archive/korean-id-card/young.png", 1),
                file(".ocrbridge/answers/health-code/cd/cdef01.json", 29));
        Properties p = new Properties();
        p.setProperty("ocrbridge.retention.days", "30");
        try (LogCapture log = LogCapture.start();
             PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder(), p)) {
            await().atMost(WAIT).until(() -> old.stream().noneMatch(Files::exists));
            assertThat(young).allMatch(Files::exists);
            assertThat(data.resolve("dead-letter/health-code/FailedOperation.ImageNoText")).isDirectory();
            await().atMost(WAIT).until(() -> messages(log).stream().anyMatch(m -> m.startsWith("Retention: removed")));
            assertThat(messages(log)).contains("Retention: removed 5 files and 0 recorded answers of the cluster older"
                    + " than 30 days");
        }
    }

    @Test
    void offByDefaultStartUpSaysSoAndNothingIsRemoved() throws Exception {
        Path result = file("outbox/health-code/old.json", 3650);
        try (LogCapture log = LogCapture.start(); PipelineHarness harness = PipelineHarness.start(data)) {
            await().atMost(WAIT).until(() -> messages(log).stream().anyMatch(m -> m.startsWith("Retention: off")));
            assertThat(result).exists();
            assertThat(messages(log)).filteredOn(m -> m.startsWith("Retention")).hasSize(1);
        }
    }

    private static List<String> messages(LogCapture log) {
        return log.events().stream().map(e -> e.getFormattedMessage()).toList();
    }

    private Path file(String path, int daysOld) throws Exception {
        Path f = data.resolve(path);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[] {1});
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofDays(daysOld))));
        return f;
    }
}
