package dev.ocrbridge.operations;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suspends and resumes intake routes for a halt, on a thread of its own: a route's own thread cannot wait for its
 * suspension, and changes run one at a time, in order, so a resume never overtakes a suspend still under way. Only
 * running routes are suspended and only suspended ones resumed: a route that is off ({@code autoStartup=false})
 * is never started by a resume.
 */
final class RouteControl {

    private static final Logger LOG = LoggerFactory.getLogger(RouteControl.class);

    private final ExecutorService thread;

    RouteControl(String threadName) {
        thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Suspends (or resumes) the routes named when the change runs, if {@code stillWanted} still holds then (a
     * resume may have come first); returns at once.
     */
    void later(CamelContext camel, BooleanSupplier stillWanted, Supplier<Collection<String>> routeIds,
               boolean suspend) {
        thread.execute(() -> {
            if (stillWanted.getAsBoolean()) {
                apply(camel, routeIds.get(), suspend);
            }
        });
    }

    /** As {@link #later}, waiting up to a minute for the change to be made; {@code what} names it in a warning. */
    void andWait(CamelContext camel, BooleanSupplier stillWanted, Supplier<Collection<String>> routeIds,
                 boolean suspend, String what) {
        Future<?> done = thread.submit(() -> {
            if (stillWanted.getAsBoolean()) {
                apply(camel, routeIds.get(), suspend);
            }
        });
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} did not finish: {}", what, e.getClass().getSimpleName());
        }
    }

    private static void apply(CamelContext camel, Collection<String> routeIds, boolean suspend) {
        if (camel == null) {
            return;
        }
        for (String routeId : routeIds) {
            try {
                var status = camel.getRouteController().getRouteStatus(routeId);
                if (suspend && status != null && status.isStarted()) {
                    camel.getRouteController().suspendRoute(routeId);
                } else if (!suspend && status != null && status.isSuspended()) {
                    camel.getRouteController().resumeRoute(routeId);
                }
            } catch (Exception e) {
                LOG.warn("Could not {} route {}: {}", suspend ? "suspend" : "resume", routeId,
                        e.getClass().getSimpleName());
            }
        }
    }
}
