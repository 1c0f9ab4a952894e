package dev.ocrbridge.main;

import dev.ocrbridge.actions.OcrAction;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone service: camel-main with {@code config/application.properties} and the XML routes under
 * {@code routes/}. Before the routes are built it decides the endpoint: with no credentials configured, or
 * with {@code ocr.endpoint=sandbox}, it starts the embedded sandbox and points the routes at it.
 */
public final class OcrBridgeApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OcrBridgeApplication.class);

    private final Main main = new Main();
    private EmbeddedSandbox sandbox;

    /**
     * @param overrides properties that win over the file and the environment (tests, embedding)
     */
    public OcrBridgeApplication(Properties overrides) {
        main.setPropertyPlaceholderLocations("file:config/application.properties;optional=true");
        if (overrides.getProperty("camel.main.routes-include-pattern") == null) {
            // resolved against the working directory, like the properties file
            overrides.setProperty("camel.main.routes-include-pattern", "file:routes/*.xml");
        }
        main.setOverrideProperties(overrides);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                chooseEndpoint(support.getCamelContext(), overrides);
            }

            @Override
            public void afterStart(BaseMainSupport support) {
                logSummary(support.getCamelContext());
            }
        });
    }

    private void chooseEndpoint(CamelContext camel, Properties overrides) {
        String endpoint = resolve(camel, "ocr.endpoint", "sandbox");
        String secretId = resolve(camel, "ocr.secret-id", "");
        String secretKey = resolve(camel, "ocr.secret-key", "");
        boolean noCredentials = secretId.isBlank() || secretKey.isBlank();
        // "local" names the same thing as "sandbox": the embedded endpoint with its local recognizer.
        boolean local = "sandbox".equalsIgnoreCase(endpoint.trim()) || "local".equalsIgnoreCase(endpoint.trim());
        if (local || noCredentials) {
            sandbox = EmbeddedSandbox.start(resolve(camel, "ocr.sandbox.recognizer", "local"));
            overrides.setProperty("ocr.endpoint", sandbox.url());
            overrides.setProperty("ocr.secret-id", sandbox.secretId());
            overrides.setProperty("ocr.secret-key", sandbox.secretKey());
            overrides.setProperty("ocr.token", "");
            camel.getPropertiesComponent().setOverrideProperties(overrides);
            LOG.info("{}: using the embedded OCR sandbox at {} (no cloud account, no charges, {})",
                    noCredentials ? "No Tencent Cloud credentials configured" : "ocr.endpoint=" + endpoint.trim(),
                    sandbox.url(), sandbox.recognitionDescription());
        }
    }

    private static String resolve(CamelContext camel, String key, String fallback) {
        return camel.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    private void logSummary(CamelContext camel) {
        String endpoint = resolve(camel, "ocr.endpoint", "?");
        for (OcrAction action : OcrAction.values()) {
            String kind = action.documentKind();
            LOG.info("{}: inbox {}/inbox/{}, region {}, {} requests/s, Base64 limit {} bytes, endpoint {}",
                    action, resolve(camel, "ocrbridge.data-dir", "data"), kind,
                    resolve(camel, "ocr." + kind + ".region", action.defaultRegion()),
                    resolve(camel, "ocr." + kind + ".rate", Integer.toString(action.defaultRatePerSecond())),
                    resolve(camel, "ocr." + kind + ".max-base64-bytes", Integer.toString(action.defaultMaxBase64Bytes())),
                    endpoint);
        }
    }

    /** Starts the service and returns once routes are running. */
    public OcrBridgeApplication start() throws Exception {
        main.start();
        return this;
    }

    /** Runs until the JVM is asked to stop. */
    public void run() throws Exception {
        main.run();
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** The embedded sandbox, when one was started. */
    public EmbeddedSandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() throws Exception {
        try {
            main.stop();
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
