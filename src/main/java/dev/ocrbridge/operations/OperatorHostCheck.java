package dev.ocrbridge.operations;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The {@code Host} check of {@link OperatorRequestGuard} in front of everything the operator HTTP server serves,
 * {@code /observe/health} and {@code /observe/metrics} included: those change nothing, but through DNS rebinding a
 * web page could read them (halt reasons, counts), unless a request naming a foreign host is refused.
 *
 * <p>Camel's management endpoints are not routes, so a processor cannot guard them: this puts a handler first on the
 * Vert.x router that camel-main's HTTP server and its management server share (one port), once they run. It runs
 * before any body is read.
 */
public final class OperatorHostCheck implements StartupListener {

    private final String guardName;
    private final int port;
    private OperatorRequestGuard guard;

    /**
     * @param guardName the registry name of the {@link OperatorRequestGuard} whose allowed hosts apply
     * @param port the operator HTTP server's port ({@code camel.server.port})
     */
    public OperatorHostCheck(String guardName, int port) {
        this.guardName = guardName;
        this.port = port;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        guard = context.getRegistry().lookupByNameAndType(guardName, OperatorRequestGuard.class);
        if (guard == null) {
            throw new IllegalStateException("no OperatorRequestGuard named " + guardName);
        }
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
        String refusal = guard.hostRefusal(request.getHeader("Host"), authority == null ? null : authority.toString());
        if (refusal == null) {
            ctx.next();
            return;
        }
        guard.noteRefusal(refusal);
        ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"Operator.RequestRefused\",\"reason\":\"" + refusal + "\"}");
    }
}
