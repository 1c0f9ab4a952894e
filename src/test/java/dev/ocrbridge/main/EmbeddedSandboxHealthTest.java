package dev.ocrbridge.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dead embedded sandbox is a dead service: health says DOWN instead of UP for as long as the process lives. */
class EmbeddedSandboxHealthTest {

    @Test
    void healthTurnsDownWhenTheEmbeddedSandboxStopsAnswering(@TempDir Path data) throws Exception {
        Properties p = new Properties();
        p.setProperty("ocr.secret-id", "");
        p.setProperty("ocr.secret-key", "");
        p.setProperty("ocr.sandbox.recognizer", "empty");
        p.setProperty("ocrbridge.data-dir", data.toString());
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.port", Integer.toString(port));
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> health(port).getKey() == 200);

            // what an OutOfMemoryError in the JDK server's threads leaves: the port still accepts connections,
            // nothing answers them (the workers are gone; the dispatcher hands them to no one)
            ThreadPoolExecutor workers = workersOf(app);
            workers.shutdownNow();

            await().atMost(Duration.ofSeconds(60)).until(() -> health(port).getKey() == 503);
            assertThat(health(port).getValue()).contains(EmbeddedSandboxHealthCheck.ID).contains("DOWN");
        }
    }

    /** The sandbox's worker pool: reached by reflection, as only a dying JVM would stop it. */
    private static ThreadPoolExecutor workersOf(OcrBridgeApplication app) throws ReflectiveOperationException {
        java.lang.reflect.Field field = app.sandbox().sandbox().getClass().getDeclaredField("executor");
        field.setAccessible(true);
        return (ThreadPoolExecutor) field.get(app.sandbox().sandbox());
    }

    private static Map.Entry<Integer, String> health(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/observe/health?data=true")
                .toURL().openConnection();
        c.setReadTimeout(60_000);
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return Map.entry(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }
}
