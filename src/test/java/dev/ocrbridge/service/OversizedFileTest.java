package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dropped file's size is known before it is copied: the claim reads the action's limit and one byte more, never
 * the whole file. The data folder is a real 16 MB tmpfs ({@link TinyDisk}), so a copy of a whole sparse file of
 * 1 GiB could not even be tried without a full disk.
 */
class OversizedFileTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** ocr.health-code.max-base64-bytes of these tests: images of up to 300,000 bytes. */
    private static final long MAX_BASE64 = 400_000;
    private static final long LIMIT = MAX_BASE64 / 4 * 3;

    @TempDir
    Path tmp;
    private TinyDisk disk;
    private PipelineHarness harness;

    @BeforeEach
    void mount() throws Exception {
        disk = TinyDisk.mount(tmp.resolve("data"), 16);
    }

    @AfterEach
    void unmount() throws Exception {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            disk.close();
        }
    }

    private PipelineHarness start() throws Exception {
        Properties p = new Properties();
        p.setProperty("ocr.health-code.max-base64-bytes", Long.toString(MAX_BASE64));
        harness = PipelineHarness.start(tmp.resolve("data"), OcrSandbox.builder(), p);
        return harness;
    }

    @Test
    void aSparseFileFarOverTheLimitIsDeadLetteredAsTooLargeAfterReadingTheLimitAndOneByte() throws Exception {
        start();
        Path inbox = Files.createDirectories(harness.inbox(HEALTH));
        // a PNG's first bytes, then nothing written up to 1 GiB: a hole that costs the disk nothing
        byte[] head = TestImages.noisePng(5);
        Path staged = tmp.resolve("data").resolve(".big.png");
        try (RandomAccessFile f = new RandomAccessFile(staged.toFile(), "rw")) {
            f.write(head);
            f.setLength(1L << 30);
        }
        byte[] firstBytes = new byte[(int) LIMIT + 1];
        try (RandomAccessFile f = new RandomAccessFile(staged.toFile(), "r")) {
            f.readFully(firstBytes);
        }
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
        Files.move(staged, inbox.resolve("big.png"));

        Path dead = harness.deadLetter(HEALTH, "LimitExceeded.TooLargeFileError");
        // the error file is written first, then the original moved beside it: wait for both
        await().atMost(WAIT).until(() -> Files.isRegularFile(dead.resolve("big.png.error.json"))
                && Files.isRegularFile(dead.resolve("big.png")));
        JsonNode error = json(dead.resolve("big.png.error.json"));
        assertThat(error.path("error").path("code").asText()).isEqualTo("LimitExceeded.TooLargeFileError");
        assertThat(error.path("source").path("bytes").asLong()).isEqualTo(1L << 30);
        // what was hashed is what was copied: exactly the limit and one byte, the first ones of the file
        assertThat(error.path("source").path("sha256").asText())
                .isEqualTo(Tc3Signer.sha256Hex(firstBytes, 0, firstBytes.length));
        assertThat(dead.resolve("big.png")).as("the original itself, moved").hasSize(1L << 30);
        assertThat(files(inbox)).isEmpty();
        assertThat(harness.sandbox().requests()).as("refused without a call").isEmpty();
        await().atMost(WAIT).until(() -> spooled().isEmpty());
    }

    @Test
    void anImageTheFullSpoolCannotCopyHaltsAsAStorageFailureWithoutAnyCall() throws Exception {
        start();
        Path inbox = Files.createDirectories(harness.inbox(HEALTH));
        // over the size kept in memory: it can only be spooled, and the disk has no room left
        byte[] image = TestImages.pngPaddedBy(200 * 1024);
        Path staged = Files.write(tmp.resolve("data").resolve(".staff.png"), image);
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
        disk.fill();
        Files.move(staged, inbox.resolve("staff.png"));

        HaltSwitch halts = harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch",
                HaltSwitch.class);
        await().atMost(WAIT).until(() -> halts.haltOf(HEALTH).isPresent());
        assertThat(halts.haltOf(HEALTH).orElseThrow().code()).isEqualTo("Storage.WriteFailed");
        assertThat(inbox.resolve("staff.png")).hasBinaryContent(image);
        assertThat(harness.sandbox().requests()).as("nothing sent of an image that was not taken").isEmpty();
    }

    private java.util.List<Path> spooled() throws Exception {
        Path spool = tmp.resolve("data").resolve(".ocrbridge").resolve("spool");
        try (Stream<Path> s = Files.walk(spool)) {
            return s.filter(f -> f.toString().endsWith(".img")).toList();
        }
    }
}
