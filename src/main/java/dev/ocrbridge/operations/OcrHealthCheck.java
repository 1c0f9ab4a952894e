package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN while any action is halted, with the code and a human sentence per action in the details; the backlog's
 * figures ({@link Backlog}) in the details either way.
 */
public class OcrHealthCheck extends AbstractHealthCheck {

    public static final String ID = "ocrbridge-actions";

    private HaltSwitch haltSwitch;
    private Backlog backlog;

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
        if (backlog != null) {
            backlog.figures().forEach((action, f) -> {
                String kind = action.actionName();
                builder.detail(kind + ".inboxFiles", f.inboxFiles());
                builder.detail(kind + ".inboxOldestSeconds", Math.round(f.oldestSeconds()));
                if (!Double.isNaN(f.etaSeconds())) {
                    builder.detail(kind + ".backlogEtaSeconds", Math.round(f.etaSeconds()));
                }
                builder.detail(kind + ".halted", f.halted());
                f.deadLetters().forEach((code, n) -> builder.detail(kind + ".deadLetters." + code, n));
            });
        }
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

    public void setBacklog(Backlog backlog) {
        this.backlog = backlog;
    }
}
