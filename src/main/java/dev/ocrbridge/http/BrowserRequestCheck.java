package dev.ocrbridge.http;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a request to a local HTTP server may have been sent by a web page rather than by the operator.
 *
 * <p>Why each check: a page in the operator's browser can send a "simple" cross-origin POST (no preflight) to
 * {@code http://127.0.0.1:<port>/...}; the browser marks it with {@code Origin} and {@code Sec-Fetch-Site}, so those
 * are refused unless they name this server. DNS rebinding makes the browser send the request to loopback under the
 * attacker's host name, which the {@code Host} check refuses. {@code curl} and scripts send neither {@code Origin}
 * nor a foreign {@code Host}, so they work as documented. Content types a browser may send without a preflight
 * ({@code text/plain}, forms) are refused too: these servers take JSON or no body.
 *
 * <p>Immutable and thread-safe. The refusals are fixed phrases: header values are the attacker's text and never
 * reach a log line or an answer.
 */
public final class BrowserRequestCheck {

    public static final String FOREIGN_HOST = "the Host header does not name this server";
    public static final String CROSS_ORIGIN = "cross-origin request";
    public static final String CROSS_SITE = "cross-site request";
    public static final String CONTENT_TYPE = "unsupported content type";

    private final Set<String> allowedHosts;

    private BrowserRequestCheck(Set<String> allowedHosts) {
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    /**
     * @param bindHost the address the server binds ({@code 0.0.0.0}, {@code ::} or empty: every interface)
     * @param port the port it listens on (the bound one, not 0)
     * @param extraAllowedHosts more {@code host[:port]} names clients use for it, comma-separated (may be null);
     *     a name without a port gets {@code port}
     */
    public static BrowserRequestCheck forServer(String bindHost, int port, String extraAllowedHosts) {
        Set<String> hosts = new LinkedHashSet<>();
        String bind = bindHost == null ? "" : bindHost.trim().toLowerCase(Locale.ROOT);
        boolean everyInterface = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.isEmpty();
        if (isLoopback(bind) || everyInterface) {
            for (String alias : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
                addHost(hosts, alias, port);
            }
        }
        if (!everyInterface) {
            addHost(hosts, bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind, port);
        }
        for (String extra : (extraAllowedHosts == null ? "" : extraAllowedHosts).split(",")) {
            if (!extra.isBlank()) {
                String e = extra.trim().toLowerCase(Locale.ROOT);
                hosts.add(e.contains(":") && !e.endsWith("]") ? e : e + ":" + port);
            }
        }
        return new BrowserRequestCheck(hosts);
    }

    private static void addHost(Set<String> hosts, String host, int port) {
        hosts.add(host + ":" + port);
        if (port == 80) {
            hosts.add(host); // a browser leaves out the default port
        }
    }

    /** True for {@code localhost}, {@code 127.*} and {@code ::1}, bracketed or not. */
    public static boolean isLoopback(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    /** The {@code host:port} names under which this server may be addressed. */
    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    /**
     * Why the request is refused (one of the constants of this class), or null when it may pass.
     *
     * @param header the request's header by name (case-insensitive, as HTTP headers are), null when absent
     * @param authority the authority of an HTTP/2 request ({@code :authority}, which stands for {@code Host}), or
     *     null; used only when there is no {@code Host} header
     */
    public String refusal(Function<String, String> header, String authority) {
        String refusal = hostRefusal(header.apply("Host"), authority);
        return refusal != null ? refusal : crossSiteRefusal(header);
    }

    /**
     * The checks of {@link #refusal} but the {@code Host} one: for a request that proves itself otherwise (a
     * secret token a page cannot know), where the name a remote client uses for the server does not matter.
     */
    public String crossSiteRefusal(Function<String, String> header) {
        String origin = header.apply("Origin");
        if (origin != null && !isOwnOrigin(origin)) {
            return CROSS_ORIGIN;
        }
        String fetchSite = header.apply("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return CROSS_SITE;
        }
        String contentType = header.apply("Content-Type");
        if (contentType != null && !contentType.isBlank()
                && !contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return CONTENT_TYPE;
        }
        return null;
    }

    /**
     * The {@code Host} check alone, for requests that change nothing (health, metrics): a page cannot read their
     * answer cross-origin, but through DNS rebinding it can, unless the name it uses is refused.
     */
    public String hostRefusal(String host, String authority) {
        String name = host != null ? host : authority;
        if (name == null || !allowedHosts.contains(name.trim().toLowerCase(Locale.ROOT))) {
            return FOREIGN_HOST;
        }
        return null;
    }

    /** The authority of a request URL ({@code http://host:port/...}), or null when it has none. */
    public static String authorityOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean isOwnOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        for (String host : allowedHosts) {
            if (o.equals("http://" + host) || o.equals("https://" + host)) {
                return true;
            }
        }
        return false;
    }
}
