package dev.ocrbridge.ingestion;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchHostKeyException;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.logging.Redactor;
import dev.ocrbridge.pipeline.HaltSwitch;
import java.util.Optional;
import java.util.Set;
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
 * The poll strategy of the SFTP intake routes (routes/sftp.xml, {@code pollStrategy=#ocrSftpGuard}). A poll that
 * fails because the server is away is left to the next poll, which reconnects. A poll that fails because the
 * server's host key is not the one in the known_hosts file (changed, or the host is not listed) halts the
 * action's intake through the {@link HaltSwitch} with {@link #HOST_KEY_REJECTED}: nothing is downloaded from a
 * server that may not be the one configured, health turns DOWN with the reason, and an operator resumes once
 * known_hosts is right.
 */
public class SftpConnectionGuard implements PollingConsumerPollStrategy, CamelContextAware {

    /** The halt code of a rejected SFTP host key. */
    public static final String HOST_KEY_REJECTED = "Transport.HostKeyRejected";

    private static final Logger LOG = LoggerFactory.getLogger(SftpConnectionGuard.class);

    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private CamelContext camelContext;
    private HaltSwitch haltSwitch;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        String routeId = routeIdOf(consumer);
        if (routeId != null && unreachable.remove(routeId)) {
            LOG.info("SFTP intake {} polls its server again", routeId);
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String routeId = routeIdOf(consumer);
        Optional<JSchHostKeyException> hostKey = find(cause, JSchHostKeyException.class);
        if (hostKey.isPresent()) {
            String what = hostKey.get() instanceof JSchChangedHostKeyException
                    ? "has CHANGED since it was recorded in known_hosts (possible man-in-the-middle)"
                    : "is not accepted by the known_hosts file (host not listed, or the key was revoked)";
            LOG.error("SFTP intake {} stopped: the server's host key {}. Nothing was downloaded. Detail: {}",
                    routeId, what, hostKey.get().getMessage());
            haltIntake(routeId);
        } else if (routeId != null && unreachable.add(routeId)) {
            LOG.warn("SFTP intake {} could not poll its server ({}); it reconnects and tries again on the next polls",
                    routeId, rootMessage(cause));
        }
        return false;
    }

    private void haltIntake(String routeId) {
        Route route = routeId == null || camelContext == null ? null : camelContext.getRoute(routeId);
        Optional<OcrAction> action = route == null ? Optional.empty() : OcrAction.find(route.getGroup());
        if (action.isPresent() && haltSwitch != null) {
            haltSwitch.halt(action.get(), HOST_KEY_REJECTED, null);
            return;
        }
        // a route outside any action's group: stop at least this route (on another thread: it is polling)
        if (route != null) {
            Thread t = new Thread(() -> {
                try {
                    camelContext.getRouteController().suspendRoute(routeId);
                } catch (Exception e) {
                    LOG.warn("Could not suspend route {}: {}", routeId, e.getClass().getSimpleName());
                }
            }, "ocrbridge-sftp-halt");
            t.setDaemon(true);
            t.start();
        }
    }

    private static String routeIdOf(Consumer consumer) {
        return consumer instanceof RouteIdAware r ? r.getRouteId() : null;
    }

    private static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the message keeps "Auth fail" or "Connection refused" readable; a remote path or name in it is hashed
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + Redactor.mask(root.getMessage()));
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
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
