package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.recognition.ActionHalts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an action's intake when its answers say the account, not the image, is the problem, and keeps it
 * stopped until an operator resumes it. A halt suspends every route that feeds the action, whatever its id or group:
 * those that declare it ({@link #ACTION_ROUTE_PROPERTY}), those whose group is its document kind, and those whose
 * images were seen for it ({@link #fedBy}).
 */
public class HaltSwitch implements ActionHalts, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(HaltSwitch.class);
    /** Route property naming the action an intake route feeds (Tencent's name or the document kind). */
    public static final String ACTION_ROUTE_PROPERTY = "ocrbridge.action";
    /** The name the service's routes call the tencent-ocr component by. */
    static final String COMPONENT = "tencent-ocr";

    /** Why an action is halted. */
    public record Halt(String code, String reason, String requestId, Instant since) {

        /** A halt with the operator's sentence for its code. */
        public static Halt of(String code, String requestId, Instant since) {
            return new Halt(code, HaltReasons.sentence(code), requestId, since);
        }
    }

    private final Map<OcrAction, Halt> halted = new ConcurrentHashMap<>();
    /** Routes seen feeding each action, learned from the images recognition takes: whatever their ids or groups. */
    private final Map<OcrAction, Set<String>> feeders = new ConcurrentHashMap<>();
    private final RouteControl routeControl = new RouteControl("ocrbridge-route-control");
    private CamelContext camelContext;
    /** Cluster mode: where halts are the account's; null on a single node. */
    private volatile SharedHalts shared;

    public Optional<Halt> haltOf(OcrAction action) {
        return Optional.ofNullable(halted.get(action));
    }

    @Override
    public Optional<String> haltCode(OcrAction action) {
        return haltOf(action).map(Halt::code);
    }

    public Map<OcrAction, Halt> halted() {
        return Map.copyOf(halted);
    }

    /**
     * Notes that a route (by its id) feeds the action. A halt suspends every route that feeds the halted action,
     * besides those of its group; a route first seen while the action is halted is suspended then.
     */
    @Override
    public void fedBy(OcrAction action, String routeId) {
        if (routeId == null) {
            return; // sent by a template, not by a route: nothing to suspend
        }
        if (feeders.computeIfAbsent(action, a -> ConcurrentHashMap.newKeySet()).add(routeId)
                && halted.containsKey(action)) {
            routeControl.later(camelContext, () -> halted.containsKey(action), () -> intakeRoutes(action), true);
        }
    }

    /** Halts the action (once) and suspends its intake routes on another thread: a route cannot wait for itself. */
    public void halt(OcrAction action, String code, String requestId) {
        Halt halt = new Halt(code, HaltReasons.sentence(code), requestId, Instant.now());
        SharedHalts cluster = shared;
        if (cluster != null && !halted.containsKey(action)) {
            // the account's first: every node follows within a poll
            cluster.halted(action, halt);
        }
        if (halted.putIfAbsent(action, halt) == null) {
            stopSending(action, halt);
            LOG.error("Intake for {} halted: {} ({}). Files stay where they are. Resume with POST "
                    + "/ocrbridge/actions/{}/resume once fixed.", action, halt.reason(), code, action.documentKind());
            suspendLater(action);
        }
    }

    /**
     * Every endpoint of the action stops sending at once, requests waiting for their quota turn included: the
     * routes' suspension only stops new images from being taken.
     */
    private void stopSending(OcrAction action, Halt halt) {
        TencentOcrComponent component = component();
        if (component != null) {
            component.halt(action, halt.code(), halt.requestId());
        }
    }

    private void sendAgain(OcrAction action) {
        TencentOcrComponent component = component();
        if (component != null) {
            component.resume(action.actionName());
        }
    }

    /** The component the service's routes call ({@value #COMPONENT}); null outside a CamelContext. */
    private TencentOcrComponent component() {
        return camelContext == null ? null : camelContext.getComponent(COMPONENT, TencentOcrComponent.class);
    }

    /** Cluster mode: another node halted the action; halts it here without writing it back. */
    public void haltedElsewhere(OcrAction action, Halt halt) {
        if (halted.putIfAbsent(action, halt) == null) {
            stopSending(action, halt);
            LOG.error("Intake for {} halted on another node of the cluster: {} ({}). Resume from any node with POST "
                    + "/ocrbridge/actions/{}/resume once fixed.", action, halt.reason(), halt.code(), action.documentKind());
            suspendLater(action);
        }
    }

    /** Cluster mode: another node resumed the action; resumes it here. */
    public void resumedElsewhere(OcrAction action) {
        Halt was = halted.remove(action);
        if (was != null) {
            sendAgain(action);
            routeControl.later(camelContext, () -> !halted.containsKey(action), () -> intakeRoutes(action), false);
            LOG.info("Intake for {} resumed from another node of the cluster (was halted on {})", action, was.code());
        }
    }

    private void suspendLater(OcrAction action) {
        routeControl.later(camelContext, () -> halted.containsKey(action), () -> intakeRoutes(action), true);
    }

    /** Resumes a halted action's intake (on every node, in cluster mode). Returns false when it was not halted. */
    public boolean resume(String actionOrKind) {
        OcrAction action = OcrAction.of(actionOrKind);
        SharedHalts cluster = shared;
        boolean haltedInCluster = cluster != null && cluster.resumed(action);
        Halt was = halted.remove(action);
        // the endpoints too: one may have halted on an answer the routes' dispositions never saw (a redelivery's)
        boolean wasSending = false;
        TencentOcrComponent component = component();
        if (component != null) {
            wasSending = component.resume(action.actionName());
        }
        // after any suspend still under way, never before it: both run on the one route-control thread
        routeControl.andWait(camelContext, () -> !halted.containsKey(action), () -> intakeRoutes(action), false,
                "Resuming the intake routes of " + action);
        if (was != null) {
            LOG.info("Intake for {} resumed by an operator (was halted on {})", action, was.code());
        }
        return was != null || haltedInCluster || wasSending;
    }

    /**
     * A route feeds an action when it says so ({@code <routeProperty key="ocrbridge.action">}, as the shipped
     * templates do), when its group is the action's document kind, or when images from it were seen for the action.
     */
    private boolean feeds(Route route, OcrAction action) {
        return declaredAction(route).filter(action::equals).isPresent()
                || feeders.getOrDefault(action, Set.of()).contains(route.getRouteId());
    }

    /** The action a route says it feeds: its {@link #ACTION_ROUTE_PROPERTY}, else its group as a document kind. */
    public static Optional<OcrAction> declaredAction(Route route) {
        Object declared = route.getProperties().get(ACTION_ROUTE_PROPERTY);
        Optional<OcrAction> byProperty = declared == null ? Optional.empty() : OcrAction.find(declared.toString());
        return byProperty.isPresent() ? byProperty : OcrAction.find(route.getGroup());
    }

    /** The ids of the routes that feed the action, at this moment. */
    private List<String> intakeRoutes(OcrAction action) {
        return camelContext == null ? List.of() : camelContext.getRoutes().stream()
                .filter(route -> feeds(route, action)).map(Route::getRouteId).toList();
    }

    /** Cluster mode: where halts are shared (null: this node alone). */
    public void setSharedHalts(SharedHalts shared) {
        this.shared = shared;
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
