package dev.ocrbridge.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What a shipped logback configuration ({@code config/logback.xml}, {@code config/logback-json.xml}) writes with every
 * logger it names, the root, ocrbridge and Camel at TRACE: each event as its console encoder writes it, kept here
 * instead of the console (TRACE is large), so that a test reads the log as an operator would.
 */
public final class ShippedLog extends AppenderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> encoder;
    private final Predicate<ILoggingEvent> counted;
    private final AtomicInteger count = new AtomicInteger();
    private final List<String> entries = new ArrayList<>();

    private ShippedLog(Encoder<ILoggingEvent> encoder, Predicate<ILoggingEvent> counted) {
        this.encoder = encoder;
        this.counted = counted;
    }

    /**
     * Loads the configuration into {@code logging} as the service does, raises its loggers to TRACE and puts this log
     * in place of its {@code CONSOLE} appender.
     *
     * @param counted the events to count ({@link #counted()}): proof that what the test looks for was logged at all
     * @param quiet   loggers of the test's own servers, which stand for remote machines: kept at WARN
     */
    @SuppressWarnings("unchecked")
    public static ShippedLog atTrace(LoggerContext logging, Path configuration, Predicate<ILoggingEvent> counted,
                                     String... quiet) throws Exception {
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(configuration.toFile());
        for (Logger logger : logging.getLoggerList()) {
            if (logger.getLevel() != null) {
                logger.setLevel(Level.TRACE);
            }
        }
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.ocrbridge", "org.apache.camel")) {
            logging.getLogger(name).setLevel(Level.TRACE);
        }
        for (String name : quiet) {
            logging.getLogger(name).setLevel(Level.WARN);
        }
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE"))
                .getEncoder();
        root.detachAppender("CONSOLE");
        ShippedLog log = new ShippedLog(encoder, counted);
        log.setContext(logging);
        log.start();
        root.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (counted.test(event)) {
            count.incrementAndGet();
        }
        String entry = new String(encoder.encode(event), StandardCharsets.UTF_8);
        synchronized (entries) {
            entries.add(entry);
        }
    }

    /** How many events the predicate given at {@link #atTrace} matched. */
    public int counted() {
        return count.get();
    }

    /** What the encoder wrote for each event, in order (an entry may span lines: a stack trace). */
    public List<String> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Everything written, as the console would show it. */
    public String text() {
        return String.join("", entries());
    }
}
