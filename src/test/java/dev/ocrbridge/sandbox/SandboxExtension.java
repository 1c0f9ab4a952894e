package dev.ocrbridge.sandbox;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.component.TencentOcrConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an {@link OcrSandbox} on a free loopback port with a known credential ({@link #SECRET_ID} /
 * {@link #SECRET_KEY}) for a test class. Register it with {@code @RegisterExtension}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(action, 5));
 * }</pre>
 *
 * In a static field the sandbox lives for the whole class and is reset (no faults, no observed requests, empty
 * quota windows; fixtures stay) before each test; in an instance field it lives for one test.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** The known test credential ("AKID" + 32 alphanumerics / 32 alphanumerics). */
    public static final String SECRET_ID = "AKIDsandboxTest0123456789abcdefABCDEF";
    public static final String SECRET_KEY = "sandboxTestKey0123456789abcdefAB";

    private final Consumer<OcrSandbox.Builder> customizer;
    private OcrSandbox sandbox;
    private boolean perClass;

    private SandboxExtension(Consumer<OcrSandbox.Builder> customizer) {
        this.customizer = customizer;
    }

    public static SandboxExtension create() {
        return new SandboxExtension(b -> { });
    }

    /**
     * Points the context's {@code tencent-ocr} component at this sandbox, with its known credential: what every
     * component test that calls the sandbox starts from.
     */
    public CamelContext configure(CamelContext context) {
        TencentOcrConfiguration config = context.getComponent("tencent-ocr", TencentOcrComponent.class)
                .getConfiguration();
        config.setEndpointUrl(url());
        config.setSecretId(SECRET_ID);
        config.setSecretKey(SECRET_KEY);
        return context;
    }

    /** The customizer runs after the known credential is registered (it may add more credentials). */
    public static SandboxExtension create(Consumer<OcrSandbox.Builder> customizer) {
        return new SandboxExtension(customizer);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perClass) {
            sandbox.reset();
        } else {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() {
        OcrSandbox.Builder builder = OcrSandbox.builder().host("127.0.0.1").port(0).credential(SECRET_ID, SECRET_KEY);
        customizer.accept(builder);
        sandbox = builder.build().start();
    }

    private void stop() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    public OcrSandbox sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("The sandbox runs only while a test of the class runs");
        }
        return sandbox;
    }

    public int port() {
        return sandbox().port();
    }

    public String url() {
        return sandbox().url();
    }

    public String secretId() {
        return SECRET_ID;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /**
     * Stops the foreign load on {@code action} and returns once none of its requests can count against the quota
     * any more: its thread has ended (a request it was making is in the windows by then) and the quota's sliding
     * second has passed on the sandbox's clock since.
     */
    public void stopForeignLoad(OcrAction action) throws InterruptedException {
        sandbox().foreignLoad(action, 0);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("ocr-sandbox-foreign-" + action.actionName())) {
                t.join(Duration.ofSeconds(30).toMillis());
                if (t.isAlive()) {
                    throw new IllegalStateException("the foreign load on " + action + " did not stop");
                }
            }
        }
        Instant gone = sandbox().clock().instant();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> sandbox().clock().instant().isAfter(gone.plusMillis(QuotaWindows.WINDOW_MILLIS)));
    }

    /** A raw signing client for this sandbox with the known credential. */
    public SignedClient client() {
        return new SignedClient(port(), SECRET_ID, SECRET_KEY);
    }
}
