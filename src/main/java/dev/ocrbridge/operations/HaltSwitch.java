package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** Suspends and resumes run here, one at a time and in order; never on a route's own thread. */
    private final ExecutorService routeControl = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "ocrbridge-route-control");
        t.setDaemon(true);
        return t;
    });
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
            routeControl.execute(() -> {
                if (halted.containsKey(action)) { // a resume may have come first
                    forEachIntakeRoute(action, true);
                }
            });
        }
    }

    /** Resumes a halted action's intake. Returns false when it was not halted. */
    public boolean resume(String actionOrKind) {
        OcrAction action = OcrAction.of(actionOrKind);
        Halt was = halted.remove(action);
        // after any suspend still under way, never before it: both run on the one route-control thread
        Future<?> resumed = routeControl.submit(() -> {
            if (!halted.containsKey(action)) {
                forEachIntakeRoute(action, false);
            }
        });
        try {
            resumed.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Resuming the intake routes of {} did not finish: {}", action, e.getClass().getSimpleName());
        }
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
                LOG.warn("Could not {} route {}: {}", suspend ? "suspend" : "resume", route.getRouteId(), e.getClass().getSimpleName());
            }
        }
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
