package dev.ocrbridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder is private whatever the umask: the real service in a child JVM under umask 000 (every file it
 * made would be 0666, every folder 0777), a dropper's file of mode 0666, and then every folder under the data
 * folder is 0700 and every file 0600: results, photo crops, archived originals, dead letters, the record of answers.
 */
class PrivateModesTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final OcrAction KOREAN = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void everythingTheServiceMakesOrMovesUnderTheDataFolderIsItsUsersOnlyUnderAPermissiveUmask() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        byte[] card = TestImages.noiseJpeg(2);
        byte[] photo = TestImages.noiseJpeg(99);
        byte[] notAnImage = TestImages.noiseGif(3);
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0)
                .credential(PipelineHarness.SECRET_ID, PipelineHarness.SECRET_KEY).build().start()) {
            sandbox.fixtures().register(card, Map.of("Name", "홍길동",
                    "Photo", Base64.getEncoder().encodeToString(photo)));
            Process service = ChildService.launch(data, sandbox, "modes", Map.of(), "000");
            try {
                // the inbox folders are the service's to make, before anything is dropped
                await().atMost(WAIT).until(() -> Files.isDirectory(data.resolve("inbox").resolve(KOREAN.documentKind()))
                        && Files.isDirectory(data.resolve("inbox").resolve(HEALTH.documentKind())));
                drop(data, KOREAN, "card.jpg", card);
                drop(data, HEALTH, "code.png", notAnImage);

                Path outbox = data.resolve("outbox").resolve(KOREAN.documentKind());
                Path deadLetter = data.resolve("dead-letter").resolve(HEALTH.documentKind())
                        .resolve(HEALTH.decodeFailureCode());
                List<Path> expected = List.of(outbox.resolve("card.json"), outbox.resolve("card.photo.jpg"),
                        data.resolve("archive").resolve(KOREAN.documentKind()).resolve("card.jpg"),
                        deadLetter.resolve("code.png"), deadLetter.resolve("code.png.error.json"));
                await().atMost(WAIT).until(() -> expected.stream().allMatch(Files::isRegularFile)
                        && Files.notExists(data.resolve("inbox").resolve(KOREAN.documentKind()).resolve("card.jpg"))
                        && Files.notExists(data.resolve("inbox").resolve(HEALTH.documentKind()).resolve("code.png")));
                try (Stream<Path> answers = Files.walk(data.resolve(".ocrbridge").resolve("answers"))) {
                    assertThat(answers.filter(Files::isRegularFile)).as("the record of answers").isNotEmpty();
                }
            } finally {
                ChildService.kill(service);
            }
        }
        List<Path> everything;
        try (Stream<Path> s = Files.walk(data)) {
            // the data folder itself is the test's, and so is the child's log, written by this JVM
            everything = s.filter(p -> !p.equals(data) && !p.getFileName().toString().startsWith("service-")).toList();
        }
        assertThat(everything).isNotEmpty().allSatisfy(p -> assertThat(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)))
                .as("mode of %s", data.relativize(p))
                .isEqualTo(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------"));
    }

    /** A dropper's file, readable and writable by every local user, moved in already settled. */
    private static void drop(Path data, OcrAction action, String name, byte[] content) throws Exception {
        Path staged = Files.write(data.resolve(".drop-" + name), content);
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(10)));
        Files.move(staged, data.resolve("inbox").resolve(action.documentKind()).resolve(name));
    }
}
