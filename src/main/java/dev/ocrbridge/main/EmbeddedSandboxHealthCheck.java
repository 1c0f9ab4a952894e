package dev.ocrbridge.main;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN while the embedded sandbox does not answer: its HTTP server's dispatcher thread died (an
 * {@code OutOfMemoryError} there leaves the port accepting connections that are never answered), its workers are
 * gone, or it is too slow to answer a cheap request in time. The process then looks alive but recognizes nothing;
 * restarting it is the cure, so this is a liveness check too.
 *
 * <p>Each call sends {@code GET /_sandbox/health} over loopback: what a real client of the endpoint goes through
 * (accept, dispatch, a worker, the answer), so any of them being dead turns health DOWN.
 */
final class EmbeddedSandboxHealthCheck extends AbstractHealthCheck {

    static final String ID = "ocrbridge-embedded-sandbox";
    /** Generous: a loaded machine must not turn health DOWN, a dead endpoint never answers at all. */
    static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    static final int READ_TIMEOUT_MILLIS = 5_000;

    private final EmbeddedSandbox sandbox;

    EmbeddedSandboxHealthCheck(EmbeddedSandbox sandbox) {
        super("ocrbridge", ID);
        this.sandbox = sandbox;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!sandbox.sandbox().isRunning()) {
            builder.message("the embedded OCR sandbox is stopped").down();
            return;
        }
        String failure = probe();
        if (failure == null) {
            builder.up();
        } else {
            builder.detail("endpoint", sandbox.url());
            builder.message("the embedded OCR sandbox does not answer (" + failure + "): nothing is recognized until "
                    + "the process is restarted").down();
        }
    }

    /** Null when the sandbox answered 200, else what went wrong (a class name or a status, never a message). */
    private String probe() {
        HttpURLConnection connection = null;
        try {
            // straight to loopback, whatever proxy the JVM is configured with
            connection = (HttpURLConnection) URI.create(sandbox.url() + "/_sandbox/health").toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
            return status == 200 ? null : "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName();
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
