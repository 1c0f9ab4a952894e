package dev.ocrbridge.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what is logged through {@code java.util.logging} to SLF4J, and so through the redacting encoder: the JDK's
 * HTTP server (the sandbox), the PostgreSQL driver and the mail client log there, and their console handler would
 * otherwise print file names, addresses and server answers around the encoder, unmasked.
 *
 * <p>For the standalone programs only (the service, the standalone sandbox): an embedding runtime decides its own
 * logging. Pair it with logback's {@code LevelChangePropagator} ({@code config/logback.xml}) so that a JUL logger
 * is only as verbose as its logback level says.
 */
public final class JulBridge {

    private JulBridge() {
    }

    /** Replaces JUL's root handlers by the bridge; once per JVM. */
    public static synchronized void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
