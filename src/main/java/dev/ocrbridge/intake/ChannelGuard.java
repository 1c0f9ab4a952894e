package dev.ocrbridge.intake;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.ChannelHalts;
import dev.ocrbridge.operations.ChannelHealthCheck;
import dev.ocrbridge.operations.HaltSwitch;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.RouteIdAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy of a remote intake channel (IMAP, SFTP): tells an outage from a configuration condition.
 *
 * <p>A poll that fails because the server is away is left to the next poll (the consumer's back-off spaces
 * them out) and recorded in the {@link ChannelHealthCheck}, which logs one line when the channel goes away and
 * one when it is back, and keeps health DOWN in between. A poll that fails on something retrying cannot fix (a
 * refused login, a rejected host key: see {@link #haltCode}) halts this channel's routes through
 * {@link ChannelHalts} instead: no loop of failed logins that could lock the account, the reason in health. The
 * channel's failure is its own: the file drop and the other channels feeding the same actions go on. While the
 * channel or its route's action is halted no poll begins, so not even the poll already scheduled logs in again.
 */
public abstract class ChannelGuard implements PollingConsumerPollStrategy, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelGuard.class);

    private final Map<String, Long> pollMarks = new ConcurrentHashMap<>();
    private CamelContext camelContext;
    private HaltSwitch haltSwitch;
    private ChannelHalts channelHalts;
    private ChannelHealthCheck health;

    /** The channel's name in log lines and health: {@code SFTP}, {@code Mail}. */
    protected abstract String channel();

    /**
     * @return the halt code when {@code cause} is a condition only an operator can fix, or null for an outage
     *         (server away, connection dropped, timeout) that later polls may get past
     */
    protected abstract String haltCode(Throwable cause);

    /** Cleans up what the consumer leaves behind after a failed poll, so that the next poll starts afresh. */
    protected void afterFailedPoll(Throwable cause) {
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        String routeId = routeIdOf(consumer);
        if (channelHalts != null) {
            channelHalts.register(channel(), routeId);
            if (channelHalts.haltOf(channel()).isPresent()) {
                return false; // the channel is halted: its routes are being suspended; do not log in meanwhile
            }
        }
        if (actionOf(routeId).flatMap(a -> haltSwitch == null ? Optional.empty() : haltSwitch.haltOf(a)).isPresent()) {
            return false; // halted: the route is being suspended; do not log in meanwhile
        }
        if (health != null) {
            pollMarks.put(routeId, health.pollStarted(routeId));
        }
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        String routeId = routeIdOf(consumer);
        Long mark = pollMarks.remove(routeId);
        if (mark != null && health != null) {
            health.pollSucceeded(routeId, mark);
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String routeId = routeIdOf(consumer);
        pollMarks.remove(routeId);
        afterFailedPoll(cause);
        String code = haltCode(cause);
        if (code != null) {
            haltIntake(routeId, code);
        } else if (health != null) {
            health.failed(routeId, channel(), cause);
        }
        return false; // never retry at once: the next poll (backing off) tries again
    }

    private void haltIntake(String routeId, String code) {
        if (channelHalts != null) {
            channelHalts.halt(channel(), code);
            return;
        }
        Optional<OcrAction> action = actionOf(routeId);
        if (action.isPresent() && haltSwitch != null) {
            haltSwitch.halt(action.get(), code, null);
            return;
        }
        // a route outside any action's group: stop at least this route (on another thread: it is polling)
        Route route = camelContext == null ? null : camelContext.getRoute(routeId);
        if (route != null) {
            LOG.error("{} intake {} stopped ({}); start the route again once fixed", channel(), routeId, code);
            Thread t = new Thread(() -> {
                try {
                    camelContext.getRouteController().suspendRoute(routeId);
                } catch (Exception e) {
                    LOG.warn("Could not suspend route {}: {}", routeId, e.getClass().getSimpleName());
                }
            }, "ocrbridge-channel-halt");
            t.setDaemon(true);
            t.start();
        }
    }

    private Optional<OcrAction> actionOf(String routeId) {
        Route route = camelContext == null ? null : camelContext.getRoute(routeId);
        return route == null ? Optional.empty() : HaltSwitch.declaredAction(route);
    }

    static String routeIdOf(Consumer consumer) {
        String id = consumer instanceof RouteIdAware r ? r.getRouteId() : null;
        return id != null ? id : "?";
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }

    public void setChannelHalts(ChannelHalts channelHalts) {
        this.channelHalts = channelHalts;
    }

    public void setHealth(ChannelHealthCheck health) {
        this.health = health;
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
