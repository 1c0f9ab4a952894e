package dev.ocrbridge.pipeline;

import dev.ocrbridge.actions.OcrAction;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an action's intake when its answers say the account, not the image, is the problem, and keeps it
 * stopped until an operator resumes it. Intake routes belong to the action through their route group, which
 * is the action's document kind ({@code health-code}, {@code korean-id-card}).
 */
public class HaltSwitch implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(HaltSwitch.class);

    /** Why an action is halted. */
    public record Halt(String code, String reason, String requestId, Instant since) {
    }

    private final Map<OcrAction, Halt> halted = new ConcurrentHashMap<>();
    private CamelContext camelContext;

    public Optional<Halt> haltOf(OcrAction action) {
        return Optional.ofNullable(halted.get(action));
    }

    public Map<OcrAction, Halt> halted() {
        return Map.copyOf(halted);
    }

    /** Halts the action (once) and suspends its intake routes on another thread: a route cannot wait for itself. */
    public void halt(OcrAction action, String code, String requestId) {
        Halt halt = new Halt(code, HaltReasons.sentence(code), requestId, Instant.now());
        if (halted.putIfAbsent(action, halt) == null) {
            LOG.error("Intake for {} halted: {} ({}). Files stay where they are. Resume with POST "
                    + "/ocrbridge/actions/{}/resume once fixed.", action, halt.reason(), code, action.documentKind());
            runDetached("ocrbridge-halt-" + action.documentKind(), () -> forEachIntakeRoute(action, true));
        }
    }

    /** Resumes a halted action's intake. Returns false when it was not halted. */
    public boolean resume(String actionOrKind) {
        OcrAction action = OcrAction.of(actionOrKind);
        Halt was = halted.remove(action);
        forEachIntakeRoute(action, false);
        if (was != null) {
            LOG.info("Intake for {} resumed by an operator (was halted on {})", action, was.code());
        }
        return was != null;
    }

    private void forEachIntakeRoute(OcrAction action, boolean suspend) {
        if (camelContext == null) {
            return;
        }
        for (Route route : camelContext.getRoutes()) {
            if (!action.documentKind().equals(route.getGroup())) {
                continue;
            }
            try {
                // only running routes are suspended and only suspended ones resumed: a channel that is off
                // (autoStartup=false) must not be started by a resume
                var status = camelContext.getRouteController().getRouteStatus(route.getRouteId());
                if (suspend && status != null && status.isStarted()) {
                    camelContext.getRouteController().suspendRoute(route.getRouteId());
                } else if (!suspend && status != null && status.isSuspended()) {
                    camelContext.getRouteController().resumeRoute(route.getRouteId());
                }
            } catch (Exception e) {
                LOG.warn("Could not {} route {}: {}", suspend ? "suspend" : "resume", route.getRouteId(), e.toString());
            }
        }
    }

    private static void runDetached(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
