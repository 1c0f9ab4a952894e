package dev.ocrbridge.intake;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.ChannelHalts;
import dev.ocrbridge.operations.ChannelHealthCheck;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.operations.OcrHealthCheck;
import dev.ocrbridge.recognizer.Recognizer;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP channel end to end: a real Apache MINA SSHD server on loopback, the real routes, the sandbox. */
class SftpIngestionTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final Duration WAIT = Duration.ofSeconds(25);

    @TempDir
    Path tmp;
    private Path data;
    private Path remoteInbox;
    private SftpTestServer server;
    private PipelineHarness harness;

    @BeforeEach
    void startServer() throws IOException {
        data = Files.createDirectories(tmp.resolve("data"));
        Path root = Files.createDirectories(tmp.resolve("sftp-root"));
        remoteInbox = Files.createDirectories(root.resolve("inbox/health-code"));
        server = new SftpTestServer(root).start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            server.close();
        }
    }

    private Properties props(String... kv) {
        Properties p = new Properties();
        p.setProperty("ocrbridge.sftp.health-code.enabled", "true");
        p.setProperty("ocrbridge.sftp.host", "127.0.0.1");
        p.setProperty("ocrbridge.sftp.port", Integer.toString(server.port()));
        p.setProperty("ocrbridge.sftp.username", SftpTestServer.USER);
        p.setProperty("ocrbridge.sftp.known-hosts-file", server.knownHosts(tmp.resolve("known_hosts")).toString());
        p.setProperty("ocrbridge.sftp.settle-ms", "1500");
        p.setProperty("ocrbridge.sftp.poll-ms", "200");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    /** A remote file whose upload finished a while ago. */
    private Path upload(String name, byte[] content) {
        try {
            Path f = Files.write(remoteInbox.resolve(name), content);
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(30)));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void goodAndBadFilesAreRecordedAndMovedWhileUploadsInProgressAreLeftAlone() throws Exception {
        byte[] good = TestImages.noisePng(1);
        byte[] gif = TestImages.noiseGif(2);
        byte[] slowImage = TestImages.noisePng(3);
        upload("good.png", good);
        upload("bad.gif", gif);
        upload("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        upload("big.png.part", TestImages.noisePng(4));
        upload(".hidden.png", TestImages.noisePng(5));
        // key-based login, no password
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.settle-ms", "2000",
                "ocrbridge.sftp.password", "",
                "ocrbridge.sftp.private-key-file", server.clientPrivateKey(tmp.resolve("id_test")).toString()));

        // an upload in progress: its first half arrives looking fresh (modified in the future) however slowly this
        // machine runs the writer (written under a name no poll takes, then given its name, which keeps its time),
        // and the rest once a poll that lists the half-written file has begun
        Path slow = remoteInbox.resolve("slow.png");
        Path hidden = remoteInbox.resolve(".slow.png");
        try (OutputStream out = Files.newOutputStream(hidden)) {
            out.write(slowImage, 0, slowImage.length / 2);
            out.flush();
            Files.setLastModifiedTime(hidden, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
            Files.move(hidden, slow, StandardCopyOption.ATOMIC_MOVE);
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) harness.app().camelContext()
                    .getRoute("sftp-health-code").getConsumer();
            long polls = consumer.getCounter();
            await().atMost(WAIT).until(() -> consumer.getCounter() > polls);
            out.write(slowImage, slowImage.length / 2, slowImage.length - slowImage.length / 2);
        }

        Path done = remoteInbox.resolve(".done");
        await().atMost(WAIT).until(() -> Files.isRegularFile(done.resolve("good.png"))
                && Files.isRegularFile(done.resolve("bad.gif")) && Files.isRegularFile(done.resolve("notes.txt"))
                && Files.isRegularFile(done.resolve("slow.png")));
        // taken once, whole
        assertThat(done.resolve("slow.png")).hasBinaryContent(slowImage);

        JsonNode r = json(harness.outbox(HEALTH).resolve("good.json"));
        assertThat(r.path("source").path("channel").asText()).isEqualTo("sftp");
        assertThat(r.path("source").path("origin").asText()).startsWith("sftp://127.0.0.1").endsWith("inbox/health-code/good.png");
        assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("good.png"))).isEqualTo(good);
        assertThat(json(harness.outbox(HEALTH).resolve("slow.json")).path("source").path("bytes").asLong())
                .isEqualTo(slowImage.length);
        String decode = HEALTH.decodeFailureCode();
        assertThat(Files.readAllBytes(harness.deadLetter(HEALTH, decode).resolve("bad.gif"))).isEqualTo(gif);
        assertThat(harness.deadLetter(HEALTH, decode).resolve("notes.txt.error.json")).isRegularFile();
        // in-progress and hidden names stay where they are, untouched
        assertThat(remoteInbox.resolve("big.png.part")).isRegularFile();
        assertThat(remoteInbox.resolve(".hidden.png")).isRegularFile();
        assertThat(harness.sandbox().requests()).hasSize(2);
    }

    @Test
    void remoteFilesWhoseNamesAreOver231BytesAreRejectedUnderGeneratedNamesAndMovedAsAnyOther() throws Exception {
        byte[] image = TestImages.noisePng(40);
        String sha = dev.ocrbridge.signing.Tc3Signer.sha256Hex(image, 0, image.length);
        // 80 Hangul syllables: 244 bytes of UTF-8 with the extension, room for no derived suffix; 83: 253 bytes,
        // with no room for the suffix of Camel's download either
        String longName = "가".repeat(80) + ".png";
        byte[] longest = TestImages.noisePng(43);
        String longestName = "나".repeat(83) + ".png";
        upload(longName, image);
        upload(longestName, longest);
        upload("next.png", TestImages.noisePng(41));
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.password", SftpTestServer.PASSWORD));

        Path rejected = harness.deadLetter(HEALTH, "Source.UnacceptableName");
        String generated = sha.substring(0, 12) + ".png";
        Path done = remoteInbox.resolve(".done");
        await().atMost(WAIT).until(() -> Files.isRegularFile(done.resolve(longName))
                && Files.isRegularFile(done.resolve(longestName)) && Files.isRegularFile(done.resolve("next.png")));
        assertThat(rejected.resolve(generated)).hasBinaryContent(image);
        String longestSha = dev.ocrbridge.signing.Tc3Signer.sha256Hex(longest, 0, longest.length);
        assertThat(rejected.resolve(longestSha.substring(0, 12) + ".png")).hasBinaryContent(longest);
        assertThat(json(rejected.resolve(generated + ".error.json")).path("source").path("name").asText())
                .isEqualTo(generated);
        assertThat(harness.outbox(HEALTH).resolve("next.json")).isRegularFile();
        assertThat(harness.sandbox().requests()).as("only next.png was sent").hasSize(1);
        assertThat(anyHealthDown()).isFalse();
    }

    @Test
    void aRemoteFileOverTheLimitIsRefusedFromItsListedLengthWithoutACopyAndMovedAsAnyOther() throws Exception {
        // a complete PNG over the 4,000-byte Base64 limit of this test (3,000 image bytes)
        byte[] big = TestImages.noisePng(64, 42);
        upload("big.png", big);
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.password", SftpTestServer.PASSWORD,
                "ocr.health-code.max-base64-bytes", "4000"));

        Path dead = harness.deadLetter(HEALTH, "LimitExceeded.TooLargeFileError");
        await().atMost(WAIT).until(() -> Files.isRegularFile(remoteInbox.resolve(".done").resolve("big.png"))
                && Files.isRegularFile(dead.resolve("big.png.error.json")));
        assertThat(json(dead.resolve("big.png.error.json")).path("source").path("bytes").asLong())
                .isEqualTo(big.length);
        // the original stays where it came from (.done on the server), as for a mail attachment over the limit
        assertThat(files(dead)).extracting(p -> p.getFileName().toString()).containsExactly("big.png.error.json");
        assertThat(harness.sandbox().requests()).isEmpty();
    }

    @Test
    void aServerRestartedMidPollLosesNothingAndRecognizesEachFileOnce() throws Exception {
        CountDownLatch secondCallEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Recognizer blockSecondCall = (action, image, parameters) -> {
            if (calls.incrementAndGet() == 2) {
                secondCallEntered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Recognizer.emptyFields().recognize(action, image, parameters);
        };
        List<String> names = List.of("a.png", "b.png", "c.png");
        for (int i = 0; i < names.size(); i++) {
            upload(names.get(i), TestImages.noisePng(10 + i));
        }
        harness = PipelineHarness.start(data, OcrSandbox.builder().recognizer(HEALTH, blockSecondCall),
                props("ocrbridge.sftp.password", SftpTestServer.PASSWORD));

        // the second file is being recognized: the server goes away in the middle of the poll
        assertThat(secondCallEntered.await(20, TimeUnit.SECONDS)).isTrue();
        Path done = remoteInbox.resolve(".done");
        try (LogCapture log = LogCapture.start()) {
            server.stop();
            release.countDown();
            // its result is written locally, but the remote file cannot be moved: it stays
            await().atMost(WAIT).until(() -> files(harness.outbox(HEALTH)).size() == 2);
            server.start(); // same port, same host key, same files

            await().atMost(WAIT).until(() -> names.stream().allMatch(n -> Files.isRegularFile(done.resolve(n)))
                    && names.stream().noneMatch(n -> Files.exists(remoteInbox.resolve(n))));
            // the failed move and the file still queued behind it: one line for the outage, no stack trace
            String all = LogCapture.describe(log.events());
            assertThat(log.withStackTrace()).as(all).isEmpty();
            assertThat(log.atLeast(Level.WARN)).as(all).hasSizeLessThanOrEqualTo(1);
            assertThat(all).doesNotContain("a.png").doesNotContain("b.png").doesNotContain("c.png")
                    .doesNotContain("denied permissions");
        }
        assertThat(files(harness.outbox(HEALTH))).hasSize(3);
        assertThat(files(harness.archive(HEALTH))).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        // exactly one API call per image: the file read again after the restart reused its result
        assertThat(harness.sandbox().requests()).hasSize(3);
    }

    @Test
    void aChangedHostKeyHaltsTheSftpChannelBeforeAnythingIsDownloadedWhileTheFileDropGoesOn() throws Exception {
        byte[] image = TestImages.noisePng(20);
        upload("card.png", image);
        Path wrongKnownHosts = server.knownHostsWithAnotherKey(tmp.resolve("known_hosts_other"));
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.password", SftpTestServer.PASSWORD,
                "ocrbridge.sftp.known-hosts-file", wrongKnownHosts.toString()));

        await().atMost(WAIT).until(() -> channelHalts().haltOf("sftp").isPresent());
        assertThat(channelHalts().haltOf("sftp").get().code()).isEqualTo(SftpConnectionGuard.HOST_KEY_REJECTED);
        await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                .getRouteStatus("sftp-health-code").isSuspended());
        HealthCheck.Result channels = check(ChannelHealthCheck.ID);
        assertThat(channels.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(channels.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("channel sftp halted")
                .contains(SftpConnectionGuard.HOST_KEY_REJECTED).contains("known_hosts"));
        // the channel's failure is its own: the action is not halted, and the file drop goes on
        assertThat(haltSwitch().halted()).isEmpty();
        assertThat(check(OcrHealthCheck.ID).getState()).isEqualTo(HealthCheck.State.UP);
        byte[] dropped = TestImages.noisePng(21);
        harness.drop(HEALTH, "dropped.png", dropped);
        await().atMost(WAIT).until(() -> Files.isRegularFile(harness.archive(HEALTH).resolve("dropped.png")));

        assertThat(Files.readAllBytes(remoteInbox.resolve("card.png"))).isEqualTo(image);
        assertThat(remoteInbox.resolve(".done")).doesNotExist();
        assertThat(harness.sandbox().requests()).hasSize(1);

        // the operator checks the fingerprint, fixes known_hosts and resumes the channel
        server.knownHosts(wrongKnownHosts);
        assertThat(channelHalts().resume("sftp")).isTrue();
        await().atMost(WAIT).until(() -> Files.isRegularFile(remoteInbox.resolve(".done/card.png")));
        assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("card.png"))).isEqualTo(image);
        await().atMost(WAIT).until(() -> check(ChannelHealthCheck.ID).getState() == HealthCheck.State.UP);
    }

    private ChannelHalts channelHalts() {
        return harness.app().camelContext().getRegistry().lookupByNameAndType("ocrChannelHalts", ChannelHalts.class);
    }

    private HaltSwitch haltSwitch() {
        return harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
    }

    private List<HealthCheck.Result> health() {
        return List.copyOf(HealthCheckHelper.invoke(harness.app().camelContext()));
    }

    private boolean anyHealthDown() {
        return health().stream().anyMatch(r -> r.getState() == HealthCheck.State.DOWN);
    }

    /** One check's own result (the registry's summary leaves out checks that are UP). */
    private HealthCheck.Result check(String id) {
        return HealthCheckRegistry.get(harness.app().camelContext()).getCheck(id).orElseThrow().call();
    }

    @Test
    void aLoginTheServerRefusesHaltsTheChannelWithItsOwnCodeAndIsNotTriedAgain() throws Exception {
        byte[] image = TestImages.noisePng(40);
        upload("card.png", image);
        try (LogCapture log = LogCapture.start()) {
            harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                    "ocrbridge.sftp.password", "not-the-password"));

            await().atMost(WAIT).until(() -> channelHalts().haltOf("sftp").isPresent());
            assertThat(channelHalts().haltOf("sftp").get().code()).isEqualTo("Transport.LoginRefused");
            await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                    .getRouteStatus("sftp-health-code").isSuspended());
            // polls run every 200 ms: a retry loop would log in again many times in two seconds
            int logins = server.passwordLogins();
            assertThat(logins).isPositive();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> server.passwordLogins() == logins);

            HealthCheck.Result health = check(ChannelHealthCheck.ID);
            assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(health.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("channel sftp halted")
                    .contains("Transport.LoginRefused").contains("refused the configured login"));
            assertThat(haltSwitch().halted()).isEmpty();
            assertThat(Files.readAllBytes(remoteInbox.resolve("card.png"))).isEqualTo(image);
            assertThat(files(data)).isEmpty();
            assertThat(harness.sandbox().requests()).isEmpty();
            // one line says it (the halt), with no stack trace
            assertThat(log.withStackTrace()).as(LogCapture.describe(log.events())).isEmpty();
            assertThat(log.atLeast(Level.WARN)).as(LogCapture.describe(log.events())).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("Transport.LoginRefused"));
        }
    }

    @Test
    void aServerThatGoesAwayGivesOneLogLineEachWayAndHealthStaysDownUntilAPollSucceeds() throws Exception {
        upload("first.png", TestImages.noisePng(50));
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.password", SftpTestServer.PASSWORD));
        Path done = remoteInbox.resolve(".done");
        await().atMost(WAIT).until(() -> Files.isRegularFile(done.resolve("first.png")));
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) harness.app().camelContext()
                .getRoute("sftp-health-code").getConsumer();
        assertThat(consumer.getBackoffMultiplier()).isPositive();

        try (LogCapture log = LogCapture.start()) {
            server.stop();
            await().atMost(WAIT).until(this::anyHealthDown);
            // sampled all along the outage (polls every 200 ms, backing off after 3 failures): never UP
            BackOffSampler.holdsThroughABackOff(consumer, "a health check DOWN", this::anyHealthDown);
            assertThat(check("ocrbridge-channels").getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(check("ocrbridge-channels").getMessage()).hasValueSatisfying(m -> assertThat(m)
                    .contains("sftp-health-code").contains("ConnectException"));

            server.start();
            upload("second.png", TestImages.noisePng(51));
            await().atMost(WAIT).until(() -> Files.isRegularFile(done.resolve("second.png")));
            await().atMost(WAIT).until(() -> check("ocrbridge-channels").getState() == HealthCheck.State.UP);

            String all = LogCapture.describe(log.events());
            assertThat(log.withStackTrace()).as(all).isEmpty();
            // the test's own SSH server (MINA SSHD, in this JVM) may warn of a keepalive cut by its stop: not ocrbridge's
            assertThat(log.atLeast(Level.WARN)).as(all).filteredOn(e -> !e.getLoggerName().startsWith("org.apache.sshd"))
                    .singleElement().satisfies(e -> assertThat(
                    e.getFormattedMessage()).contains("sftp-health-code").contains("ConnectException"));
            assertThat(log.events()).as(all).filteredOn(e -> e.getLevel() == Level.INFO
                    && e.getFormattedMessage().contains("again")).hasSize(1);
            assertThat(all).doesNotContain("first.png").doesNotContain("second.png");
        }
    }

    @Test
    void anUploadThatResumesAfterItWasTakenStaysInPlaceAndIsRecognizedWholeOnTheNextPoll() throws Exception {
        byte[] image = TestImages.noisePng(60);
        // the uploader wrote half, then stalled for longer than the settle time
        Path remote = upload("stalled.png", Arrays.copyOf(image, image.length / 2));
        AtomicBoolean resumed = new AtomicBoolean();
        server.afterDownload(name -> {
            if (name.equals("stalled.png") && resumed.compareAndSet(false, true)) {
                try {
                    Files.write(remote, image); // ... and resumes right after ocrbridge read the half
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try (LogCapture log = LogCapture.start()) {
            harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                    "ocrbridge.sftp.password", SftpTestServer.PASSWORD));

            Path done = remoteInbox.resolve(".done");
            await().atMost(WAIT).until(() -> Files.isRegularFile(harness.outbox(HEALTH).resolve("stalled.json")));
            await().atMost(WAIT).until(() -> Files.isRegularFile(done.resolve("stalled.png")));
            assertThat(resumed).isTrue();
            assertThat(Files.readAllBytes(done.resolve("stalled.png"))).isEqualTo(image);
            assertThat(json(harness.outbox(HEALTH).resolve("stalled.json")).path("source").path("bytes").asLong())
                    .isEqualTo(image.length);
            assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("stalled.png"))).isEqualTo(image);
            // no record of the half that no longer exists
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
            assertThat(files(harness.outbox(HEALTH))).hasSize(1);
            assertThat(harness.sandbox().requests()).hasSize(1);
            assertThat(LogCapture.describe(log.events())).doesNotContain("stalled");
        }
    }

    private static String sha256(byte[] bytes) {
        return Tc3Signer.sha256Hex(bytes, 0, bytes.length);
    }

    private boolean resultCarries(String sha256) {
        return files(harness.outbox(HEALTH)).stream().filter(p -> p.toString().endsWith(".json"))
                .anyMatch(p -> json(p).path("source").path("sha256").asText().equals(sha256));
    }

    private static boolean logged(LogCapture log, String text) {
        return log.events().stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }

    @Test
    void anUploadThatPausesBeforeItsImageIsWholeIsLeftAndRecognizedWholeOnceItCompletes() throws Exception {
        byte[] image = TestImages.noisePng(61);
        Path remote = remoteInbox.resolve("paused.png");
        try (LogCapture log = LogCapture.start(); OutputStream upload = Files.newOutputStream(remote)) {
            upload.write(image, 0, image.length / 2);
            upload.flush();
            harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                    "ocrbridge.sftp.password", SftpTestServer.PASSWORD));

            // the half is downloaded once it looks settled, found without its end and left where it is
            await().atMost(WAIT).until(() -> logged(log, "not complete yet"));
            assertThat(remoteInbox.resolve(".done")).doesNotExist();
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
            // the uploader resumes, long after the settle time, into the file it had open
            upload.write(image, image.length / 2, image.length - image.length / 2);
            upload.close();

            await().atMost(WAIT).until(() -> resultCarries(sha256(image)));
            await().atMost(WAIT).until(() -> Files.isRegularFile(remoteInbox.resolve(".done/paused.png")));
            assertThat(Files.readAllBytes(remoteInbox.resolve(".done/paused.png"))).isEqualTo(image);
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
            assertThat(files(harness.outbox(HEALTH))).hasSize(1);
            assertThat(harness.sandbox().requests()).hasSize(1);
            assertThat(LogCapture.describe(log.events())).doesNotContain("paused");
        }
    }

    @Test
    void anUploadThatPausesAfterAWholeImageIsTakenAgainWithItsLastBytesOnceTheyArrive() throws Exception {
        byte[] image = TestImages.noisePng(62);
        byte[] trailer = TestImages.noiseGif(63); // bytes after the PNG's end, as a motion photo carries
        byte[] whole = Arrays.copyOf(image, image.length + trailer.length);
        System.arraycopy(trailer, 0, whole, image.length, trailer.length);
        Path remote = remoteInbox.resolve("grown.png");
        Path done = remoteInbox.resolve(".done/grown.png");
        try (LogCapture log = LogCapture.start()) {
            try (OutputStream upload = Files.newOutputStream(remote)) {
                upload.write(whole, 0, image.length + trailer.length / 2);
                upload.flush();
                harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                        "ocrbridge.sftp.password", SftpTestServer.PASSWORD));

                // the part is a whole PNG: it is recognized and moved away while the uploader is paused
                await().atMost(WAIT).until(() -> Files.isRegularFile(done));
                upload.write(whole, image.length + trailer.length / 2, trailer.length - trailer.length / 2);
            }

            // the moved copy grew: it comes back and is taken again as new content
            await().atMost(WAIT).until(() -> resultCarries(sha256(whole)));
            await().atMost(WAIT).until(() -> !Files.exists(remote) && Files.isRegularFile(done));
            assertThat(Files.readAllBytes(done)).isEqualTo(whole);
            assertThat(files(harness.archive(HEALTH))).anySatisfy(p -> assertThat(Files.readAllBytes(p)).isEqualTo(whole));
            assertThat(files(data.resolve("dead-letter"))).isEmpty();
            assertThat(LogCapture.describe(log.events())).doesNotContain("grown");
        }
    }

    @Test
    void aTruncatedUploadUnchangedForTheMaximumAgeIsDeadLetteredAsTruncated() throws Exception {
        byte[] image = TestImages.noisePng(64);
        byte[] half = Arrays.copyOf(image, image.length / 2);
        upload("cut.png", half); // last written 30 s ago
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.password", SftpTestServer.PASSWORD,
                "ocrbridge.incomplete-max-age", "10000"));

        Path deadLetter = harness.deadLetter(HEALTH, HEALTH.decodeFailureCode());
        await().atMost(WAIT).until(() -> Files.isRegularFile(remoteInbox.resolve(".done/cut.png")));
        assertThat(Files.readAllBytes(deadLetter.resolve("cut.png"))).isEqualTo(half);
        assertThat(json(deadLetter.resolve("cut.png.error.json")).path("error").path("message").asText())
                .contains("truncated");
        assertThat(harness.sandbox().requests()).isEmpty();
    }
}
