package dev.ocrbridge.component;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@code tencent-ocr} producer, judged from the calls made rather than by calling the API (a probe
 * call would spend the account's quota, and could be billed): DOWN from the moment a call of its account and action
 * fails with a code whose disposition is halt (an AuthFailure, a closed or unpaid service, a retired action), from
 * whichever endpoint, until one succeeds again; the code and RequestId as details, never the API's message, which
 * may quote what was sent.
 *
 * <p>Not a liveness check: restarting the runtime does not mend an account.
 */
public class TencentOcrProducerHealthCheck extends AbstractHealthCheck {

    private final TencentOcrEndpoint endpoint;

    public TencentOcrProducerHealthCheck(TencentOcrEndpoint endpoint, String clientId) {
        super("camel", "producer:tencent-ocr-" + clientId);
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("action", endpoint.action().actionName());
        builder.detail("region", endpoint.region());
        AccountActionState.Halt h = endpoint.state() == null ? null : endpoint.state().halt();
        if (h == null) {
            builder.up();
            return;
        }
        builder.detail(SERVICE_ERROR_CODE, h.code());
        if (h.requestId() != null) {
            builder.detail("requestId", h.requestId());
        }
        builder.message(endpoint.action().actionName() + " is halted on " + h.code()
                + ": nothing is sent until the account is fixed and the action resumed (the component's resume"
                + " operation, over JMX; the standalone service's resume URL)");
        builder.down();
    }
}
