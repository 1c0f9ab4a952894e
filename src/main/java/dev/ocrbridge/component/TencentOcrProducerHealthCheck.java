package dev.ocrbridge.component;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one {@code tencent-ocr} producer, judged from its own calls rather than by calling the API (a probe
 * call would spend the account's quota, and could be billed): DOWN from the moment a call fails with a code whose
 * disposition is halt (an AuthFailure, a closed or unpaid service, a retired action) until a call succeeds again,
 * with the code and RequestId as details. Never the API's message, which may quote what was sent.
 *
 * <p>Not a liveness check: restarting the runtime does not mend an account.
 */
public class TencentOcrProducerHealthCheck extends AbstractHealthCheck {

    private final TencentOcrEndpoint endpoint;
    private volatile Halt halt;

    private record Halt(String code, String requestId) {
    }

    public TencentOcrProducerHealthCheck(TencentOcrEndpoint endpoint, String clientId) {
        super("camel", "producer:tencent-ocr-" + clientId);
        this.endpoint = endpoint;
    }

    void halted(String code, String requestId) {
        halt = new Halt(code, requestId);
    }

    void succeeded() {
        halt = null;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("action", endpoint.action().actionName());
        builder.detail("region", endpoint.region());
        Halt h = halt;
        if (h == null) {
            builder.up();
            return;
        }
        builder.detail(SERVICE_ERROR_CODE, h.code());
        if (h.requestId() != null) {
            builder.detail("requestId", h.requestId());
        }
        builder.message(endpoint.action().actionName() + " answered " + h.code()
                + ": the account or its configuration needs attention before calls can succeed");
        builder.down();
    }
}
