package dev.ocrbridge.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.PatternLayoutEncoderBase;

/**
 * The encoder of {@code config/logback.xml}: logback's pattern encoder over a {@link RedactingPatternLayout}, so
 * that every line of every appender that uses it (any logger, any level) is redacted.
 *
 * <pre>{@code <encoder class="dev.ocrbridge.logging.RedactingEncoder"><pattern>...</pattern></encoder>}</pre>
 */
public class RedactingEncoder extends PatternLayoutEncoderBase<ILoggingEvent> {

    @Override
    public void start() {
        RedactingPatternLayout patternLayout = new RedactingPatternLayout();
        patternLayout.setContext(context);
        patternLayout.setPattern(getPattern());
        patternLayout.setOutputPatternAsHeader(outputPatternAsHeader);
        patternLayout.start();
        this.layout = patternLayout;
        super.start();
    }
}
