package dev.ocrbridge.operations;

import dev.ocrbridge.http.BrowserRequestCheck;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Host} check of {@link OperatorRequestGuard} in front of everything an operator HTTP server serves,
 * {@code /observe/health} and {@code /observe/metrics} included: those change nothing, but through DNS rebinding a
 * web page could read them (halt reasons, counts), unless a request naming a foreign host is refused (403,
 * {@code Operator.RequestRefused}).
 *
 * <p>Camel's management endpoints are not routes, so a processor cannot guard them: this puts a handler first on the
 * Vert.x router of the server on the given port (camel-main's HTTP server, which its management server shares when
 * both use one port, or the management server's own), once it runs. It runs before any body is read.
 */
public final class OperatorHostCheck implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorHostCheck.class);

    private final BrowserRequestCheck check;
    private final int port;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param bindHost the address the server binds
     * @param port its port
     * @param allowedHosts more {@code host[:port]} names clients use for it ({@code ocrbridge.operator.allowed-hosts})
     */
    public OperatorHostCheck(String bindHost, int port, String allowedHosts) {
        this.check = BrowserRequestCheck.forServer(bindHost, port, allowedHosts);
        this.port = port;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the operator HTTP server on port " + port + " has no router to guard");
        }
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HostAndPort authority = request.authority();
        String refusal = check.hostRefusal(request.getHeader("Host"), authority == null ? null : authority.toString());
        if (refusal == null) {
            ctx.next();
            return;
        }
        long n = refused.incrementAndGet();
        if (n == 1 || n % 100 == 0) { // a hostile page can send many: the log tells, without being flooded
            LOG.warn("Refused an operator request: {} ({} refused on port {} since start)", refusal, n, port);
        }
        ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"Operator.RequestRefused\",\"reason\":\"" + refusal + "\"}");
    }
}
