package dev.ocrbridge.operations;

import dev.ocrbridge.http.BrowserRequestCheck;
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
 * <p>The checks ({@code Host}, {@code Origin}, {@code Sec-Fetch-Site}, content type) and why each is needed:
 * {@link BrowserRequestCheck}, shared with the sandbox's admin API. This processor puts them in front of a Camel
 * route and answers a refusal with 403 and the stable code {@code Operator.RequestRefused}.
 *
 * <p>Nothing the request carried is logged: header values are the attacker's text.
 */
public class OperatorRequestGuard implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRequestGuard.class);

    private final AtomicLong refused = new AtomicLong();
    private String bindHost = "127.0.0.1";
    private int port = 8080;
    private String extraAllowedHosts = "";
    private BrowserRequestCheck check;

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
        return check().refusal(name -> request.getHeader(name, String.class), authority(request));
    }

    /**
     * For HTTP/2 (Java's HTTP client upgrades to h2c) the {@code :authority} that stands for the {@code Host}
     * header: the server puts it into the request URL.
     */
    private static String authority(Message request) {
        return BrowserRequestCheck.authorityOf(request.getHeader(Exchange.HTTP_URL, String.class));
    }

    /**
     * What the checks allow, from the bound address, the port and {@code ocrbridge.operator.allowed-hosts} (for a
     * server bound beyond loopback: its DNS name or address as clients use it).
     */
    synchronized BrowserRequestCheck check() {
        if (check == null) {
            check = BrowserRequestCheck.forServer(bindHost, port, extraAllowedHosts);
        }
        return check;
    }

    /** The address the operator HTTP server binds ({@code camel.server.host}). */
    public synchronized void setBindHost(String bindHost) {
        this.bindHost = bindHost == null ? "" : bindHost;
        check = null;
    }

    /** The port the operator HTTP server binds ({@code camel.server.port}). */
    public synchronized void setPort(int port) {
        this.port = port;
        check = null;
    }

    /** More {@code host[:port]} names clients use for this server, comma-separated. */
    public synchronized void setAllowedHosts(String extraAllowedHosts) {
        this.extraAllowedHosts = extraAllowedHosts == null ? "" : extraAllowedHosts;
        check = null;
    }
}
