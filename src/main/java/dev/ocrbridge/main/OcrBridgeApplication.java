package dev.ocrbridge.main;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.cluster.ClusterMode;
import dev.ocrbridge.component.TencentOcrEndpoint;
import dev.ocrbridge.logging.JulBridge;
import dev.ocrbridge.operations.OcrDispositions;
import dev.ocrbridge.operations.OcrMetrics;
import dev.ocrbridge.operations.OperatorHostCheck;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognizer.Recognizer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone service: camel-main with {@code config/application.properties} and the XML routes under
 * {@code routes/}, both in its home ({@link ServiceHome}: the install folder, else the working directory). Before the routes are built it decides the endpoint: unset or {@code local}, recognition on this
 * machine in-process; {@code sandbox}, the embedded sandbox on a loopback port; a real endpoint needs keys. What the JDK's
 * and other libraries' {@code java.util.logging} says goes through SLF4J (and the redacting encoder).
 */
public final class OcrBridgeApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OcrBridgeApplication.class);

    private final Main main = new Main();
    private EmbeddedSandbox sandbox;
    private ClusterMode cluster;
    private final AtomicBoolean summaryLogged = new AtomicBoolean();
    private final ServiceHome home = ServiceHome.fromSystemProperties();

    /**
     * @param overrides properties that win over the file and the environment (tests, embedding)
     */
    public OcrBridgeApplication(Properties overrides) {
        JulBridge.install();
        main.setPropertyPlaceholderLocations(home.propertiesLocation());
        if (overrides.getProperty("camel.main.routes-include-pattern") == null) {
            overrides.setProperty("camel.main.routes-include-pattern", home.routesPattern());
        }
        main.setOverrideProperties(overrides);
        // the dispositions of routes/recognition.xml ("ocr-dispositions"): a route configuration integrators reuse too
        main.configure().addRoutesBuilder(new OcrDispositions());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                refuseMailDebugging(support.getCamelContext());
                placeDataUnderHome(support.getCamelContext(), overrides);
                chooseEndpoint(support.getCamelContext(), overrides);
                try {
                    cluster = ClusterMode.configure(support.getCamelContext(), overrides);
                } catch (java.sql.SQLException e) {
                    throw new StartupRefusedException("cluster mode is configured (ocrbridge.cluster.jdbc-url) but its "
                            + "database cannot be used: " + e.getClass().getSimpleName() + ", SQLState " + e.getSQLState());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("cluster mode could not start", e);
                }
                // once the start is no longer refused, and before any route is built
                prepareDataFolder(support.getCamelContext(), overrides);
            }

            @Override
            public void afterConfigure(BaseMainSupport support) {
                if (cluster != null) {
                    cluster.attach(support.getCamelContext());
                }
                HealthCheckRegistry health = HealthCheckRegistry.get(support.getCamelContext());
                if (sandbox != null && health != null) {
                    health.register(new EmbeddedSandboxHealthCheck(sandbox));
                }
                guardOperatorServers(support.getCamelContext());
            }

            @Override
            public void afterStart(BaseMainSupport support) {
                registerBacklogGauges(support.getCamelContext());
                logSummary(support.getCamelContext());
            }
        });
    }

    /**
     * Run from an install folder, a relative {@code ocrbridge.data-dir} (the default {@code data}) is a folder of that
     * install, wherever the service was started from; an absolute one is left as it is.
     */
    private void placeDataUnderHome(CamelContext camel, Properties overrides) {
        if (!home.isSet()) {
            return;
        }
        String configured = resolve(camel, "ocrbridge.data-dir", "data");
        overrides.setProperty("ocrbridge.data-dir", home.dataDir(configured));
        camel.getPropertiesComponent().setOverrideProperties(overrides);
    }

    /**
     * An unset {@code ocr.endpoint} or {@code local} means local recognition in this process (the component's
     * {@code endpointUrl=local}: no HTTP, no keys); {@code sandbox} the embedded sandbox, the same recognizer behind
     * the Tencent protocol on a loopback port. A real endpoint with no keys
     * is a configuration mistake (a typo in an environment variable), not a wish for the sandbox: recording the
     * sandbox's answers as successes would be silent data loss, so the service refuses to start instead.
     */
    private void chooseEndpoint(CamelContext camel, Properties overrides) {
        String endpoint = resolve(camel, "ocr.endpoint", "").trim();
        boolean keys = !resolve(camel, "ocr.secret-id", "").isBlank() && !resolve(camel, "ocr.secret-key", "").isBlank();
        if (endpoint.isEmpty() || TencentOcrEndpoint.LOCAL.equalsIgnoreCase(endpoint)) {
            Recognizer recognizer = Recognizer.local().orElseThrow(() -> new StartupRefusedException("Local"
                    + " recognition cannot run on this machine (the local OCR is missing from the class path or its"
                    + " engine does not load here). Set ocr.endpoint to a Tencent endpoint with keys, or"
                    + " ocr.endpoint=sandbox with ocr.sandbox.recognizer=empty for empty fields."));
            overrides.setProperty("ocr.endpoint", TencentOcrEndpoint.LOCAL);
            overrides.setProperty("ocr.secret-id", "");
            overrides.setProperty("ocr.secret-key", "");
            overrides.setProperty("ocr.token", "");
            overrides.setProperty("ocrbridge.endpoint-identity", TencentOcrEndpoint.LOCAL);
            camel.getPropertiesComponent().setOverrideProperties(overrides);
            if (keys) {
                LOG.warn("Tencent Cloud credentials are configured but ocr.endpoint is '{}': they are NOT used, and "
                        + "every image is read on this machine. Set ocr.endpoint=https://{} to use them.",
                        endpoint.isEmpty() ? "(unset)" : endpoint, OcrAction.HOST);
            }
            LOG.info("Recognizing on this machine, in this process (ocr.endpoint={}): no cloud account, no charges, {}",
                    endpoint.isEmpty() ? "(unset)" : endpoint, recognizer.description());
            return;
        }
        if ("sandbox".equalsIgnoreCase(endpoint)) {
            sandbox = EmbeddedSandbox.start(resolve(camel, "ocr.sandbox.recognizer", "local"));
            overrides.setProperty("ocr.endpoint", sandbox.url());
            overrides.setProperty("ocr.secret-id", sandbox.secretId());
            overrides.setProperty("ocr.secret-key", sandbox.secretKey());
            overrides.setProperty("ocr.token", "");
            // on this machine's loopback: a company proxy could not reach it
            overrides.setProperty("ocr.proxy.host", "");
            // its port changes at every start; its answers do not: recorded answers stay usable after a restart
            overrides.setProperty("ocrbridge.endpoint-identity", "sandbox");
            camel.getPropertiesComponent().setOverrideProperties(overrides);
            if (keys) {
                LOG.warn("Tencent Cloud credentials are configured but ocr.endpoint is '{}': they are NOT used, and "
                        + "every image goes to the embedded OCR sandbox. Set ocr.endpoint=https://{} to use them.",
                        endpoint, OcrAction.HOST);
            }
            LOG.info("Using the embedded OCR sandbox at {} (ocr.endpoint={}): no cloud account, no charges, {}",
                    sandbox.url(), endpoint.isEmpty() ? "(unset)" : endpoint, sandbox.recognitionDescription());
            return;
        }
        URI uri = EndpointChecks.parse(endpoint);
        if (!keys) {
            throw new StartupRefusedException("ocr.endpoint is " + EndpointChecks.describe(uri)
                    + " but no SecretId/SecretKey is configured (ocr.secret-id / ocr.secret-key, or the environment "
                    + "variables TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY). Set them, or set "
                    + "ocr.endpoint=local to recognize on this machine.");
        }
        if (EndpointChecks.isPlainHttpBeyondLoopback(uri)) {
            LOG.warn("ocr.endpoint {} is plain http to a host that is not this machine: request signatures and "
                    + "images cross the network unencrypted. Use https unless this is a trusted test network.",
                    EndpointChecks.describe(uri));
        }
        String proxy = resolve(camel, "ocr.proxy.host", "").trim();
        if (!proxy.isEmpty()) {
            // the host and port only: the proxy's user and password are secrets
            LOG.info("Reaching ocr.endpoint {} through the HTTP proxy {}:{}{}", EndpointChecks.describe(uri), proxy,
                    resolve(camel, "ocr.proxy.port", ""),
                    resolve(camel, "ocr.proxy.username", "").isEmpty() ? "" : " (with a user)");
        }
    }

    /**
     * The mail client's debug mode ({@code debugMode=true} on a mail URI, or {@code mail.debug}, which camel-mail also
     * takes from the system properties) prints the whole IMAP/SMTP conversation, logins, senders' addresses,
     * subjects and attachment names included, to standard output: around the log encoder, unmasked. Refused at start
     * rather than silently ignored, so that whoever asked for it learns why it is not there.
     */
    private static void refuseMailDebugging(CamelContext camel) {
        boolean asked = Boolean.parseBoolean(System.getProperty("mail.debug", "false"));
        for (String key : new String[] {"ocrbridge.mail.options", "ocrbridge.mail.processed", "ocrbridge.mail.reply.uri"}) {
            String value = resolve(camel, key, "").toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
            asked |= value.contains("debugmode=true") || value.contains("mail.debug=true");
        }
        if (asked) {
            throw new StartupRefusedException("the mail client's debug mode (debugMode=true or mail.debug) is on: it "
                    + "prints the mail conversation (logins, addresses, subjects, attachment names) to standard output, "
                    + "around the log's masking. Remove it; ocrbridge does not start with it.");
        }
    }

    /**
     * The {@code Host} check on every operator HTTP server (camel-main's, and the management server when it has a
     * port of its own): {@code /observe/*} is not a route that {@code ocrOperatorGuard} could stand in front of.
     */
    private static void guardOperatorServers(CamelContext camel) {
        String allowedHosts = resolve(camel, "ocrbridge.operator.allowed-hosts", "");
        String serverPort = resolve(camel, "camel.server.port", "8080").trim();
        try {
            if (Boolean.parseBoolean(resolve(camel, "camel.server.enabled", "false"))) {
                camel.addStartupListener(new OperatorHostCheck(resolve(camel, "camel.server.host", "0.0.0.0"),
                        Integer.parseInt(serverPort), allowedHosts));
            }
            String managementPort = resolve(camel, "camel.management.port", serverPort).trim();
            if (Boolean.parseBoolean(resolve(camel, "camel.management.enabled", "false"))
                    && !managementPort.equals(serverPort)) {
                camel.addStartupListener(new OperatorHostCheck(resolve(camel, "camel.management.host", "0.0.0.0"),
                        Integer.parseInt(managementPort), allowedHosts));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot guard the operator endpoints", e);
        }
    }

    /**
     * Makes the data folder's missing folders private and removes what a killed run left there, before any route
     * can take an image; SFTP downloads go to a folder of this process's own ({@code ocrbridge.sftp.local-work-dir}).
     */
    private static void prepareDataFolder(CamelContext camel, Properties overrides) {
        DataFolders folders = new DataFolders(Path.of(resolve(camel, "ocrbridge.data-dir", "data")));
        overrides.setProperty("ocrbridge.sftp.local-work-dir", DataFolderStartup.prepare(folders).toString());
        camel.getPropertiesComponent().setOverrideProperties(overrides);
    }

    private static String resolve(CamelContext camel, String key, String fallback) {
        return camel.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    private static void registerBacklogGauges(CamelContext camel) {
        OcrMetrics metrics = camel.getRegistry().findSingleByType(OcrMetrics.class);
        if (metrics != null) {
            metrics.registerBacklogGauges();
        }
    }

    private void logSummary(CamelContext camel) {
        if (!summaryLogged.compareAndSet(false, true)) {
            return;
        }
        String configured = resolve(camel, "ocr.endpoint", "?");
        String endpoint = TencentOcrEndpoint.LOCAL.equalsIgnoreCase(configured) ? "local (in-process)"
                : EndpointChecks.describe(EndpointChecks.parse(configured));
        for (OcrAction action : OcrAction.values()) {
            String kind = action.documentKind();
            LOG.info("{}: inbox {}/inbox/{}, region {}, {} requests/s, Base64 limit {} bytes, endpoint {}",
                    action, resolve(camel, "ocrbridge.data-dir", "data"), kind,
                    resolve(camel, "ocr." + kind + ".region", action.defaultRegion()),
                    resolve(camel, "ocr." + kind + ".rate", Integer.toString(action.defaultRatePerSecond())),
                    resolve(camel, "ocr." + kind + ".max-base64-bytes", Integer.toString(action.defaultMaxBase64Bytes())),
                    endpoint);
        }
        if (Boolean.parseBoolean(resolve(camel, "camel.server.enabled", "false"))) {
            // Camel's own summary of these endpoints prints 0.0.0.0 whatever the bound address; this one says the truth
            String host = resolve(camel, "camel.server.host", "0.0.0.0");
            String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + resolve(camel, "camel.server.port", "8080");
            LOG.info("Operator endpoints on http://{}: POST /ocrbridge/actions/<health-code|korean-id-card>/resume, "
                    + "GET /observe/health, GET /observe/metrics", authority);
        }
    }

    /** Starts the service and returns once routes are running. */
    public OcrBridgeApplication start() throws Exception {
        main.start();
        registerBacklogGauges(main.getCamelContext()); // camel-main calls afterStart from run() only
        logSummary(main.getCamelContext());
        return this;
    }

    /** Runs until the JVM is asked to stop. */
    public void run() throws Exception {
        try {
            main.run();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
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
            if (cluster != null) {
                cluster.close();
            }
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
