package dev.ocrbridge.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} (and {@code %m}, {@code %message}) of {@link RedactingEncoder}: ocrbridge's own lines as written
 * (their arguments are codes, counts, route ids and hashes), any other library's through {@link Redactor#foreign}.
 * Both with control characters escaped.
 */
public class RedactedMessageConverter extends ClassicConverter {

    /** Loggers whose every call site we wrote and review; everything else is a library we do not control. */
    static final String OWN_LOGGERS = "dev.ocrbridge.";

    @Override
    public String convert(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger != null && logger.startsWith(OWN_LOGGERS)) {
            return Redactor.own(event.getFormattedMessage());
        }
        return Redactor.foreign(event.getMessage(), event.getArgumentArray());
    }
}
