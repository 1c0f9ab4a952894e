package dev.ocrbridge.ingestion;

import static dev.ocrbridge.pipeline.PipelineHarness.files;
import static dev.ocrbridge.pipeline.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.DispositionPolicy;
import dev.ocrbridge.pipeline.HaltSwitch;
import dev.ocrbridge.pipeline.OcrHealthCheck;
import dev.ocrbridge.pipeline.PipelineHarness;
import dev.ocrbridge.pipeline.TestImages;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.sandbox.Recognizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
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
        byte[] good = TestImages.png(1);
        byte[] gif = TestImages.gif(2);
        byte[] slowImage = TestImages.png(3);
        upload("good.png", good);
        upload("bad.gif", gif);
        upload("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        upload("big.png.part", TestImages.png(4));
        upload(".hidden.png", TestImages.png(5));
        // key-based login, no password
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.settle-ms", "2000",
                "ocrbridge.sftp.password", "",
                "ocrbridge.sftp.private-key-file", server.clientPrivateKey(tmp.resolve("id_test")).toString()));

        // an upload in progress: the writer adds a piece every 100 ms for 2.5 s (SFTP times are whole seconds,
        // so the file never looks older than about 1.1 s while it grows)
        Path slow = remoteInbox.resolve("slow.png");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(slow)) {
                int pieces = 25;
                for (int i = 0; i < pieces; i++) {
                    int from = slowImage.length * i / pieces;
                    int to = slowImage.length * (i + 1) / pieces;
                    out.write(slowImage, from, to - from);
                    out.flush();
                    Thread.sleep(100); // the uploader's pace, not a synchronisation
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "slow-uploader");
        writer.start();
        // while it is being written, the slow file is not taken
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> !Files.exists(harness.outbox(HEALTH).resolve("slow.json")));

        Path done = remoteInbox.resolve(".done");
        await().atMost(WAIT).until(() -> Files.isRegularFile(done.resolve("good.png"))
                && Files.isRegularFile(done.resolve("bad.gif")) && Files.isRegularFile(done.resolve("notes.txt")));
        writer.join();
        await().atMost(WAIT).until(() -> Files.isRegularFile(done.resolve("slow.png")));

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
            upload(names.get(i), TestImages.png(10 + i));
        }
        harness = PipelineHarness.start(data, OcrSandbox.builder().recognizer(HEALTH, blockSecondCall),
                props("ocrbridge.sftp.password", SftpTestServer.PASSWORD));

        // the second file is being recognized: the server goes away in the middle of the poll
        assertThat(secondCallEntered.await(20, TimeUnit.SECONDS)).isTrue();
        server.stop();
        release.countDown();
        // its result is written locally, but the remote file cannot be moved: it stays
        await().atMost(WAIT).until(() -> files(harness.outbox(HEALTH)).size() == 2);
        server.start(); // same port, same host key, same files

        Path done = remoteInbox.resolve(".done");
        await().atMost(WAIT).until(() -> names.stream().allMatch(n -> Files.isRegularFile(done.resolve(n)))
                && names.stream().noneMatch(n -> Files.exists(remoteInbox.resolve(n))));
        assertThat(files(harness.outbox(HEALTH))).hasSize(3);
        assertThat(files(harness.archive(HEALTH))).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        // exactly one API call per image: the file read again after the restart reused its result
        assertThat(harness.sandbox().requests()).hasSize(3);
    }

    @Test
    void aChangedHostKeyHaltsIntakeBeforeAnythingIsDownloaded() throws Exception {
        byte[] image = TestImages.png(20);
        upload("card.png", image);
        Path wrongKnownHosts = server.knownHostsWithAnotherKey(tmp.resolve("known_hosts_other"));
        harness = PipelineHarness.start(data, OcrSandbox.builder(), props(
                "ocrbridge.sftp.password", SftpTestServer.PASSWORD,
                "ocrbridge.sftp.known-hosts-file", wrongKnownHosts.toString()));

        HaltSwitch halt = harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
        await().atMost(WAIT).until(() -> halt.haltOf(HEALTH).isPresent());
        assertThat(halt.haltOf(HEALTH).get().code()).isEqualTo(SftpConnectionGuard.HOST_KEY_REJECTED);
        await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                .getRouteStatus("sftp-health-code").isSuspended());
        HealthCheck.Result health = HealthCheckHelper.invoke(harness.app().camelContext()).stream()
                .filter(r -> r.getCheck().getId().equals(OcrHealthCheck.ID)).findFirst().orElseThrow();
        assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health.getMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains(SftpConnectionGuard.HOST_KEY_REJECTED).contains("known_hosts"));

        assertThat(Files.readAllBytes(remoteInbox.resolve("card.png"))).isEqualTo(image);
        assertThat(remoteInbox.resolve(".done")).doesNotExist();
        assertThat(files(data)).isEmpty();
        assertThat(harness.sandbox().requests()).isEmpty();
        // an image already in flight when the halt came is put back, not dead-lettered
        assertThat(DispositionPolicy.defaultPolicy().dispositionOf(SftpConnectionGuard.HOST_KEY_REJECTED))
                .isEqualTo(Disposition.HALT);

        // the operator checks the fingerprint, fixes known_hosts and resumes
        server.knownHosts(wrongKnownHosts);
        assertThat(halt.resume("health-code")).isTrue();
        await().atMost(WAIT).until(() -> Files.isRegularFile(remoteInbox.resolve(".done/card.png")));
        assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("card.png"))).isEqualTo(image);
    }
}
