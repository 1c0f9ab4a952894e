package dev.ocrbridge.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what is logged through {@code java.util.logging} to SLF4J, and so through the redacting encoder: the JDK's
 * HTTP server (the sandbox), the PostgreSQL driver and the mail client log there, and their console handler would
 * otherwise print file names, addresses and server answers around the encoder, unmasked.
 *
 * <p>For the standalone programs only (the service, the standalone sandbox): an embedding runtime decides its own
 * logging. JUL keeps its own levels (INFO and above, the JDK's default): logback's levels are deliberately not
 * propagated to it, since a library's JUL debug output (the mail client's protocol trace) carries names and
 * addresses in forms no mask recognizes; raising a logback logger never switches it on.
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
