package dev.ocrbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.actions.Parameter;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognizer.ImageDecoding;
import dev.ocrbridge.recognizer.Recognizer;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed API: every path but {@code /_sandbox/}. Checks run in roughly Tencent's order; the first failing one
 * answers. See the package documentation of {@link OcrSandbox} and the comments below for the order.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** Largest clock difference accepted between X-TC-Timestamp and the sandbox clock, in seconds. */
    static final long MAX_CLOCK_SKEW_SECONDS = 300;
    private static final Pattern CREDENTIAL_ID = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final String CLIENT_ABORTED = "ClientAborted";
    private static final int CHUNK = 64 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    private final OcrSandbox sandbox;
    private final BodyBuffers buffers = new BodyBuffers();

    ApiHandler(OcrSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * A request's body: its first {@code size} bytes of {@code bytes}, an array lent by {@link BodyBuffers} until
     * {@link #release}. {@code bytes} and {@code sha256Hex} are null when the body is over the limit (and was not
     * read whole).
     */
    private static final class Body {
        private byte[] bytes;
        private final long size;
        private final String sha256Hex;
        private final boolean oversize;

        Body(byte[] bytes, long size, String sha256Hex) {
            this.bytes = bytes;
            this.size = size;
            this.sha256Hex = sha256Hex;
            this.oversize = bytes == null;
        }

        boolean oversize() {
            return oversize;
        }

        long size() {
            return size;
        }

        String sha256Hex() {
            return sha256Hex;
        }

        /** The array holding the body; null once released. */
        byte[] bytes() {
            return bytes;
        }

        /** Gives the array back once the checks are done, before the answer's latency: at most once. */
        void release(BodyBuffers buffers) {
            if (bytes != null) {
                buffers.giveBack(bytes);
                bytes = null;
            }
        }
    }

    /** What the checks learned about one request that the log records: the decoded image's SHA-256. */
    private static final class Trace {
        private String imageSha256;
    }

    @Override
    public void handle(HttpExchange ex) {
        sandbox.inFlightCounter().incrementAndGet();
        try {
            handleCounted(ex);
        } finally {
            sandbox.inFlightCounter().decrementAndGet();
        }
    }

    private void handleCounted(HttpExchange ex) {
        Headers h = ex.getRequestHeaders();
        String action = h.getFirst("X-TC-Action");
        String region = h.getFirst("X-TC-Region");
        String secretId = peekSecretId(h.getFirst("Authorization"));
        long timestamp = parseTimestamp(h.getFirst("X-TC-Timestamp"));
        Body body;
        // A request arrives, for the quota, when it is complete: the API cannot verify a signature (which covers
        // the payload's hash) before it has the whole body, so a 9 MB body still on the wire is not yet counted.
        Instant arrival;
        try {
            body = readBody(ex);
            arrival = sandbox.clock().instant();
        } catch (IOException e) {
            record(h, action, secretId, timestamp, sandbox.clock().instant(), CLIENT_ABORTED, null, 0, region, null);
            ex.close();
            return;
        }
        try {
            SandboxFaults faults = sandbox.faults();
            long delay = faults.drawLatency();
            // Gateway faults come before anything: the request never reaches the API.
            if (faults.drawDrop()) {
                body.release(buffers);
                pause(delay);
                record(h, action, secretId, timestamp, arrival, ObservedRequest.DROPPED, null, body.size(), region, null);
                ex.close();
                return;
            }
            int gatewayStatus = faults.drawGatewayStatus();
            if (gatewayStatus != 0) {
                body.release(buffers);
                pause(delay);
                record(h, action, secretId, timestamp, arrival, ObservedRequest.GATEWAY_PREFIX + gatewayStatus, null,
                        body.size(), region, null);
                sendGateway(ex, gatewayStatus);
                return;
            }
            String requestId = UUID.randomUUID().toString();
            String language = h.getFirst("X-TC-Language");
            Map<String, Object> response = new LinkedHashMap<>();
            String code = null;
            Trace trace = new Trace();
            try {
                response.putAll(process(ex, h, body, arrival, language, trace));
            } catch (SandboxError e) {
                code = e.code();
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("Code", e.code());
                error.put("Message", e.getMessage() != null ? e.getMessage() : SandboxMessages.text(code, language));
                response.clear();
                response.put("Error", error);
            } finally {
                body.release(buffers);
            }
            response.put("RequestId", requestId);
            byte[] answer = sandbox.json().writeValueAsBytes(Map.of("Response", response));
            pause(delay);
            record(h, action, secretId, timestamp, arrival, code, requestId, body.size(), region, trace.imageSha256);
            LOG.debug("{} {} {}", action, code == null ? RequestLog.SUCCESS : code, requestId);
            send(ex, 200, "application/json", answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("OCR sandbox could not answer {}: {}", action, e.getClass().getSimpleName());
            ex.close();
        } finally {
            body.release(buffers);
        }
    }

    // ---- the checks, in order --------------------------------------------------------------------------------

    private Map<String, Object> process(HttpExchange ex, Headers h, Body body, Instant arrival, String lang,
                                        Trace trace) throws InterruptedException {
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            throw SandboxMessages.error("UnsupportedOperation", lang, "the API accepts POST requests only");
        }
        if (body.oversize()) {
            throw SandboxMessages.error("RequestSizeLimitExceeded", lang, body.size(), OcrAction.MAX_REQUEST_BODY_BYTES);
        }
        OcrAction action = action(h.getFirst("X-TC-Action"), lang);
        String version = h.getFirst("X-TC-Version");
        if (blank(version)) {
            throw SandboxMessages.error("MissingParameter", lang, "X-TC-Version");
        }
        if (!OcrAction.VERSION.equals(version.trim())) {
            throw SandboxMessages.error("NoSuchVersion", lang, version.trim());
        }
        String timestampText = h.getFirst("X-TC-Timestamp");
        if (blank(timestampText)) {
            throw SandboxMessages.error("MissingParameter", lang, "X-TC-Timestamp");
        }
        long timestamp = parseTimestamp(timestampText);
        if (timestamp <= 0) {
            throw SandboxMessages.error("InvalidParameterValue", lang, "`X-TC-Timestamp` must be Unix seconds");
        }
        OcrSandbox.Credential credential = authenticate(h, body, timestamp, lang);
        String region = h.getFirst("X-TC-Region");
        if (!blank(region) && !action.acceptsRegion(region.trim())) {
            throw SandboxMessages.error("UnsupportedRegion", lang, action.actionName(), region.trim());
        }
        injectedFaults(action, lang);
        int quota = sandbox.quota(action);
        QuotaWindows.Verdict verdict = sandbox.windows().tryAcquire(credential.secretId(), action, quota,
                arrival.toEpochMilli());
        if (!verdict.admitted()) {
            throw SandboxMessages.error(ErrorCodes.REQUEST_LIMIT_EXCEEDED, lang, verdict.timesInSecond(), quota);
        }
        return recognize(action, body, lang, trace);
    }

    private static OcrAction action(String name, String lang) {
        if (blank(name)) {
            throw SandboxMessages.error("MissingParameter", lang, "X-TC-Action");
        }
        for (OcrAction a : OcrAction.values()) {
            if (a.actionName().equals(name.trim())) {
                return a;
            }
        }
        throw SandboxMessages.error(ErrorCodes.INVALID_ACTION, lang, name.trim());
    }

    /** Authorization shape, SecretId, timestamp window, signature, then token. */
    private OcrSandbox.Credential authenticate(Headers h, Body body, long timestamp, String lang) {
        Tc3Verifier.Authorization auth;
        try {
            auth = Tc3Verifier.parse(h.getFirst("Authorization"), h::getFirst);
        } catch (Tc3Verifier.MalformedAuthorization e) {
            throw SandboxMessages.error("AuthFailure.InvalidAuthorization", lang, e.getMessage());
        }
        OcrSandbox.Credential credential = sandbox.credential(auth.secretId());
        if (credential == null) {
            throw SandboxMessages.error("AuthFailure.SecretIdNotFound", lang);
        }
        long now = sandbox.clock().instant().plus(sandbox.faults().clockOffset()).getEpochSecond();
        if (Math.abs(timestamp - now) > MAX_CLOCK_SKEW_SECONDS) {
            throw SandboxMessages.error("AuthFailure.SignatureExpire", lang, MAX_CLOCK_SKEW_SECONDS, timestamp, now);
        }
        String expected = Tc3Verifier.expectedSignature(credential.secretKey(), OcrAction.SERVICE, timestamp, auth,
                h::getFirst, Tc3Verifier.hashedPayload(body.sha256Hex(), h.getFirst("X-TC-Content-SHA256")));
        if (!Tc3Verifier.matches(expected, auth.signature())) {
            throw SandboxMessages.error(ErrorCodes.SIGNATURE_FAILURE, lang);
        }
        String token = h.getFirst("X-TC-Token");
        boolean tokenOk = credential.token() == null ? blank(token) : Tc3Verifier.matches(credential.token(), token);
        if (!tokenOk) {
            throw SandboxMessages.error("AuthFailure.TokenFailure", lang);
        }
        return credential;
    }

    /** Forced action answers, failNext, rateLimitBurst, internalErrorShare. */
    private void injectedFaults(OcrAction action, String lang) {
        SandboxFaults faults = sandbox.faults();
        String forced = faults.actionAnswer(action);
        if (forced != null) {
            throw SandboxMessages.error(forced, lang, action.actionName());
        }
        String next = faults.takeFailNext();
        if (next != null) {
            throw next.equals(ErrorCodes.REQUEST_LIMIT_EXCEEDED)
                    ? SandboxMessages.error(next, lang, sandbox.quota(action) + 1, sandbox.quota(action))
                    : SandboxMessages.error(next, lang, action.actionName());
        }
        if (faults.takeRateLimitBurst()) {
            int quota = sandbox.quota(action);
            throw SandboxMessages.error(ErrorCodes.REQUEST_LIMIT_EXCEEDED, lang, quota + 1, quota);
        }
        if (faults.drawInternalError()) {
            throw SandboxMessages.error(ErrorCodes.INTERNAL_ERROR, lang);
        }
    }

    /** Parameters, then the image (ImageUrl wins over ImageBase64), then fixtures or the recognizer. */
    private Map<String, Object> recognize(OcrAction action, Body body, String lang, Trace trace)
            throws InterruptedException {
        RequestJson json = RequestJson.read(sandbox.json(), body.bytes(), (int) body.size());
        JsonNode root = json.root;
        if (root == null || !root.isObject()) {
            throw SandboxMessages.error("InvalidParameter", lang, "the request body must be a JSON object");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        String imageBase64 = null;
        String imageUrl = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            Parameter parameter = action.parameter(name)
                    .orElseThrow(() -> SandboxMessages.error("UnknownParameter", lang, name));
            if (value.isNull()) {
                continue;
            }
            switch (parameter) {
                case IMAGE_BASE64 -> imageBase64 = value == json.imagePlaceholder ? null : text(name, value, lang);
                case IMAGE_URL -> {
                    imageUrl = text(name, value, lang);
                    parameters.put(name, imageUrl);
                }
                case TYPE -> {
                    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                        throw invalidValue(name, "must be an integer", lang);
                    }
                    parameters.put(name, value.intValue());
                }
                case RETURN_HEAD_IMAGE -> parameters.put(name, bool(name, value, lang));
            }
        }
        byte[] image = image(action, imageUrl, imageBase64, json, lang);
        String imageSha256 = FixtureRegistry.sha256(image);
        trace.imageSha256 = imageSha256;
        // Empty, too many pixels, or not decodable: judged by decoding, as the API does (not by ocrbridge's pre-check).
        java.awt.image.BufferedImage decoded;
        try {
            decoded = ImageDecoding.decode(action, image);
        } catch (OcrException e) {
            throw SandboxMessages.error(e.code(), lang);
        }
        Map<String, Object> readOnlyParameters = Collections.unmodifiableMap(parameters);
        Optional<FixtureRegistry.Fixture> fixture = sandbox.fixtures().find(imageSha256);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (fixture.isPresent()) {
            FixtureRegistry.Fixture f = fixture.get();
            if (f.isError()) {
                throw new SandboxError(f.errorCode(),
                        f.errorMessage() != null ? f.errorMessage() : SandboxMessages.text(f.errorCode(), lang));
            }
            fields.putAll(Recognizer.emptyFields().recognize(action, image, readOnlyParameters));
            fields.putAll(f.fields());
        } else {
            Map<String, Object> recognized;
            try {
                recognized = sandbox.recognizer(action).recognize(action, image, decoded, readOnlyParameters);
            } catch (SandboxError e) {
                // a recognizer written for the sandbox may answer its own message
                throw e.getMessage() != null ? e : SandboxMessages.error(e.code(), lang, action.actionName());
            } catch (OcrException e) {
                // the recognizer's code, in the sandbox's words (its own message is ocrbridge's, not the API's)
                throw SandboxMessages.error(e.code(), lang, action.actionName());
            } catch (RuntimeException e) {
                LOG.debug("Recognizer for {} failed: {}", action, e.getClass().getSimpleName());
                throw SandboxMessages.error(ErrorCodes.INTERNAL_ERROR, lang);
            }
            if (recognized != null) {
                fields.putAll(recognized);
            }
        }
        return Recognizer.answerFields(action, fields, readOnlyParameters);
    }

    private byte[] image(OcrAction action, String imageUrl, String imageBase64, RequestJson json, String lang)
            throws InterruptedException {
        long limit = sandbox.maxBase64Bytes(action);
        if (!blank(imageUrl)) {
            long maxRawBytes = limit / 4 * 3;
            try {
                return sandbox.downloader().download(imageUrl, maxRawBytes);
            } catch (ImageDownloader.DownloadFailed e) {
                LOG.debug("ImageUrl download for {} failed: {}", action, e.getClass().getSimpleName());
                throw SandboxMessages.error(ErrorCodes.DOWNLOAD_ERROR, lang);
            } catch (ImageDownloader.TooLarge e) {
                throw SandboxMessages.error(ErrorCodes.TOO_LARGE_FILE, lang, limit + 1, limit);
            }
        }
        if (imageBase64 == null && json.image != null) {
            // decoded from the body's bytes already (RequestJson): the same string, the same limit
            if (json.imageChars > limit) {
                throw SandboxMessages.error(ErrorCodes.TOO_LARGE_FILE, lang, (long) json.imageChars, limit);
            }
            return json.image;
        }
        if (imageBase64 == null) {
            throw SandboxMessages.error("InvalidParameter", lang, "one of `ImageUrl` or `ImageBase64` is required");
        }
        if (imageBase64.length() > limit) {
            throw SandboxMessages.error(ErrorCodes.TOO_LARGE_FILE, lang, (long) imageBase64.length(), limit);
        }
        try {
            return Base64.getDecoder().decode(imageBase64);
        } catch (IllegalArgumentException e) {
            throw SandboxMessages.error(action.decodeFailureCode(), lang);
        }
    }

    private static String text(String name, JsonNode value, String lang) {
        if (!value.isTextual()) {
            throw invalidValue(name, "must be a string", lang);
        }
        return value.textValue();
    }

    /** A JSON boolean, or the strings "true"/"false" (Tencent's own example sends {@code "ReturnHeadImage": "true"}). */
    private static boolean bool(String name, JsonNode value, String lang) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String s = value.textValue().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
        }
        throw invalidValue(name, "must be a boolean", lang);
    }

    private static SandboxError invalidValue(String name, String why, String lang) {
        return SandboxMessages.error("InvalidParameterValue.InvalidParameterValueLimit", lang, name, why);
    }

    // ---- wire helpers ----------------------------------------------------------------------------------------

    /**
     * Reads the body up to the 10 MB limit and not a byte more: a {@code Content-Length} over it is refused before
     * anything is read, a chunked body at its first byte past it. The JDK server then closes the connection after
     * the answer instead of reading the rest, so no request, however long, costs more than the limit in memory.
     */
    private Body readBody(HttpExchange ex) throws IOException {
        long declared = parseLength(ex.getRequestHeaders().getFirst("Content-Length"));
        if (declared > OcrAction.MAX_REQUEST_BODY_BYTES) {
            return new Body(null, declared, null);
        }
        // hashed as it arrives, while its bytes are in the cache, for the signature over the payload's hash
        MessageDigest sha256 = Tc3Signer.newSha256();
        InputStream in = ex.getRequestBody();
        if (declared >= 0 && ex.getRequestHeaders().getFirst("Transfer-Encoding") == null) {
            // the declared size is the whole body (the server reads no further): read into one array, nothing copied
            int length = (int) declared;
            byte[] bytes = buffers.lend(length);
            int total = 0;
            int n;
            try {
                while (total < length && (n = readHashed(in, bytes, total, length - total, sha256)) > 0) {
                    total += n;
                }
                in.close();
            } catch (IOException e) {
                buffers.giveBack(bytes);
                throw e;
            }
            return new Body(bytes, total, HEX.formatHex(sha256.digest()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        long total = 0;
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, OcrAction.MAX_REQUEST_BODY_BYTES + 1L - total))) > 0) {
            total += n;
            if (total > OcrAction.MAX_REQUEST_BODY_BYTES) {
                // left open: closing it would read on (to skip the rest) before the answer is sent
                return new Body(null, total, null);
            }
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        in.close();
        return new Body(out.toByteArray(), total, HEX.formatHex(sha256.digest()));
    }

    /**
     * One read of a body into {@code into} at {@code at}, hashed while its bytes are in the cache. The JDK server
     * hands a body over 8 KB a read, about 900 reads for a 7 MB body: as a method of its own, this is compiled after
     * a few hundred reads, within the first large body (and by C2 once it is among the hottest), where the same lines
     * in the loop around it ran interpreted until the loop had gone round 60,000 times (some 70 bodies of 7 MB).
     */
    private static int readHashed(InputStream in, byte[] into, int at, int max, MessageDigest sha256)
            throws IOException {
        int n = in.read(into, at, Math.min(CHUNK, max));
        if (n > 0) {
            sha256.update(into, at, n);
        }
        return n;
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** What a gateway in front of the API answers: a non-200 status and an HTML page, no envelope. */
    private static void sendGateway(HttpExchange ex, int status) throws IOException {
        String reason = switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
        String page = "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>"
                + status + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        send(ex, status, "text/html", page.getBytes(StandardCharsets.US_ASCII));
    }

    private void record(Headers h, String action, String secretId, long timestamp, Instant arrival, String code,
                        String requestId, long bodyBytes, String region, String imageSha256) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        h.keySet().forEach(name -> names.add(name.toLowerCase(java.util.Locale.ROOT)));
        sandbox.log().add(new ObservedRequest(action, secretId, timestamp, arrival, code, requestId, bodyBytes, region,
                imageSha256, sandbox.clock().instant(), java.util.Set.copyOf(names)));
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static String peekSecretId(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = CREDENTIAL_ID.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    private static long parseTimestamp(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long parseLength(String text) {
        if (text == null) {
            return -1;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
