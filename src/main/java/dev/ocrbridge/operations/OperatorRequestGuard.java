package dev.ocrbridge.operations;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through only operator requests that come from the operator: a request that changes state (resume) must
 * name this server in its {@code Host} header and must not come from a web page of another origin.
 *
 * <p>Why each check: a page in the operator's browser can send a "simple" cross-origin POST (no preflight) to
 * {@code http://127.0.0.1:8080/...}; the browser marks it with {@code Origin} and {@code Sec-Fetch-Site}, so those
 * are refused unless they name this server. DNS rebinding makes the browser send the request to loopback under
 * the attacker's host name, which the {@code Host} check refuses. {@code curl} and scripts send neither
 * {@code Origin} nor a foreign {@code Host}, so they work as documented. Content types a browser may send without
 * a preflight ({@code text/plain}, forms) are refused too: the resume endpoint takes no body.
 *
 * <p>Nothing the request carried is logged: header values are the attacker's text.
 */
public class OperatorRequestGuard implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRequestGuard.class);

    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private final AtomicLong refused = new AtomicLong();
    private String bindHost = "127.0.0.1";
    private int port = 8080;
    private String extraAllowedHosts = "";

    @Override
    public void process(Exchange exchange) {
        String refusal = refusal(exchange.getMessage());
        if (refusal == null) {
            return;
        }
        long n = refused.incrementAndGet();
        if (n == 1 || n % 100 == 0) { // a hostile page can send many: the log tells, without being flooded
            LOG.warn("Refused an operator request: {} ({} refused since start)", refusal, n);
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody("{\"error\":\"Operator.RequestRefused\",\"reason\":\"" + refusal + "\"}");
        exchange.setRouteStop(true);
    }

    /** Why the request is refused (a fixed phrase, never the request's text), or null when it may pass. */
    String refusal(Message request) {
        String host = authority(request);
        if (host == null || !allowedHosts().contains(host.trim().toLowerCase(Locale.ROOT))) {
            return "the Host header does not name this server";
        }
        String origin = request.getHeader("Origin", String.class);
        if (origin != null && !isOwnOrigin(origin)) {
            return "cross-origin request";
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site", String.class);
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return "cross-site request";
        }
        String contentType = request.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.isBlank()
                && !contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "unsupported content type";
        }
        return null;
    }

    /**
     * The authority the client addressed: the {@code Host} header of HTTP/1.1, or for HTTP/2 (Java's HTTP client
     * upgrades to h2c) the {@code :authority} that the server puts into the request URL in its place.
     */
    private static String authority(Message request) {
        String host = request.getHeader("Host", String.class);
        if (host != null) {
            return host;
        }
        String url = request.getHeader(Exchange.HTTP_URL, String.class);
        if (url == null) {
            return null;
        }
        try {
            return java.net.URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean isOwnOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        for (String host : allowedHosts()) {
            if (o.equals("http://" + host) || o.equals("https://" + host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code host:port} names under which this server may be addressed: the bound address, its loopback aliases
     * when it is bound to loopback (or to every interface), and what {@code ocrbridge.operator.allowed-hosts}
     * adds (for a server bound beyond loopback: its DNS name or address as clients use it).
     */
    synchronized Set<String> allowedHosts() {
        if (allowedHosts.isEmpty()) {
            String bind = bindHost.trim().toLowerCase(Locale.ROOT);
            if (isLoopback(bind) || bind.equals("0.0.0.0") || bind.equals("::") || bind.isEmpty()) {
                for (String alias : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
                    addHost(alias);
                }
            }
            if (!bind.equals("0.0.0.0") && !bind.equals("::") && !bind.isEmpty()) {
                addHost(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
            }
            for (String extra : extraAllowedHosts.split(",")) {
                if (!extra.isBlank()) {
                    String e = extra.trim().toLowerCase(Locale.ROOT);
                    allowedHosts.add(e.contains(":") && !e.endsWith("]") ? e : e + ":" + port);
                }
            }
        }
        return allowedHosts;
    }

    private void addHost(String host) {
        allowedHosts.add(host + ":" + port);
        if (port == 80) {
            allowedHosts.add(host); // a browser leaves out the default port
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** The address the operator HTTP server binds ({@code camel.server.host}). */
    public synchronized void setBindHost(String bindHost) {
        this.bindHost = bindHost == null ? "" : bindHost;
        allowedHosts.clear();
    }

    /** The port the operator HTTP server binds ({@code camel.server.port}). */
    public synchronized void setPort(int port) {
        this.port = port;
        allowedHosts.clear();
    }

    /** More {@code host[:port]} names clients use for this server, comma-separated. */
    public synchronized void setAllowedHosts(String extraAllowedHosts) {
        this.extraAllowedHosts = extraAllowedHosts == null ? "" : extraAllowedHosts;
        allowedHosts.clear();
    }
}
