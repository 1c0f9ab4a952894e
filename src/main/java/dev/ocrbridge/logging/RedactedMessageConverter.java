package dev.ocrbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Set;

/**
 * {@code %msg} (and {@code %m}, {@code %message}) of {@link RedactingEncoder}: ocrbridge's own lines as written
 * (their arguments are codes, counts, route ids and hashes), any other library's through {@link Redactor#foreign}.
 * Both with control characters escaped.
 */
public class RedactedMessageConverter extends ClassicConverter {

    /** Loggers whose every call site we wrote and review; everything else is a library we do not control. */
    static final String OWN_LOGGERS = "dev.ocrbridge.";

    /**
     * Camel's lifecycle loggers: their arguments are route ids, versions, durations, counts and configuration
     * values (Camel itself masks keys, passwords and tokens there), never an exchange or a file. Their arguments
     * are masked like message text (paths, addresses, numbers, non-Latin words still hashed) instead of hashed
     * whole, so that "Started file-drop-health-code" and the start-up summary stay readable. At INFO and above
     * only: at DEBUG and TRACE the same loggers print raw endpoint URIs.
     */
    static final Set<String> LIFECYCLE_LOGGERS = Set.of(
            "org.apache.camel.impl.engine.AbstractCamelContext",
            "org.apache.camel.impl.engine.InternalRouteStartupManager",
            "org.apache.camel.impl.engine.DefaultShutdownStrategy",
            "org.apache.camel.main.MainSupport",
            "org.apache.camel.main.BaseMainSupport");

    @Override
    public String convert(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger != null && logger.startsWith(OWN_LOGGERS)) {
            return Redactor.own(event.getFormattedMessage());
        }
        // at DEBUG and TRACE the same loggers print raw endpoint URIs, passwords included: hashed whole there
        boolean lifecycle = event.getLevel().isGreaterOrEqual(Level.INFO) && LIFECYCLE_LOGGERS.contains(logger);
        return Redactor.foreign(event.getMessage(), event.getArgumentArray(), lifecycle);
    }
}
