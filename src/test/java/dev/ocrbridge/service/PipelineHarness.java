package dev.ocrbridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.main.OcrBridgeApplication;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.support.ScheduledPollConsumer;
import org.awaitility.Awaitility;

/**
 * The real service (camel-main, the XML routes under routes/) against a real sandbox over HTTP, on a
 * temporary data folder. Tests tune it with properties.
 */
public final class PipelineHarness implements AutoCloseable {

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    public static final String SECRET_ID = "AKIDpipelineTest000000000000000000";
    public static final String SECRET_KEY = "pipelineTestSecretKey0000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OcrSandbox sandbox;
    private final OcrBridgeApplication app;
    private final Path data;

    private PipelineHarness(OcrSandbox sandbox, OcrBridgeApplication app, Path data) {
        this.sandbox = sandbox;
        this.app = app;
        this.data = data;
    }

    public static PipelineHarness start(Path data, OcrSandbox.Builder sandboxBuilder, Properties extra) throws Exception {
        OcrSandbox sandbox = sandboxBuilder.port(0).credential(SECRET_ID, SECRET_KEY).build().start();
        Properties p = new Properties();
        p.setProperty("ocr.endpoint", sandbox.url());
        p.setProperty("ocr.secret-id", SECRET_ID);
        p.setProperty("ocr.secret-key", SECRET_KEY);
        p.setProperty("ocr.token", "");
        p.setProperty("ocrbridge.data-dir", data.toString());
        p.setProperty("ocrbridge.file.settle-ms", "300");
        p.setProperty("ocrbridge.file.poll-ms", "100");
        p.setProperty("ocrbridge.retry.initial-delay-ms", "100");
        p.setProperty("ocrbridge.retry.max-redeliveries", "3");
        int httpPort = freePort();
        p.setProperty("camel.server.port", Integer.toString(httpPort));
        p.setProperty("camel.management.port", Integer.toString(httpPort));
        p.putAll(extra);
        OcrBridgeApplication app = new OcrBridgeApplication(p).start();
        return new PipelineHarness(sandbox, app, data);
    }

    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PipelineHarness start(Path data) throws Exception {
        return start(data, OcrSandbox.builder(), new Properties());
    }

    /** The port of the operator endpoints (resume, /observe/health, /observe/metrics). */
    public int httpPort() {
        return Integer.parseInt(app.camelContext().resolvePropertyPlaceholders("{{camel.server.port}}"));
    }

    /**
     * Sends {@code method path} to the operator endpoints over real HTTP; answers status and body. HTTP/1.1 as a
     * scraper or curl speaks it: the JDK client's default first asks a plain-http server to upgrade to h2c, and one
     * such request to the service's Vert.x server was seen waiting for an answer that never came (the suite hung).
     * An answer that does not come in 30 s fails the call; a GET, which changes nothing, is asked once more first.
     */
    public java.util.Map.Entry<Integer, String> http(String method, String path) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + httpPort() + path))
                .timeout(java.time.Duration.ofSeconds(30))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        try {
            java.net.http.HttpResponse<String> r;
            try {
                r = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                if (!"GET".equals(method)) {
                    throw e;
                }
                r = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            return java.util.Map.entry(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public OcrSandbox sandbox() {
        return sandbox;
    }

    public OcrBridgeApplication app() {
        return app;
    }

    /**
     * Returns once the consumer of route {@code routeId} has run {@code polls} whole polls that began after this
     * call, and no exchange is in flight: what those polls took has been dealt with. Where a test asserts that
     * something does not happen (a file left alone, a line not logged again), these are the chances it had.
     */
    public void awaitPolls(String routeId, int polls) {
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) app.camelContext().getRoute(routeId).getConsumer();
        long from = consumer.getCounter();
        // the poll counted as from + polls + 1 begins only after poll from + polls has ended
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> consumer.getCounter() > from + polls
                        && app.camelContext().getInflightRepository().size() == 0);
    }

    /**
     * Returns once route {@code routeId} is suspended (a halt) and nothing is in flight: from then on nothing of it
     * runs until a resume.
     */
    public void awaitSuspendedAndIdle(String routeId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> app.camelContext().getRouteController().getRouteStatus(routeId).isSuspended());
        awaitIdle();
    }

    /** Returns once no exchange is in flight and the sandbox holds no request. */
    public void awaitIdle() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> app.camelContext().getInflightRepository().size() == 0 && sandbox.inFlight() == 0);
    }

    public Path data() {
        return data;
    }

    public Path inbox(OcrAction action) {
        return folders().inbox(action);
    }

    public Path outbox(OcrAction action) {
        return folders().outbox(action);
    }

    public Path archive(OcrAction action) {
        return folders().archive(action);
    }

    public Path deadLetter(OcrAction action, String code) {
        return folders().deadLetter(action, code);
    }

    private DataFolders folders() {
        return new DataFolders(data);
    }

    /** Drops a file the way a careful writer does: written elsewhere, then moved in, already settled. */
    public Path drop(OcrAction action, String name, byte[] content) {
        try {
            Path inbox = inbox(action);
            Files.createDirectories(inbox);
            Path tmp = Files.createTempFile(data, "drop", ".tmp");
            Files.write(tmp, content);
            Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(5)));
            return Files.move(tmp, inbox.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Regular files under a folder, recursively, excluding ocrbridge's own state folder. (Camel's read-lock
     * markers are off: a {@code *.camelLock} file is a user's own and counts.) Walks again when a file vanishes
     * mid-walk (the service is moving files while we look).
     */
    public static List<Path> files(Path dir) {
        for (int attempt = 0; ; attempt++) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/.ocrbridge/")).toList();
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 10) {
                    throw new IllegalStateException("could not list " + dir, e);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            app.close();
        } finally {
            sandbox.close();
        }
    }
}
