package dev.ocrbridge.sandbox;

import dev.ocrbridge.signing.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of TC3-HMAC-SHA256, composed from {@link Tc3Signer}'s public steps so that signer and verifier
 * can only differ in the headers they are fed. Canonicalises whatever {@code SignedHeaders} list, Content-Type and
 * Host the client actually sent; method POST, canonical URI "/", empty query string.
 */
public final class Tc3Verifier {

    /** Value of {@code X-TC-Content-SHA256} that replaces the body hash in the canonical request. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "^" + Pattern.quote(Tc3Signer.ALGORITHM)
                    + " +Credential=([^/,\\s]+)/(\\d{4}-\\d{2}-\\d{2})/([^/,\\s]+)/tc3_request"
                    + " *, *SignedHeaders=([A-Za-z0-9;._-]+) *, *Signature=([0-9A-Fa-f]{64})$");

    /** The parts of a well-formed Authorization header. */
    public record Authorization(String secretId, String date, String service, String signedHeaders,
                                List<String> signedHeaderNames, String signature) {
    }

    /** A malformed Authorization header; the message says what is wrong, never echoing the signature. */
    public static final class MalformedAuthorization extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedAuthorization(String reason) {
            super(reason, null, false, false);
        }
    }

    private Tc3Verifier() {
    }

    /**
     * Parses {@code TC3-HMAC-SHA256 Credential=ID/date/service/tc3_request, SignedHeaders=..., Signature=hex} and
     * checks that the signed headers include {@code content-type} and {@code host} and are all present.
     *
     * @param header the headers of the request, looked up by (case-insensitive) name; null when absent
     */
    public static Authorization parse(String authorization, Function<String, String> header)
            throws MalformedAuthorization {
        if (authorization == null || authorization.isBlank()) {
            throw new MalformedAuthorization("the header is missing");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            throw new MalformedAuthorization("expected `" + Tc3Signer.ALGORITHM
                    + " Credential=SecretId/yyyy-MM-dd/service/tc3_request, SignedHeaders=..., Signature=...`");
        }
        String signedHeaders = m.group(4);
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : signedHeaders.split(";", -1)) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !seen.add(lower)) {
                throw new MalformedAuthorization("SignedHeaders has an empty or repeated name");
            }
            names.add(name);
        }
        if (!seen.contains("content-type") || !seen.contains("host")) {
            throw new MalformedAuthorization("SignedHeaders must include content-type and host");
        }
        for (String name : names) {
            if (header.apply(name) == null) {
                throw new MalformedAuthorization("the signed header `" + name.toLowerCase(Locale.ROOT)
                        + "` is not in the request");
            }
        }
        return new Authorization(m.group(1), m.group(2), m.group(3), signedHeaders, List.copyOf(names), m.group(5));
    }

    /**
     * The signature the request should carry: the canonical headers are built in the order the client listed them,
     * from the values it sent; the credential scope is the UTC date of the timestamp and the server's service name.
     */
    public static String expectedSignature(String secretKey, String service, long timestamp, Authorization auth,
                                           Function<String, String> header, String hashedPayload) {
        StringBuilder canonicalHeaders = new StringBuilder(128);
        for (String name : auth.signedHeaderNames()) {
            canonicalHeaders.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(Tc3Signer.canonicalValue(header.apply(name))).append('\n');
        }
        String canonicalRequest = Tc3Signer.canonicalRequest("POST", "/", "", canonicalHeaders.toString(),
                auth.signedHeaders(), hashedPayload);
        String date = Tc3Signer.utcDate(timestamp);
        String scope = Tc3Signer.credentialScope(date, service);
        String stringToSign = Tc3Signer.stringToSign(timestamp, scope, Tc3Signer.sha256Hex(canonicalRequest));
        return Tc3Signer.signatureHex(Tc3Signer.deriveSigningKey(secretKey, date, service), stringToSign);
    }

    /** The body hash as it enters the canonical request, honouring {@code X-TC-Content-SHA256: UNSIGNED-PAYLOAD}. */
    public static String hashedPayload(byte[] body, String contentSha256Header) {
        if (contentSha256Header != null && UNSIGNED_PAYLOAD.equals(contentSha256Header.trim())) {
            return UNSIGNED_PAYLOAD;
        }
        return Tc3Signer.sha256Hex(body, 0, body.length);
    }

    /** As {@link #hashedPayload(byte[], String)}, from the body's hash computed as it was read. */
    public static String hashedPayload(String bodySha256Hex, String contentSha256Header) {
        if (contentSha256Header != null && UNSIGNED_PAYLOAD.equals(contentSha256Header.trim())) {
            return UNSIGNED_PAYLOAD;
        }
        return bodySha256Hex;
    }

    /** Constant-time comparison of two signatures (or tokens). */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
