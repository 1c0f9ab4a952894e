package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.intake.SftpTestServer;
import dev.ocrbridge.recognizer.Recognizer;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one SFTP folder: each remote file is taken by one node, once. */
class SftpClusterTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final int FILES = 16;

    @TempDir
    Path tmp;

    @Test
    void eachRemoteFileIsTakenByOneNode() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("SftpClusterTest");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path root = Files.createDirectories(tmp.resolve("sftp-root"));
        Path remoteInbox = Files.createDirectories(root.resolve("inbox/health-code"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            Path f = Files.write(remoteInbox.resolve("remote-" + i + ".png"), TestImages.noisePng(500 + i));
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(30)));
            names.add("remote-" + i + ".json");
        }
        try (SftpTestServer server = new SftpTestServer(root).start()) {
            Properties p = new Properties();
            p.setProperty("ocrbridge.sftp.health-code.enabled", "true");
            p.setProperty("ocrbridge.sftp.host", "127.0.0.1");
            p.setProperty("ocrbridge.sftp.port", Integer.toString(server.port()));
            p.setProperty("ocrbridge.sftp.username", SftpTestServer.USER);
            p.setProperty("ocrbridge.sftp.password", SftpTestServer.PASSWORD);
            p.setProperty("ocrbridge.sftp.known-hosts-file", server.knownHosts(tmp.resolve("known_hosts")).toString());
            p.setProperty("ocrbridge.sftp.settle-ms", "1000");
            p.setProperty("ocrbridge.sftp.poll-ms", "100");
            p.setProperty("ocrbridge.cluster.jdbc-url", db.jdbcUrl());
            p.setProperty("ocrbridge.cluster.username", db.username());
            p.setProperty("ocrbridge.cluster.password", db.password());
            Properties a = new Properties();
            a.putAll(p);
            a.setProperty("ocrbridge.cluster.node-id", "sftp-a");
            Properties b = new Properties();
            b.putAll(p);
            b.setProperty("ocrbridge.cluster.node-id", "sftp-b");
            // both nodes hold a file at once, whichever polls first: each one's first call waits for the other's
            CountDownLatch aCalled = new CountDownLatch(1);
            CountDownLatch bCalled = new CountDownLatch(1);
            try (PipelineHarness nodeA = PipelineHarness.start(data,
                         OcrSandbox.builder().recognizer(HEALTH, meeting(aCalled, bCalled)), a);
                 PipelineHarness nodeB = PipelineHarness.start(data,
                         OcrSandbox.builder().recognizer(HEALTH, meeting(bCalled, aCalled)), b)) {
                Path outbox = nodeA.outbox(HEALTH);
                await().atMost(Duration.ofMinutes(1)).until(() -> results(outbox).size() >= FILES
                        && done(root).size() == FILES);
                // settled: each node has polled the emptied folder since and has nothing in flight, so a second
                // copy taken by the other node would have been sent by now
                List<Long> polls = Stream.of(nodeA, nodeB).map(SftpClusterTest::polls).toList();
                await().atMost(Duration.ofMinutes(1)).until(() -> polls(nodeA) >= polls.get(0) + 2
                        && polls(nodeB) >= polls.get(1) + 2 && idle(nodeA) && idle(nodeB));
                assertThat(results(outbox)).containsExactlyInAnyOrderElementsOf(names);
                long sent = Stream.of(nodeA, nodeB).mapToLong(n -> n.sandbox().requests().stream()
                        .filter(ObservedRequest::succeeded).count()).sum();
                assertThat(sent).as("each image sent once").isEqualTo(FILES);
                assertThat(Stream.of(nodeA, nodeB).mapToLong(n -> n.sandbox().requests().size()))
                        .as("both nodes took work").allSatisfy(n -> assertThat(n).isPositive());
            }
        }
    }

    /**
     * Answers as the sandbox's own recognizer would, once the other node has had a call too (at most a minute): a
     * node's SFTP poll sends its files one at a time, so it holds its first file until the other node took one.
     */
    private static Recognizer meeting(CountDownLatch mine, CountDownLatch other) {
        Recognizer answer = Recognizer.emptyFields();
        return (action, image, parameters) -> {
            mine.countDown();
            try {
                other.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer.recognize(action, image, parameters);
        };
    }

    /** Polls the node's SFTP consumer has begun. */
    private static long polls(PipelineHarness node) {
        return ((ScheduledPollConsumer) node.app().camelContext().getRoute("sftp-health-code").getConsumer())
                .getCounter();
    }

    private static boolean idle(PipelineHarness node) {
        return node.app().camelContext().getInflightRepository().size() == 0 && node.sandbox().inFlight() == 0;
    }

    private static List<String> results(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
        }
    }

    private static List<Path> done(Path root) throws Exception {
        Path done = root.resolve("inbox/health-code/.done");
        if (!Files.isDirectory(done)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.toList();
        }
    }
}
