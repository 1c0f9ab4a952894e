package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while any action is halted, with the code and a human sentence per action in the details. */
public class OcrHealthCheck extends AbstractHealthCheck {

    public static final String ID = "ocrbridge-actions";

    private HaltSwitch haltSwitch;

    public OcrHealthCheck() {
        super("ocrbridge", ID);
    }


    @Override
    public boolean isLiveness() {
        // a halted account is not cured by restarting the process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<OcrAction, HaltSwitch.Halt> halted = haltSwitch.halted();
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
