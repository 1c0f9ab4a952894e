package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed run leaves in the state folder (staging files, files set aside after delivery, spooled copies,
 * SFTP downloads) is removed when the service starts, and only that: the folders of another live process on the
 * same data folder (a node of a cluster) stay, and every image still in the inbox is recognized.
 */
class StartupSweepTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;
    private PipelineHarness harness;
    private Process liveNode;

    @AfterEach
    void stop() throws Exception {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            if (liveNode != null) {
                liveNode.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void theLeftoversOfAKilledRunAreRemovedAtStartAndALiveNodesWorkAndTheInboxStay() throws Exception {
        Path state = data.resolve(".ocrbridge");
        // as a run of the previous layout left them: loose in the shared folders
        List<Path> leftovers = List.of(
                write(state.resolve("staging").resolve(UUID.randomUUID() + ".tmp")),
                write(state.resolve("staging").resolve(UUID.randomUUID() + ".delivered")),
                write(state.resolve("sftp-work").resolve("card.png")),
                write(state.resolve("sftp-work").resolve("card.png.inprogress")),
                // as a killed process left them: in its own folders, whose lock nobody holds any more
                write(deadFolder(state.resolve("staging")).resolve(UUID.randomUUID() + ".tmp")),
                write(deadFolder(state.resolve("staging")).resolve(UUID.randomUUID() + ".delivered")),
                write(deadFolder(state.resolve("spool")).resolve(UUID.randomUUID() + ".img")),
                write(deadFolder(state.resolve("sftp-work")).resolve("scan.jpg.inprogress")));
        // another node, alive, on the same data folder: its folders and what is in them are its work in flight
        Path liveStaging = Files.createDirectories(state.resolve("staging").resolve(UUID.randomUUID().toString()));
        Path liveSpool = Files.createDirectories(state.resolve("spool").resolve(UUID.randomUUID().toString()));
        liveNode = LockHolder.hold(liveStaging.resolve(".lock"));
        Process liveSpoolNode = LockHolder.hold(liveSpool.resolve(".lock"));
        List<Path> liveWork = List.of(write(liveStaging.resolve(UUID.randomUUID() + ".tmp")),
                write(liveSpool.resolve(UUID.randomUUID() + ".img")));
        // an image the killed run had taken but not settled: still in the inbox
        byte[] image = TestImages.noisePng(31);
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve(HEALTH.documentKind()));
        Files.setLastModifiedTime(Files.write(inbox.resolve("staff.png"), image),
                FileTime.from(Instant.now().minusSeconds(10)));
        try {
            harness = PipelineHarness.start(data);

            // gone as soon as the service has started: before any image is taken
            assertThat(leftovers).allSatisfy(p -> assertThat(p).doesNotExist());
            assertThat(leftovers.subList(4, 8)).allSatisfy(p -> assertThat(p.getParent()).doesNotExist());
            assertThat(liveWork).allSatisfy(p -> assertThat(p).exists());

            await().atMost(WAIT).until(() -> Files.isRegularFile(harness.archive(HEALTH).resolve("staff.png")));
            assertThat(harness.archive(HEALTH).resolve("staff.png")).hasBinaryContent(image);
            assertThat(harness.outbox(HEALTH).resolve("staff.json")).isRegularFile();
            assertThat(files(inbox)).isEmpty();
            assertThat(liveWork).allSatisfy(p -> assertThat(p).exists());
        } finally {
            liveSpoolNode.destroyForcibly().waitFor();
        }
    }

    /** A process folder as a process leaves it when it is killed: its lock file, held by nobody now. */
    private static Path deadFolder(Path shared) throws Exception {
        Path folder = Files.createDirectories(shared.resolve(UUID.randomUUID().toString()));
        Files.write(folder.resolve(".lock"), new byte[0]);
        return folder;
    }

    private static Path write(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1, 2, 3});
    }
}
