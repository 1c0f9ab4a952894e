package dev.ocrbridge.main;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.support.CamelContextHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the service's libraries log reaches the redacting encoder, and Camel's summary hides our secret keys. */
class ServiceLoggingTest {

    @Test
    void julLinesGoThroughSlf4jAndOurSecretKeysAreSensitiveToCamel(@TempDir Path data) throws Exception {
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

        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(logback);
        events.start();
        root.addAppender(events);
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            // the JDK's HTTP server (the sandbox's), pgjdbc and the mail client log through java.util.logging
            java.util.logging.Logger.getLogger("sun.net.httpserver").warning("a line of the JDK's HTTP server");
            List<ILoggingEvent> jul;
            synchronized (events) {
                jul = events.list.stream().filter(e -> e.getLoggerName().equals("sun.net.httpserver")).toList();
            }
            assertThat(jul).as("reached logback, and so the redacting encoder").hasSize(1);
            assertThat(jul.get(0).getFormattedMessage()).isEqualTo("a line of the JDK's HTTP server");

            // Camel's start-up summary masks the values of the keys it finds sensitive
            for (String key : new String[] {"ocrbridge.sftp.private-key-passphrase", "ocrbridge.cluster.jdbc-url",
                    "ocrbridge.sftp.password", "ocr.secret-key"}) {
                assertThat(CamelContextHelper.containsSensitive(app.camelContext(), key)).as(key).isTrue();
            }
        } finally {
            root.detachAppender(events);
        }
    }
}
