package dev.ocrbridge.intake;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.OcrSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The inbox folders, each checked on its own: DOWN while any is missing, not a directory, or cannot be read and
 * written (files are moved out of it), with that inbox named in the message and its state in the details; UP
 * once all are back. The file consumer only creates a folder at start-up; one that vanishes later is not
 * re-created (see {@link InboxSweeper}), so this is how an operator learns of it. Found by Camel's health-check
 * registry as a bean of type {@code HealthCheck}.
 */
public class InboxHealthCheck extends AbstractHealthCheck {

    public static final String ID = "ocrbridge-inboxes";

    private OcrSettings settings;

    public InboxHealthCheck() {
        super("ocrbridge", ID);
    }

    @Override
    public boolean isLiveness() {
        // a missing folder is not cured by restarting the process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StringBuilder message = new StringBuilder();
        for (OcrAction action : OcrAction.values()) {
            String folder = "inbox/" + action.documentKind();
            Path real = InboxEntries.realInbox(settings.folders().inbox(action));
            String state = real == null ? "missing"
                    : Files.isReadable(real) && Files.isWritable(real) ? "ok" : "not readable and writable";
            builder.detail(action.actionName() + ".inbox", folder + ": " + state);
            if (!"ok".equals(state)) {
                message.append(message.length() == 0 ? "" : "; ").append(action.actionName())
                        .append(": the inbox folder ").append(folder).append(" is ").append(state)
                        .append(real == null ? " (it is not re-created: restore it, or mount the share again)" : "")
                        .append(", nothing is taken from it");
            }
        }
        if (message.length() == 0) {
            builder.up();
            return;
        }
        builder.message(message.toString());
        builder.down();
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }
}
