package dev.ocrbridge.component;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.client.CallObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * The meters of an action's calls, recorded into the Micrometer registry of the CamelContext when it has one, found
 * as camel-micrometer finds its own (the {@code metricsRegistry} bean, else the only registry there is; camel-main's
 * {@code camel.metrics.enabled} binds one, served on {@code /observe/metrics}). Without a registry nothing is
 * recorded and none is made.
 *
 * <ul>
 *   <li>{@value #API_LATENCY} (timer; tags {@code action}, {@code code}): a request's time from its first byte out
 *       to its answer read, less its wait for the quota; {@code code} is {@code none} or the failure's error
 *       code.</li>
 *   <li>{@value #THROTTLE_WAIT} (timer; tag {@code action}): the time a request held its last bytes back for its
 *       turn in the account's quota for the action.</li>
 * </ul>
 *
 * Tags name the action and the error code only: nothing of the image, its sender or the answer.
 */
final class TencentOcrMetrics implements CallObserver {

    static final String API_LATENCY = "ocrbridge.api.latency";
    static final String THROTTLE_WAIT = "ocrbridge.throttle.wait";

    private final MeterRegistry registry;
    private final String action;
    private final Timer throttleWait;

    private TencentOcrMetrics(MeterRegistry registry, OcrAction action) {
        this.registry = registry;
        this.action = action.actionName();
        this.throttleWait = Timer.builder(THROTTLE_WAIT)
                .description("Time a request waited for its turn in the account's quota for the action")
                .tag("action", this.action)
                .register(registry);
    }

    /**
     * The meters of {@code action}'s calls, or {@link CallObserver#NONE} when the context has no registry. Call only
     * when camel-micrometer is on the class path: this class needs it, the endpoint checks.
     */
    static CallObserver of(CamelContext context, OcrAction action) {
        MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(context.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        return registry == null ? CallObserver.NONE : new TencentOcrMetrics(registry, action);
    }

    @Override
    public void waitedForTurn(long nanos) {
        throttleWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void called(long nanos, String code) {
        Timer.builder(API_LATENCY)
                .description("Time from sending a request to the OCR API to reading its answer, without the quota wait")
                .tag("action", action)
                .tag("code", code == null ? "none" : code)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
