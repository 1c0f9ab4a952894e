package dev.ocrbridge.intake;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event that reaches the root logger (test levels: ocrbridge INFO, Camel WARN) while it is open. */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    List<ILoggingEvent> atLeast(Level level) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    List<ILoggingEvent> withStackTrace() {
        return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
    }

    static String describe(List<ILoggingEvent> events) {
        StringBuilder b = new StringBuilder();
        events.forEach(e -> b.append('\n').append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ")
                .append(e.getFormattedMessage()).append(e.getThrowableProxy() == null ? "" : " [+stack trace]"));
        return b.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
