package dev.ocrbridge.operations;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Halts of one intake channel (IMAP, SFTP) for a failure of its own that only an operator can fix: a login the
 * server refuses, a host key that is not the recorded one. They stop that channel's routes, and nothing else: the
 * file drop and the other channels feeding the same actions go on (an account-level halt, {@link HaltSwitch}, is
 * what stops an action everywhere). The halt stays until an operator resumes the channel
 * ({@code POST /ocrbridge/channels/<sftp|mail>/resume}); health ({@link ChannelHealthCheck}) names the channel.
 *
 * <p>A channel halt is this node's: every node checks its own login and host key.
 */
public class ChannelHalts implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelHalts.class);

    /** Why a channel is halted. */
    public record Halt(String code, String reason, Instant since) {
    }

    private final Map<String, Halt> halted = new ConcurrentHashMap<>();
    /** The routes of each channel (by the channel's lower-case name), learned from their polls. */
    private final Map<String, Set<String>> routes = new ConcurrentHashMap<>();
    /** Suspends and resumes run here, in order, never on a polling route's own thread. */
    private final ExecutorService routeControl = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "ocrbridge-channel-control");
        t.setDaemon(true);
        return t;
    });
    private CamelContext camelContext;

    /** Notes that a route polls for the channel; a route first seen while its channel is halted is suspended. */
    public void register(String channel, String routeId) {
        if (routes.computeIfAbsent(key(channel), c -> ConcurrentHashMap.newKeySet()).add(routeId)
                && halted.containsKey(key(channel))) {
            routeControl.execute(() -> suspendAll(key(channel)));
        }
    }

    public Optional<Halt> haltOf(String channel) {
        return Optional.ofNullable(halted.get(key(channel)));
    }

    /** Channel name (lower case) to halt, for health. */
    public Map<String, Halt> halted() {
        return Map.copyOf(halted);
    }

    /** Halts the channel (once) and suspends its routes on another thread. */
    public void halt(String channel, String code) {
        String key = key(channel);
        Halt halt = new Halt(code, HaltReasons.sentence(code), Instant.now());
        if (halted.putIfAbsent(key, halt) == null) {
            LOG.error("{} intake halted: {} ({}). The file drop and the other channels go on. Resume with POST "
                    + "/ocrbridge/channels/{}/resume once fixed.", channel, halt.reason(), code, key);
            routeControl.execute(() -> {
                if (halted.containsKey(key)) {
                    suspendAll(key);
                }
            });
        }
    }

    /** Resumes a halted channel's routes. Returns false when it was not halted. */
    public boolean resume(String channel) {
        String key = key(channel);
        Halt was = halted.remove(key);
        Future<?> resumed = routeControl.submit(() -> {
            if (!halted.containsKey(key)) {
                forEachRoute(key, false);
            }
        });
        try {
            resumed.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Resuming the {} intake routes did not finish: {}", key, e.getClass().getSimpleName());
        }
        if (was != null) {
            LOG.info("{} intake resumed by an operator (was halted on {})", key, was.code());
        }
        return was != null;
    }

    private void suspendAll(String key) {
        forEachRoute(key, true);
    }

    private void forEachRoute(String key, boolean suspend) {
        if (camelContext == null) {
            return;
        }
        for (String routeId : routes.getOrDefault(key, Set.of())) {
            try {
                // only running routes are suspended and only suspended ones resumed (a channel that is off stays off)
                var status = camelContext.getRouteController().getRouteStatus(routeId);
                if (suspend && status != null && status.isStarted()) {
                    camelContext.getRouteController().suspendRoute(routeId);
                } else if (!suspend && status != null && status.isSuspended()) {
                    camelContext.getRouteController().resumeRoute(routeId);
                }
            } catch (Exception e) {
                LOG.warn("Could not {} route {}: {}", suspend ? "suspend" : "resume", routeId, e.getClass().getSimpleName());
            }
        }
    }

    private static String key(String channel) {
        return channel.toLowerCase(Locale.ROOT);
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
