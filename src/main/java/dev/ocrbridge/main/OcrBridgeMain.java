package dev.ocrbridge.main;

import java.util.Properties;

/** {@code java -jar target/ocrbridge.jar}: the standalone service. */
public final class OcrBridgeMain {

    private OcrBridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        // the standalone service logs per config/logback.xml unless told otherwise; an embedding runtime keeps its own
        if (System.getProperty("logback.configurationFile") == null
                && java.nio.file.Files.isRegularFile(java.nio.file.Path.of("config", "logback.xml"))) {
            System.setProperty("logback.configurationFile", "config/logback.xml");
        }
        new OcrBridgeApplication(new Properties()).run();
    }
}
