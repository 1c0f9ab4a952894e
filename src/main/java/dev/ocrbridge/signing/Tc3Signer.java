package dev.ocrbridge.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's request signature.
 *
 * <p>Allocation-aware: the payload is hashed in place (a 7 MB body is never copied), digests and MACs are
 * reused per thread, and the date-derived signing key is cached until the UTC date changes. Thread-safe.
 *
 * <p>The static methods are the algorithm's steps, shared with the sandbox's verifier so that the two can only
 * differ in which headers they feed in; the official SDK remains the independent oracle in the tests.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    /** The headers ocrbridge signs: the minimum Tencent requires. */
    public static final String DEFAULT_SIGNED_HEADERS = "content-type;host";

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Tc3Signer::newSha256);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(Tc3Signer::newHmac);

    private final Credentials credentials;
    private final String service;
    private final byte[] keySeed;
    private volatile DerivedKey derivedKey;

    private record DerivedKey(String date, byte[] signingKey) {
    }

    public Tc3Signer(Credentials credentials, String service) {
        if (credentials == null || !credentials.isComplete()) {
            throw new IllegalArgumentException("TC3 signing needs a SecretId and a SecretKey");
        }
        this.credentials = credentials;
        this.service = service;
        this.keySeed = ("TC3" + credentials.secretKey()).getBytes(StandardCharsets.UTF_8);
    }

    public Credentials credentials() {
        return credentials;
    }

    public String service() {
        return service;
    }

    /** Signs a POST to "/" with {@code content-type;host} signed: what ocrbridge sends. */
    public Tc3Signature sign(String host, String contentType, long timestamp, byte[] payload) {
        return sign(host, contentType, timestamp, payload, 0, payload.length);
    }

    public Tc3Signature sign(String host, String contentType, long timestamp, byte[] payload, int offset, int length) {
        return signHashed(host, contentType, timestamp, sha256Hex(payload, offset, length));
    }

    /**
     * Signs a POST to "/" whose payload was hashed elsewhere (a streamed body hashes itself once and keeps the
     * hash across retries): {@code hashedPayload} is the lower-case hex SHA-256 of the exact bytes sent.
     */
    public Tc3Signature signHashed(String host, String contentType, long timestamp, String hashedPayload) {
        String canonicalHeaders = "content-type:" + canonicalValue(contentType) + "\nhost:" + canonicalValue(host) + "\n";
        String canonicalRequest = canonicalRequest("POST", "/", "", canonicalHeaders, DEFAULT_SIGNED_HEADERS, hashedPayload);
        String hashedCanonicalRequest = sha256Hex(canonicalRequest);
        String date = utcDate(timestamp);
        String scope = credentialScope(date, service);
        String signature = HEX.formatHex(hmac(signingKey(date), stringToSign(timestamp, scope, hashedCanonicalRequest)));
        String authorization = authorization(credentials.secretId(), scope, DEFAULT_SIGNED_HEADERS, signature);
        return new Tc3Signature(authorization, signature, hashedPayload, hashedCanonicalRequest, scope, timestamp);
    }

    private byte[] signingKey(String date) {
        DerivedKey current = derivedKey;
        if (current == null || !current.date().equals(date)) {
            current = new DerivedKey(date, deriveSigningKey(keySeed, date, service));
            derivedKey = current;
        }
        return current.signingKey();
    }

    // ---- the algorithm's steps -------------------------------------------------------------------------------

    /** A header value as it enters the canonical headers: trimmed and lower-cased. */
    public static String canonicalValue(String headerValue) {
        return headerValue.trim().toLowerCase(Locale.ROOT);
    }

    public static String canonicalRequest(String method, String canonicalUri, String canonicalQueryString,
                                          String canonicalHeaders, String signedHeaders, String hashedPayload) {
        return method + '\n' + canonicalUri + '\n' + canonicalQueryString + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + hashedPayload;
    }

    /** The UTC date of a Unix timestamp, {@code yyyy-MM-dd}: never the local date. */
    public static String utcDate(long timestampSeconds) {
        return LocalDate.ofEpochDay(Math.floorDiv(timestampSeconds, 86_400L)).toString();
    }

    public static String credentialScope(String date, String service) {
        return date + '/' + service + "/tc3_request";
    }

    public static String stringToSign(long timestamp, String credentialScope, String hashedCanonicalRequest) {
        return ALGORITHM + '\n' + timestamp + '\n' + credentialScope + '\n' + hashedCanonicalRequest;
    }

    public static String authorization(String secretId, String credentialScope, String signedHeaders, String signature) {
        return ALGORITHM + " Credential=" + secretId + '/' + credentialScope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    /** kSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request"), raw bytes throughout. */
    public static byte[] deriveSigningKey(String secretKey, String date, String service) {
        return deriveSigningKey(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date, service);
    }

    private static byte[] deriveSigningKey(byte[] keySeed, String date, String service) {
        byte[] kDate = hmac(keySeed, date);
        byte[] kService = hmac(kDate, service);
        return hmac(kService, "tc3_request");
    }

    /** Lower-case hex HMAC-SHA256 of a string to sign. */
    public static String signatureHex(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    public static String sha256Hex(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return sha256Hex(bytes, 0, bytes.length);
    }

    public static String sha256Hex(byte[] bytes, int offset, int length) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(bytes, offset, length);
        return HEX.formatHex(digest.digest());
    }

    /** Lower-case hex SHA-256 of the stream, read to its end a block at a time (the caller closes it). */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] block = new byte[64 * 1024];
        int n;
        while ((n = in.read(block)) >= 0) {
            digest.update(block, 0, n);
        }
        return HEX.formatHex(digest.digest());
    }

    static byte[] hmac(byte[] key, String message) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected its key", e);
        }
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 digest, for a hash computed while the bytes pass by (a copy, a stream). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static Mac newHmac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
