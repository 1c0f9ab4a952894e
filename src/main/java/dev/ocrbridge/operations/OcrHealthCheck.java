package dev.ocrbridge.operations;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while any action is halted, with the code and a human sentence per action in the details. */
public class OcrHealthCheck extends AbstractHealthCheck {

    public static final String ID = "ocrbridge-actions";

    private HaltSwitch haltSwitch;

    public OcrHealthCheck() {
        super("ocrbridge", ID);
    }

    /** Registers itself with the context's health-check registry, so XML can declare it as a plain bean. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        boolean first = getCamelContext() == null;
        super.setCamelContext(camelContext);
        // the registry calls this again on register: only the first call registers
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        if (first && registry != null && registry.getCheck(ID).isEmpty()) {
            registry.register(this);
        }
    }

    @Override
    public boolean isLiveness() {
        // a halted account is not cured by restarting the process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<dev.ocrbridge.actions.OcrAction, HaltSwitch.Halt> halted = haltSwitch.halted();
        if (halted.isEmpty()) {
            builder.up();
            return;
        }
        StringBuilder message = new StringBuilder();
        halted.forEach((action, halt) -> {
            builder.detail(action.actionName() + ".code", halt.code());
            builder.detail(action.actionName() + ".reason", halt.reason());
            builder.detail(action.actionName() + ".since", halt.since().toString());
            message.append(message.length() == 0 ? "" : "; ").append(action.actionName()).append(" halted: ")
                    .append(halt.reason()).append(" (").append(halt.code()).append(')');
        });
        builder.message(message.toString());
        builder.down();
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }
}
