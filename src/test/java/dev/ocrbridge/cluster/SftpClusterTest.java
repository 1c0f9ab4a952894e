package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.intake.SftpTestServer;
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
import java.util.stream.Stream;
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
            try (PipelineHarness nodeA = PipelineHarness.start(data, OcrSandbox.builder(), a);
                 PipelineHarness nodeB = PipelineHarness.start(data, OcrSandbox.builder(), b)) {
                Path outbox = nodeA.outbox(HEALTH);
                await().atMost(Duration.ofMinutes(1)).until(() -> results(outbox).size() >= FILES
                        && done(root).size() == FILES);
                // settled: no late second copy from the other node
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> results(outbox).size() == FILES);
                assertThat(results(outbox)).containsExactlyInAnyOrderElementsOf(names);
                long sent = Stream.of(nodeA, nodeB).mapToLong(n -> n.sandbox().requests().stream()
                        .filter(ObservedRequest::succeeded).count()).sum();
                assertThat(sent).as("each image sent once").isEqualTo(FILES);
                assertThat(Stream.of(nodeA, nodeB).mapToLong(n -> n.sandbox().requests().size()))
                        .as("both nodes took work").allSatisfy(n -> assertThat(n).isPositive());
            }
        }
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
