package dev.ocrbridge.operations;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final RouteControl routeControl = new RouteControl("ocrbridge-channel-control");
    private CamelContext camelContext;

    /** Notes that a route polls for the channel; a route first seen while its channel is halted is suspended. */
    public void register(String channel, String routeId) {
        if (routes.computeIfAbsent(key(channel), c -> ConcurrentHashMap.newKeySet()).add(routeId)
                && halted.containsKey(key(channel))) {
            routeControl.later(camelContext, () -> halted.containsKey(key(channel)), () -> routesOf(key(channel)), true);
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
            routeControl.later(camelContext, () -> halted.containsKey(key), () -> routesOf(key), true);
        }
    }

    /** Resumes a halted channel's routes. Returns false when it was not halted. */
    public boolean resume(String channel) {
        String key = key(channel);
        Halt was = halted.remove(key);
        routeControl.andWait(camelContext, () -> !halted.containsKey(key), () -> routesOf(key), false,
                "Resuming the " + key + " intake routes");
        if (was != null) {
            LOG.info("{} intake resumed by an operator (was halted on {})", key, was.code());
        }
        return was != null;
    }

    private Set<String> routesOf(String key) {
        return Set.copyOf(routes.getOrDefault(key, Set.of()));
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
