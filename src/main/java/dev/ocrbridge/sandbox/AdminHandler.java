package dev.ocrbridge.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.http.BrowserRequestCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API under {@code /_sandbox/}: not signed, plain JSON (never a Tencent envelope). Kept apart from the
 * signed API: it has its own context and is never recorded.
 *
 * <p>Who may use it: without an admin token, loopback clients only; with one (a sandbox bound beyond loopback),
 * any client that sends it as {@code Authorization: Bearer <token>}. Either way a request a web page could have
 * sent is refused ({@link BrowserRequestCheck}: a foreign {@code Host}, another {@code Origin}, a cross-site
 * {@code Sec-Fetch-Site}, a content type other than JSON), so a page in the operator's browser cannot halt intake,
 * forge answers or reset. Refusals are 403 (401 for a missing or wrong token) with the code
 * {@code Sandbox.AdminRequestRefused}; a body over 10 MB is 413 {@code RequestSizeLimitExceeded}, refused from its
 * {@code Content-Length} before it is read, or at its first byte past the limit.
 *
 * <pre>
 * GET  /_sandbox/faults     current faults
 * POST /_sandbox/faults     JSON patch of faults; answers the faults after the change
 * POST /_sandbox/reset      no faults, no observed requests, empty quota windows (fixtures stay)
 * GET  /_sandbox/stats      {"total": n, "byAction": {...}, "byCode": {...}}
 * GET  /_sandbox/requests   the observed requests
 * POST /_sandbox/fixtures   {"sha256" | "imageBase64": ..., "fields": {...}} or {..., "error": {"Code", "Message"}}
 * GET  /_sandbox/health     {"status": "UP"}: the cheap probe of the embedded sandbox's liveness
 * GET  /_sandbox/foreign-load   the foreign loads running: {action: {"perSecond", "admitted", "refused"}}
 * POST /_sandbox/foreign-load   {"action": ..., "perSecond": n[, "secretId": ...]}: another application using n
 *                               requests per second of the action's quota (0 stops it); answers the loads
 * </pre>
 */
final class AdminHandler implements HttpHandler {

    static final String PREFIX = "/_sandbox";
    static final String REFUSED = "Sandbox.AdminRequestRefused";
    static final String TOO_LARGE = "RequestSizeLimitExceeded";

    private final OcrSandbox sandbox;
    private final BrowserRequestCheck check;
    /** UTF-8 bytes of the admin token, or null: loopback clients only. */
    private final byte[] token;

    AdminHandler(OcrSandbox sandbox, BrowserRequestCheck check, String token) {
        this.sandbox = sandbox;
        this.check = check;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Headers headers = ex.getRequestHeaders();
            if (token == null) {
                InetSocketAddress remote = ex.getRemoteAddress();
                if (remote == null || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
                    refuse(ex, 403, "the sandbox admin API answers loopback clients only");
                    return;
                }
                String refusal = check.refusal(headers::getFirst, null);
                if (refusal != null) {
                    refuse(ex, 403, refusal);
                    return;
                }
            } else {
                if (!hasToken(headers.getFirst("Authorization"))) {
                    refuse(ex, 401, "the sandbox admin API needs its token (Authorization: Bearer ...)");
                    return;
                }
                String refusal = check.crossSiteRefusal(headers::getFirst);
                if (refusal != null) {
                    refuse(ex, 403, refusal);
                    return;
                }
            }
            if (declaredLength(headers.getFirst("Content-Length")) > OcrAction.MAX_REQUEST_BODY_BYTES) {
                reply(ex, 413, Map.of("error", "admin request body over 10 MB", "code", TOO_LARGE));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            String route = method + " " + (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path);
            try {
                switch (route) {
                    case "GET " + PREFIX + "/health" -> reply(ex, 200, Map.of("status", "UP"));
                    case "GET " + PREFIX + "/faults" -> reply(ex, 200, sandbox.faults().toMap());
                    case "POST " + PREFIX + "/faults" -> {
                        Map<String, Object> patch = sandbox.json().readValue(body(ex), new TypeReference<>() { });
                        if (patch == null) {
                            throw new IllegalArgumentException("the patch must be a JSON object");
                        }
                        sandbox.faults().apply(patch);
                        reply(ex, 200, sandbox.faults().toMap());
                    }
                    case "POST " + PREFIX + "/reset" -> {
                        sandbox.reset();
                        reply(ex, 200, Map.of("reset", true));
                    }
                    case "GET " + PREFIX + "/stats" -> reply(ex, 200, sandbox.stats());
                    case "GET " + PREFIX + "/requests" -> reply(ex, 200, requests());
                    case "POST " + PREFIX + "/fixtures" -> {
                        JsonNode node = sandbox.json().readTree(body(ex));
                        sandbox.fixtures().add(node);
                        reply(ex, 200, Map.of("fixtures", sandbox.fixtures().size()));
                    }
                    case "GET " + PREFIX + "/foreign-load" -> reply(ex, 200,
                            sandbox.foreignLoads().describe(sandbox.secretId()));
                    case "POST " + PREFIX + "/foreign-load" -> {
                        JsonNode node = sandbox.json().readTree(body(ex));
                        if (node == null || !node.isObject() || !node.path("action").isTextual()
                                || !node.path("perSecond").isNumber()) {
                            throw new IllegalArgumentException("expected {\"action\": \"RecognizeHealthCodeOCR\","
                                    + " \"perSecond\": 3} (optionally \"secretId\")");
                        }
                        String secretId = node.path("secretId").asText(sandbox.secretId());
                        sandbox.foreignLoads().set(secretId, SandboxFaults.exactAction(node.path("action").asText()),
                                node.path("perSecond").asDouble());
                        reply(ex, 200, sandbox.foreignLoads().describe(secretId));
                    }
                    default -> reply(ex, 404, Map.of("error", "no such admin route: " + route,
                            "routes", List.of("GET /_sandbox/faults", "POST /_sandbox/faults", "POST /_sandbox/reset",
                                    "GET /_sandbox/stats", "GET /_sandbox/requests", "POST /_sandbox/fixtures",
                                    "GET /_sandbox/foreign-load", "POST /_sandbox/foreign-load",
                                    "GET /_sandbox/health")));
                }
            } catch (BodyTooLarge e) {
                reply(ex, 413, Map.of("error", "admin request body over 10 MB", "code", TOO_LARGE));
            } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
                reply(ex, 400, Map.of("error", String.valueOf(e instanceof com.fasterxml.jackson.core.JacksonException j
                        ? "invalid JSON: " + j.getOriginalMessage() : e.getMessage())));
            }
        }
    }

    private List<Map<String, Object>> requests() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ObservedRequest r : sandbox.requests()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", r.action());
            m.put("secretId", r.secretId());
            m.put("xTcTimestamp", r.xTcTimestamp());
            m.put("arrival", r.arrival().toString());
            m.put("errorCode", r.errorCode());
            m.put("requestId", r.requestId());
            m.put("bodyBytes", r.bodyBytes());
            m.put("region", r.region());
            m.put("imageSha256", r.imageSha256());
            m.put("answered", r.answered() == null ? null : r.answered().toString());
            list.add(m);
        }
        return list;
    }

    private static byte[] body(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        // a chunked body is refused at its first byte past the limit, never read further (the stream is left
        // open: closing it would read on, to skip the rest, before the answer is sent)
        byte[] bytes = in.readNBytes(OcrAction.MAX_REQUEST_BODY_BYTES + 1);
        if (bytes.length > OcrAction.MAX_REQUEST_BODY_BYTES) {
            throw new BodyTooLarge();
        }
        in.close();
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        return bytes;
    }

    /** A body over the limit; the connection is closed after the answer, the rest of the body unread. */
    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    private boolean hasToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // constant time: the answer's timing tells nothing about how much of a guess was right
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void refuse(HttpExchange ex, int status, String reason) throws IOException {
        reply(ex, status, Map.of("error", reason, "code", REFUSED));
    }

    static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = sandbox.json().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
