package dev.ocrbridge.main;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What the start-up checks need to know about {@code ocr.endpoint}. */
final class EndpointChecks {

    private EndpointChecks() {
    }

    static URI parse(String endpoint) {
        try {
            URI uri = new URI(endpoint.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new StartupRefusedException("ocr.endpoint must be 'local', 'sandbox' or an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new StartupRefusedException("ocr.endpoint is not a URL (nor 'local' or 'sandbox')");
        }
    }

    /** scheme://host[:port] only: a URL's user-info or query could carry a secret. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    static boolean isPlainHttpBeyondLoopback(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }
}
