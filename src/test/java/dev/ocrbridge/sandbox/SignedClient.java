package dev.ocrbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.signing.Credentials;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny Tencent client on {@link java.net.http.HttpClient} for the cases the SDK cannot produce (missing headers,
 * odd bodies, wrong versions): signs with {@link Tc3Signer}, or with its static steps for custom signed-header lists.
 */
public final class SignedClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String secretId;
    private final String secretKey;

    public SignedClient(int port, String secretId, String secretKey) {
        this.port = port;
        this.secretId = secretId;
        this.secretKey = secretKey;
    }

    public Call call(OcrAction action) {
        return new Call(action.actionName()).region(action.defaultRegion());
    }

    public Call call(String actionName) {
        return new Call(actionName);
    }

    /** A signed POST of these parameters to the action, in its default region. */
    public Reply post(OcrAction action, Map<String, ?> parameters) throws IOException, InterruptedException {
        return call(action).body(parameters).send();
    }

    /** A signed POST of {@code {"ImageBase64": ...}} to the action. */
    public Reply postImage(OcrAction action, byte[] image) throws IOException, InterruptedException {
        return post(action, Map.of("ImageBase64", TestImages.base64(image)));
    }

    /** One request; every header can be changed or dropped (set to null) before {@link #send()}. */
    public final class Call {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        private long timestamp = Instant.now().getEpochSecond();
        private String signingId = secretId;
        private String signingKey = secretKey;
        private String authorization;
        private List<String> signedHeaders;
        private boolean tamper;
        private boolean unsigned;
        private boolean chunked;

        private Call(String actionName) {
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.put("X-TC-Action", actionName);
            headers.put("X-TC-Version", OcrAction.VERSION);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call region(String region) {
            return header("X-TC-Region", region);
        }

        public Call version(String version) {
            return header("X-TC-Version", version);
        }

        public Call language(String language) {
            return header("X-TC-Language", language);
        }

        public Call token(String token) {
            return header("X-TC-Token", token);
        }

        public Call timestamp(long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Call credential(String id, String key) {
            this.signingId = id;
            this.signingKey = key;
            return this;
        }

        /** Sends this Authorization header verbatim instead of signing. */
        public Call authorization(String authorization) {
            this.authorization = authorization;
            return this;
        }

        /** Sends no Authorization header at all. */
        public Call withoutAuthorization() {
            this.unsigned = true;
            return this;
        }

        /** Signs with this SignedHeaders list (lower-case names, in this order) using Tc3Signer's static steps. */
        public Call signedHeaders(String... names) {
            this.signedHeaders = List.of(names);
            return this;
        }

        /** Signs the body, then sends a different one (one byte changed). */
        public Call tamperBodyAfterSigning() {
            this.tamper = true;
            return this;
        }

        /** Sends the body chunked, without a {@code Content-Length} (as a stream of unknown length is sent). */
        public Call chunked() {
            this.chunked = true;
            return this;
        }

        public Call body(Map<String, ?> parameters) {
            try {
                this.body = JSON.writeValueAsBytes(parameters);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public Call body(String raw) {
            this.body = raw.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Call body(byte[] raw) {
            this.body = raw;
            return this;
        }

        public Reply send() throws IOException, InterruptedException {
            String host = "127.0.0.1:" + port;
            String auth = unsigned ? null : authorization != null ? authorization : sign(host);
            byte[] sent = body;
            if (tamper) {
                sent = body.clone();
                sent[sent.length - 2] ^= 1;
            }
            byte[] streamed = sent;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + "/"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(streamed))
                            : HttpRequest.BodyPublishers.ofByteArray(sent));
            String timestampHeader = headers.containsKey("X-TC-Timestamp") ? headers.get("X-TC-Timestamp")
                    : Long.toString(timestamp);
            if (timestampHeader != null) {
                request.header("X-TC-Timestamp", timestampHeader);
            }
            if (auth != null) {
                request.header("Authorization", auth);
            }
            headers.forEach((name, value) -> {
                if (value != null && !name.equals("X-TC-Timestamp")) {
                    request.header(name, value);
                }
            });
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), Duration.ofNanos(System.nanoTime() - start));
        }

        private String sign(String host) {
            String contentType = headers.get("Content-Type") == null ? "" : headers.get("Content-Type");
            if (signedHeaders == null) {
                return new Tc3Signer(Credentials.of(signingId, signingKey), OcrAction.SERVICE)
                        .sign(host, contentType, timestamp, body).authorization();
            }
            StringBuilder canonical = new StringBuilder();
            for (String name : signedHeaders) {
                String value = name.equals("host") ? host : valueOf(name);
                canonical.append(name).append(':').append(Tc3Signer.canonicalValue(value == null ? "" : value)).append('\n');
            }
            String joined = String.join(";", signedHeaders);
            String request = Tc3Signer.canonicalRequest("POST", "/", "", canonical.toString(), joined,
                    Tc3Signer.sha256Hex(body, 0, body.length));
            String date = Tc3Signer.utcDate(timestamp);
            String scope = Tc3Signer.credentialScope(date, OcrAction.SERVICE);
            String signature = Tc3Signer.signatureHex(Tc3Signer.deriveSigningKey(signingKey, date, OcrAction.SERVICE),
                    Tc3Signer.stringToSign(timestamp, scope, Tc3Signer.sha256Hex(request)));
            return Tc3Signer.authorization(signingId, scope, joined, signature);
        }

        private String valueOf(String lowerName) {
            if (lowerName.equals("x-tc-timestamp")) {
                return Long.toString(timestamp);
            }
            return headers.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(lowerName))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    /** The HTTP answer, with accessors into the Tencent envelope. */
    public record Reply(int status, String contentType, String body, Duration elapsed) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        public JsonNode response() {
            return json().path("Response");
        }

        /** The error code, or null on success. */
        public String code() {
            JsonNode code = response().path("Error").path("Code");
            return code.isMissingNode() ? null : code.asText();
        }

        public String message() {
            return response().path("Error").path("Message").asText(null);
        }

        public String requestId() {
            return response().path("RequestId").asText(null);
        }

        public JsonNode field(String name) {
            return response().get(name);
        }
    }
}
