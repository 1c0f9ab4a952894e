package dev.ocrbridge.main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar target/ocrbridge.jar} (from the repository's root) or {@code bin/ocrbridge} (from anywhere, with
 * {@code -Docrbridge.home} set to the install folder): the standalone service.
 */
public final class OcrBridgeMain {

    static final String LOG_FORMAT_PROPERTY = "ocrbridge.log-format";
    static final String LOG_FORMAT_ENV = "OCRBRIDGE_LOG_FORMAT";
    private static final String PLAIN_LOGGING = "config/logback.xml";
    private static final String JSON_LOGGING = "config/logback-json.xml";

    private OcrBridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        // the standalone service logs per config/logback.xml (or its JSON twin) unless told otherwise; an embedding
        // runtime keeps its own
        Path logback = ServiceHome.fromSystemProperties().resolve(jsonLogs() ? JSON_LOGGING : PLAIN_LOGGING);
        if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(logback)) {
            System.setProperty("logback.configurationFile", logback.toString());
        }
        try {
            new OcrBridgeApplication(new Properties()).run();
        } catch (Exception e) {
            StartupRefusedException refused = refusal(e);
            if (refused == null) {
                throw e;
            }
            LoggerFactory.getLogger(OcrBridgeMain.class).error("ocrbridge cannot start: {}", refused.getMessage());
            System.exit(2);
        }
    }

    /**
     * JSON log lines instead of plain ones: {@code -Docrbridge.log-format=json}, else the environment's
     * {@code OCRBRIDGE_LOG_FORMAT=json}. Read before logging starts, so not from application.properties.
     */
    static boolean jsonLogs() {
        String format = System.getProperty(LOG_FORMAT_PROPERTY, System.getenv().getOrDefault(LOG_FORMAT_ENV, "plain"));
        return "json".equalsIgnoreCase(format.trim());
    }

    private static StartupRefusedException refusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StartupRefusedException r) {
                return r;
            }
        }
        return null;
    }
}
