package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.intake.InboxHealthCheck;
import dev.ocrbridge.intake.InboxSweeper;
import dev.ocrbridge.logging.RedactingPatternLayout;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Broken, hostile and odd files in the inbox: each gets its stable code, and none is lost. */
class BadInputCorpusTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final String FILE_DROP = "file-drop-health-code";

    @TempDir
    Path data;
    @TempDir
    Path outside;
    private PipelineHarness harness;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stop() throws Exception {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            rootLogger().detachAppender(log);
        }
    }

    @Test
    void everyBadFileIsDeadLetteredUnderItsCodeAndNothingIsLost() throws Exception {
        Properties p = new Properties();
        p.setProperty("ocr.health-code.max-base64-bytes", "40000");
        // the truncated JPEG, dropped 5 s ago, is no longer waited for as a copy still under way
        p.setProperty("ocrbridge.incomplete-max-age", "1000");
        harness = PipelineHarness.start(data, OcrSandbox.builder(), p);

        byte[] jpeg = TestImages.noiseJpeg(1);
        Map<String, byte[]> rejected = new LinkedHashMap<>();
        Map<String, String> expectedCode = new LinkedHashMap<>();
        reject(rejected, expectedCode, "zero-bytes.png", new byte[0], "FailedOperation.EmptyImageError");
        reject(rejected, expectedCode, "truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2),
                "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "animated.gif", TestImages.noiseGif(2), "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "scan.bmp", TestImages.blackBmp(), "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "notes.jpg", "this is a text file, not a photo\n".getBytes(StandardCharsets.UTF_8),
                "FailedOperation.ImageDecodeFailed");
        reject(rejected, expectedCode, "too-big.png", TestImages.pngPaddedBy(60_000),
                "LimitExceeded.TooLargeFileError");
        reject(rejected, expectedCode, "bomb.png", TestImages.pngDeclaring(50_000, 50_000),
                "FailedOperation.ImageSizeTooLarge");
        rejected.forEach((name, bytes) -> harness.drop(HEALTH, name, bytes));

        // odd but good names are recognized under their own names
        Map<String, byte[]> good = new LinkedHashMap<>();
        good.put("scan with spaces.png", TestImages.noisePng(10));
        good.put("王一 健康码.png", TestImages.noisePng(11));
        good.put("x..y.png", TestImages.noisePng(12));
        good.forEach((name, bytes) -> harness.drop(HEALTH, name, bytes));

        // a leading dot marks an in-progress copy: left alone; a link is never followed out of the inbox
        Path hidden = harness.drop(HEALTH, ".hidden.png", TestImages.noisePng(13));
        Path target = Files.write(outside.resolve("secret.png"), TestImages.noisePng(14));
        Path link = Files.createSymbolicLink(harness.inbox(HEALTH).resolve("link.png"), target);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                files(harness.archive(HEALTH)).size() == good.size()
                        && files(data.resolve("dead-letter")).size() == 2 * rejected.size());

        expectedCode.forEach((name, code) -> {
            Path dir = harness.deadLetter(HEALTH, code);
            assertThat(dir.resolve(name)).as(name).hasBinaryContent(rejected.get(name));
            assertThat(json(dir.resolve(name + ".error.json")).path("error").path("code").asText()).isEqualTo(code);
        });
        good.forEach((name, bytes) -> {
            assertThat(harness.archive(HEALTH).resolve(name)).hasBinaryContent(bytes);
            String stem = name.substring(0, name.lastIndexOf('.'));
            assertThat(json(harness.outbox(HEALTH).resolve(stem + ".json")).path("source").path("name").asText())
                    .isEqualTo(name);
        });
        // only the good files cost a call
        assertThat(harness.sandbox().requests()).hasSize(good.size());
        harness.awaitPolls(FILE_DROP, 2);
        assertThat(hidden).exists();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasBinaryContent(TestImages.noisePng(14));
        assertThat(files(harness.inbox(HEALTH))).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder(".hidden.png", "link.png");
    }

    // ---------------------------------------------------------------- issue 9, item 1: path traversal

    @Test
    void aBackslashNameOrALinkedDirectoryNeverReachesAFileOutsideTheInbox() throws Exception {
        Path root = data.resolve("root");
        Path inbox = Files.createDirectories(new DataFolders(root).inbox(HEALTH));
        // Camel turns '\' into '/': inbox/sub/../../../../victim/secret.png is data/victim/secret.png
        Files.createDirectories(inbox.resolve("sub"));
        Path victim = Files.write(Files.createDirectories(data.resolve("victim")).resolve("secret.png"),
                TestImages.noisePng(60));
        byte[] decoy = TestImages.noisePng(61);
        settle(Files.write(inbox.resolve("sub\\..\\..\\..\\..\\victim\\secret.png"), decoy));
        // and through a link to a directory outside: inbox/lnk/x.png is data/elsewhere/x.png
        Path elsewhere = Files.createDirectories(data.resolve("elsewhere"));
        Path linked = Files.write(elsewhere.resolve("x.png"), TestImages.noisePng(62));
        Files.createSymbolicLink(inbox.resolve("lnk"), elsewhere);
        byte[] linkDecoy = TestImages.noisePng(63);
        settle(Files.write(inbox.resolve("lnk\\x.png"), linkDecoy));

        harness = PipelineHarness.start(root, OcrSandbox.builder(), new Properties());
        Path dir = harness.deadLetter(HEALTH, "Source.UnacceptableName");
        await().atMost(Duration.ofSeconds(20)).until(() -> files(dir).size() == 4);
        // the decoys, the files really in the inbox, are dead-lettered under their hash, without a call
        assertThat(dir.resolve(generatedName(decoy, ".png"))).hasBinaryContent(decoy);
        assertThat(dir.resolve(generatedName(linkDecoy, ".png"))).hasBinaryContent(linkDecoy);
        // the files outside are never read, sent, archived or moved
        harness.awaitPolls(FILE_DROP, 2);
        assertThat(victim).hasBinaryContent(TestImages.noisePng(60));
        assertThat(linked).hasBinaryContent(TestImages.noisePng(62));
        assertThat(harness.sandbox().requests()).isEmpty();
        assertThat(files(root.resolve("archive"))).isEmpty();
        assertThat(files(root.resolve("outbox"))).isEmpty();
        assertThat(inbox.resolve("sub")).isDirectory();
        assertThat(Files.isSymbolicLink(inbox.resolve("lnk"))).isTrue();
    }

    // ------------------------------------------------ issue 9, items 2 and 8: names that cannot be taken

    @Test
    void namesThatCannotBeTakenAreDeadLetteredOnceUnderAGeneratedNameWithOneLogLineEach() throws Exception {
        Path inbox = Files.createDirectories(new DataFolders(data).inbox(HEALTH));
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("dir\\x.png", TestImages.noisePng(70));                           // a backslash, no such directory
        bad.put("a".repeat(246) + ".png", TestImages.noisePng(71));               // 250 bytes: no room for a marker
        bad.put("가".repeat(83) + "ab.png", TestImages.noisePng(72));             // 255 bytes of UTF-8
        bad.put("scan\n12:00:00 ERROR forged line.png", TestImages.noisePng(73)); // a newline
        bad.put("photo.camelLock", TestImages.noisePng(74));                      // a user's own *.camelLock
        bad.put("good.png.camelLock", TestImages.noisePng(75));                   // colliding with a real file's marker
        byte[] good = TestImages.noisePng(76);
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            settle(Files.write(inbox.resolve(e.getKey()), e.getValue()));
        }
        settle(Files.write(inbox.resolve("good.png"), good));
        byte[] notUtf8 = TestImages.noisePng(77);
        Path source = Files.write(data.resolve("source.bin"), notUtf8);
        // bytes that are not UTF-8 cannot be written through a Java string: the shell does it
        Process cp = new ProcessBuilder("sh", "-c", "cp \"$0\" \"$1/$(printf 'badname\\377.png')\"",
                source.toString(), inbox.toString()).inheritIO().start();
        assertThat(cp.waitFor()).isZero();
        try (var entries = Files.list(inbox)) {
            entries.forEach(BadInputCorpusTest::settle);
        }
        captureLog();

        // started after the drop: nothing is deleted at start-up as an "orphaned lock" either
        harness = PipelineHarness.start(data);
        Path dir = harness.deadLetter(HEALTH, "Source.UnacceptableName");
        int expected = bad.size() + 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> files(dir).size() == 2 * expected
                && Files.isRegularFile(harness.archive(HEALTH).resolve("good.png")));

        List<byte[]> all = new ArrayList<>(bad.values());
        all.add(notUtf8);
        for (byte[] bytes : all) {
            String name = generatedName(bytes, ".png");
            assertThat(dir.resolve(name)).hasBinaryContent(bytes);
            JsonNode error = json(dir.resolve(name + ".error.json"));
            assertThat(error.path("error").path("code").asText()).isEqualTo("Source.UnacceptableName");
            assertThat(error.path("error").path("disposition").asText()).isEqualTo("reject");
            assertThat(error.path("source").path("name").asText()).isEqualTo(name);
            assertThat(error.path("source").path("origin").asText()).isEqualTo("inbox/health-code/" + name);
        }
        assertThat(harness.archive(HEALTH).resolve("good.png")).hasBinaryContent(good);
        assertThat(harness.sandbox().requests()).hasSize(1);
        assertThat(files(harness.inbox(HEALTH))).isEmpty();

        // once: one line per file, and no more at later polls
        harness.awaitPolls(FILE_DROP, 2);
        assertThat(sweeperLines("dead-lettered")).hasSize(expected);
        List<String> lines = logLines();
        for (String fragment : List.of("dir\\x", "aaaaaaaaaaaa", "가가가", "forged", "photo", "good.png.camelLock",
                "badname")) {
            assertThat(lines).as("no log line names the file with %s", fragment).noneMatch(l -> l.contains(fragment));
        }
        assertThat(logged()).as("no stack trace").allMatch(e -> e.getThrowableProxy() == null);
    }

    // ---------------------------------------------------- issue 9, item 3: content changing after the claim

    @Test
    void aFileReplacedOrGrownAfterItWasTakenIsArchivedAsRecognizedAndItsNewContentIsTakenAgain() throws Exception {
        harness = PipelineHarness.start(data);
        byte[] swapped = TestImages.noisePng(80);
        byte[] replacement = TestImages.noisePng(81);
        byte[] grown = TestImages.noisePng(82);
        byte[] growth = noise(5000, 82);
        Path inbox = harness.inbox(HEALTH);
        // once recognized, before settled: one file replaced, one appended to in place
        beforeSettle(harness.app().camelContext(), Map.of(
                "swap.png", () -> replace(inbox.resolve("swap.png"), replacement),
                "grow.png", () -> append(inbox.resolve("grow.png"), growth)));
        harness.drop(HEALTH, "swap.png", swapped);
        harness.drop(HEALTH, "grow.png", grown);

        await().atMost(Duration.ofSeconds(30)).until(() -> files(harness.archive(HEALTH)).size() == 4
                && files(harness.outbox(HEALTH)).size() == 4);
        assertThat(harness.archive(HEALTH).resolve("swap.png")).hasBinaryContent(swapped);
        assertThat(harness.archive(HEALTH).resolve("swap." + sha(replacement).substring(0, 12) + ".png"))
                .hasBinaryContent(replacement);
        assertThat(harness.archive(HEALTH).resolve("grow.png")).hasBinaryContent(grown);
        byte[] grownAfter = concat(grown, growth);
        assertThat(harness.archive(HEALTH).resolve("grow." + sha(grownAfter).substring(0, 12) + ".png"))
                .hasBinaryContent(grownAfter);
        // what is archived is exactly what was recognized: every archived file's SHA-256 has its result
        Set<String> recognized = files(harness.outbox(HEALTH)).stream()
                .map(f -> json(f).path("source").path("sha256").asText()).collect(Collectors.toSet());
        assertThat(files(harness.archive(HEALTH)).stream().map(f -> sha(read(f))).collect(Collectors.toSet()))
                .isEqualTo(recognized);
        assertThat(files(harness.inbox(HEALTH))).isEmpty();
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        assertThat(harness.sandbox().requests()).hasSize(4);
    }

    @Test
    void anEmptyPlaceholderWhoseContentArrivesThroughAnOpenHandleIsRecognizedNotDeadLettered() throws Exception {
        harness = PipelineHarness.start(data);
        byte[] image = TestImages.noisePng(90);
        Path placeholder = Files.createDirectories(harness.inbox(HEALTH)).resolve("late.png");
        try (FileChannel handle = FileChannel.open(placeholder, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // the writer keeps the empty file open; its content arrives once the empty file was refused
            beforeSettle(harness.app().camelContext(), Map.of("late.png", () -> {
                try {
                    handle.write(ByteBuffer.wrap(image));
                    handle.force(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            settle(placeholder);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Files.isRegularFile(harness.archive(HEALTH).resolve("late.png")));
        }
        assertThat(harness.archive(HEALTH).resolve("late.png")).hasBinaryContent(image);
        assertThat(json(harness.outbox(HEALTH).resolve("late.json")).path("source").path("sha256").asText())
                .isEqualTo(sha(image));
        // no record is kept of the empty version, which no longer exists
        harness.awaitPolls(FILE_DROP, 2);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        assertThat(files(harness.inbox(HEALTH))).isEmpty();
    }

    // ---------------------------------------------------------- issue 9, item 8: trailers after the end

    @Test
    void imagesWithMoreThanFourKibibytesAfterTheirEndMarkerAreRecognized() throws Exception {
        Properties p = new Properties();
        // the truncated PNG, dropped 5 s ago, is no longer waited for as a copy still under way
        p.setProperty("ocrbridge.incomplete-max-age", "1000");
        harness = PipelineHarness.start(data, OcrSandbox.builder(), p);
        byte[] motionPhoto = concat(TestImages.noiseJpeg(100), noise(64 * 1024, 100));
        byte[] polyglot = concat(TestImages.noisePng(101), noise(10_000, 101));
        byte[] truncated = Arrays.copyOf(TestImages.noisePng(102), TestImages.noisePng(102).length - 13);
        harness.drop(HEALTH, "motion.jpg", motionPhoto);
        harness.drop(HEALTH, "polyglot.png", polyglot);
        harness.drop(HEALTH, "cut.png", truncated);

        await().atMost(Duration.ofSeconds(20)).until(() -> files(harness.archive(HEALTH)).size() == 2
                && files(data.resolve("dead-letter")).size() == 2);
        assertThat(harness.archive(HEALTH).resolve("motion.jpg")).hasBinaryContent(motionPhoto);
        assertThat(harness.archive(HEALTH).resolve("polyglot.png")).hasBinaryContent(polyglot);
        assertThat(harness.deadLetter(HEALTH, "FailedOperation.ImageDecodeFailed").resolve("cut.png"))
                .hasBinaryContent(truncated);
        assertThat(harness.sandbox().requests()).hasSize(2);
    }

    // ------------------------------------- issue 9, item 8: directories, links, pipes, unreadable, missing inbox

    @Test
    void entriesThatAreNotRegularFilesOfTheirOwnStayAndAreReportedOnceWithoutTheirNames() throws Exception {
        Path inbox = Files.createDirectories(new DataFolders(data).inbox(HEALTH));
        Files.createDirectories(inbox.resolve("folder-of-scans.png"));
        Files.createSymbolicLink(inbox.resolve("linked-folder"), Files.createDirectories(outside.resolve("dir")));
        Files.write(outside.resolve("dir").resolve("inside.png"), TestImages.noisePng(110));
        boolean fifo = new ProcessBuilder("mkfifo", inbox.resolve("named-pipe.png").toString()).start().waitFor() == 0;
        // another name of a file elsewhere on the disk, which whoever made the link may not be able to read
        Path privateFile = Files.write(outside.resolve("private.png"), TestImages.noisePng(112));
        Files.createLink(inbox.resolve("hard-linked.png"), privateFile);
        captureLog();
        harness = PipelineHarness.start(data);
        byte[] good = TestImages.noisePng(111);
        harness.drop(HEALTH, "good.png", good);

        int entries = fifo ? 4 : 3;
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Files.isRegularFile(harness.archive(HEALTH).resolve("good.png"))
                        && sweeperLines("not a regular file of its own").size() == entries);
        // once: several polls later, still one line per entry
        harness.awaitPolls(FILE_DROP, 2);
        assertThat(sweeperLines("not a regular file of its own")).hasSize(entries);
        assertThat(logLines()).noneMatch(l -> l.contains("folder-of-scans") || l.contains("linked-folder")
                || l.contains("named-pipe") || l.contains("hard-linked"));
        assertThat(inbox.resolve("hard-linked.png")).hasBinaryContent(TestImages.noisePng(112));
        assertThat(inbox.resolve("folder-of-scans.png")).isDirectory();
        assertThat(Files.isSymbolicLink(inbox.resolve("linked-folder"))).isTrue();
        assertThat(outside.resolve("dir").resolve("inside.png")).hasBinaryContent(TestImages.noisePng(110));
        assertThat(harness.sandbox().requests()).hasSize(1);
    }

    @Test
    void aFileThatCannotBeReadIsDeadLetteredAsUnreadable() throws Exception {
        // the service as a child JVM bound by file permissions even when the tests run as root, as in CI
        Path inbox = Files.createDirectories(new DataFolders(data).inbox(HEALTH));
        Path file = Files.write(inbox.resolve("locked.png"), TestImages.noisePng(120));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        settle(file);
        Path good = Files.write(inbox.resolve("good.png"), TestImages.noisePng(121));
        settle(good);
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0)
                .credential(PipelineHarness.SECRET_ID, PipelineHarness.SECRET_KEY).build().start()) {
            Process service = ChildService.launchBoundByFilePermissions(data, sandbox, "unreadable", Map.of());
            DataFolders folders = new DataFolders(data);
            Path dir = folders.deadLetter(HEALTH, "Source.Unreadable");
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(dir.resolve("locked.png"))
                        && Files.isRegularFile(dir.resolve("locked.png.error.json"))
                        && Files.isRegularFile(folders.archive(HEALTH).resolve("good.png")));
            } finally {
                ChildService.kill(service);
            }
            JsonNode error = json(dir.resolve("locked.png.error.json"));
            assertThat(error.path("error").path("code").asText()).isEqualTo("Source.Unreadable");
            assertThat(error.path("error").path("disposition").asText()).isEqualTo("reject");
            assertThat(files(inbox)).isEmpty();
            // only the readable file cost a call
            assertThat(sandbox.requests()).hasSize(1);
        }
    }

    @Test
    void aMissingInboxFolderTurnsHealthDownUntilItIsBack() throws Exception {
        captureLog();
        harness = PipelineHarness.start(data);
        Path inbox = harness.inbox(HEALTH);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> inboxHealth().getState() == HealthCheck.State.UP);

        Files.delete(inbox);
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxHealth().getState() == HealthCheck.State.DOWN);
        assertThat(inboxHealth().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("inbox/health-code")
                .contains("missing").doesNotContain("korean-id-card"));
        harness.awaitPolls(FILE_DROP, 2);
        assertThat(sweeperLines("missing")).hasSize(1);
        assertThat(inbox).doesNotExist();

        Files.createDirectories(inbox);
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxHealth().getState() == HealthCheck.State.UP);
        harness.drop(HEALTH, "after.png", TestImages.noisePng(130));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Files.isRegularFile(harness.archive(HEALTH).resolve("after.png")));
        assertThat(sweeperLines("is back")).hasSize(1);
    }

    @Test
    void aFileThatCannotBeMovedOutStaysInTheInboxAndIsReportedOnceNotTakenAgainAndAgain() throws Exception {
        captureLog();
        harness = PipelineHarness.start(data);
        // a plain file where the archive folder should be (the start made it, empty): no original can be moved there
        Files.deleteIfExists(harness.archive(HEALTH));
        Files.write(harness.archive(HEALTH), new byte[] {1});
        byte[] image = TestImages.noisePng(140);
        Path dropped = harness.drop(HEALTH, "stuck.png", image);

        await().atMost(Duration.ofSeconds(20)).until(() -> !commitLines("could not be moved").isEmpty());
        // the failed move halts the action: once nothing of it runs, the file was reported once and taken once
        harness.awaitSuspendedAndIdle(FILE_DROP);
        assertThat(commitLines("could not be moved")).hasSize(1);
        assertThat(dropped).hasBinaryContent(image);
        assertThat(harness.sandbox().requests()).hasSize(1);
        assertThat(logLines()).noneMatch(l -> l.contains("stuck"));
    }

    private List<String> commitLines(String containing) {
        return logged().stream().filter(e -> e.getLoggerName().equals("dev.ocrbridge.intake.InboxCommit"))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
    }

    private HealthCheck.Result inboxHealth() {
        // "full": by default an all-UP registry answers with its first check only
        return HealthCheckHelper.invoke(harness.app().camelContext(), "full").stream()
                .filter(r -> r.getCheck().getId().equals(InboxHealthCheck.ID)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * Runs an action on the file's own thread once a dropped file was read and recognition has decided (result or
     * dead-letter record written), before the file is settled: the window in which a writer's late change used to
     * be archived in place of what was recognized.
     */
    private static void beforeSettle(CamelContext camel, Map<String, Runnable> byName) throws Exception {
        Map<String, Runnable> pending = new ConcurrentHashMap<>(byName);
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSentEvent sent
                        && sent.getEndpoint().getEndpointUri().startsWith("direct://ocr-recognize")) {
                    String name = sent.getExchange().getMessage().getHeader(Exchange.FILE_NAME, String.class);
                    Runnable action = name == null ? null : pending.remove(name);
                    if (action != null) {
                        action.run();
                    }
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(notifier);
        ServiceHelper.startService(notifier);
    }

    private static void replace(Path file, byte[] content) {
        try {
            Path tmp = Files.write(file.resolveSibling(".replacement.tmp"), content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, byte[] content) {
        try {
            Files.write(file, content, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ages a file past the settle time, as if its writer had finished a while ago. */
    private static void settle(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String generatedName(byte[] content, String extension) {
        return sha(content).substring(0, 12) + extension;
    }

    private static String sha(byte[] bytes) {
        return Tc3Signer.sha256Hex(bytes, 0, bytes.length);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private void captureLog() {
        log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        log.start();
        rootLogger().addAppender(log);
    }

    /** The lines as the log shows them: through the redacting layout that config/logback.xml uses. */
    private List<String> logLines() {
        RedactingPatternLayout layout = new RedactingPatternLayout();
        layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        layout.setPattern("%msg%ex");
        layout.start();
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logged()) {
            lines.add(layout.doLayout(event));
        }
        return lines;
    }

    /** A copy taken under the appender's lock: it appends on Camel's threads while the test reads. */
    private List<ILoggingEvent> logged() {
        synchronized (log) {
            return new ArrayList<>(log.list);
        }
    }

    private List<String> sweeperLines(String containing) {
        return logged().stream().filter(e -> e.getLoggerName().equals(InboxSweeper.class.getName()))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
    }

    private static void reject(Map<String, byte[]> files, Map<String, String> codes, String name, byte[] content,
                               String code) {
        files.put(name, content);
        codes.put(name, code);
    }
}
