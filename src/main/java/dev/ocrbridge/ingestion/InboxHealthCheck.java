package dev.ocrbridge.ingestion;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.pipeline.OcrSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One action's inbox folder: DOWN while it is missing, not a directory, or cannot be read and written (files are
 * moved out of it), UP once it is back. The file consumer only creates the folder at start-up; a folder that
 * vanishes later is not re-created (see {@link InboxSweeper}), so this is how an operator learns of it.
 */
public class InboxHealthCheck extends AbstractHealthCheck {

    private final OcrAction action;
    private OcrSettings settings;

    public InboxHealthCheck(String kind) {
        this(OcrAction.of(kind));
    }

    private InboxHealthCheck(OcrAction action) {
        super("ocrbridge", "ocrbridge-inbox-" + action.documentKind());
        this.action = action;
    }

    /** Registers itself with the context's health-check registry, so XML can declare it as a plain bean. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        boolean first = getCamelContext() == null;
        super.setCamelContext(camelContext);
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        if (first && registry != null && registry.getCheck(getId()).isEmpty()) {
            registry.register(this);
        }
    }

    @Override
    public boolean isLiveness() {
        // a missing folder is not cured by restarting the process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String folder = "inbox/" + action.documentKind();
        builder.detail("folder", folder);
        Path inbox = settings.folders().inbox(action);
        Path real = InboxEntries.realInbox(inbox);
        if (real != null && Files.isReadable(real) && Files.isWritable(real)) {
            builder.up();
            return;
        }
        builder.message(action.actionName() + ": the inbox folder " + folder + (real == null
                ? " is missing (it is not re-created: restore it, or mount the share again)"
                : " cannot be read or written") + "; nothing is taken from it");
        builder.down();
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }
}
