package dev.ocrbridge.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** An ocrbridge node as a child JVM (killable with SIGKILL) in cluster mode on a test database. */
final class ChildNode {

    private ChildNode() {
    }

    /** The cluster and endpoint settings every node of a test shares; add or override before {@link #launch}. */
    static Map<String, String> settings(TestPostgres.Database db, String endpoint, String secretId, String secretKey,
            Path data) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ocr.endpoint", endpoint);
        props.put("ocr.secret-id", secretId);
        props.put("ocr.secret-key", secretKey);
        props.put("ocrbridge.data-dir", data.toString());
        props.put("ocrbridge.file.settle-ms", "200");
        props.put("ocrbridge.file.poll-ms", "100");
        props.put("ocrbridge.concurrency", "4");
        props.put("ocrbridge.cluster.jdbc-url", db.jdbcUrl());
        props.put("ocrbridge.cluster.username", db.username());
        props.put("ocrbridge.cluster.password", db.password());
        props.put("ocrbridge.cluster.lease-ms", "3000");
        return props;
    }

    /** Starts {@code OcrBridgeMain} as node {@code nodeId} with its operator endpoint on {@code port}. */
    static Process launch(Map<String, String> settings, Path data, String nodeId, int port) throws IOException {
        Map<String, String> props = new LinkedHashMap<>(settings);
        props.put("ocrbridge.cluster.node-id", nodeId);
        props.put("camel.server.port", Integer.toString(port));
        props.put("camel.management.port", Integer.toString(port));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("dev.ocrbridge.main.OcrBridgeMain");
        File log = data.resolve("node-" + nodeId + ".log").toFile();
        return new ProcessBuilder(cmd).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log).start();
    }

    /**
     * SIGKILLs the nodes and keeps their logs under target/cluster-test/&lt;test&gt;/, for a failure's post-mortem: a
     * folder per test, since the suite's two JVMs may end two cluster tests at the same moment.
     */
    static void stopAndKeepLogs(List<Process> nodes, Path data, Class<?> test) throws Exception {
        for (Process p : nodes) {
            p.destroyForcibly().waitFor();
        }
        Path keep = Files.createDirectories(Path.of("target", "cluster-test", test.getSimpleName()));
        try (Stream<Path> logs = Files.list(data)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, keep.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
