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

    private OcrBridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        // the standalone service logs per config/logback.xml unless told otherwise; an embedding runtime keeps its own
        Path logback = ServiceHome.fromSystemProperties().resolve("config/logback.xml");
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

    private static StartupRefusedException refusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StartupRefusedException r) {
                return r;
            }
        }
        return null;
    }
}
