package dev.ocrbridge.signing;

/**
 * The outcome of signing one request, with the intermediate hashes that Tencent's documentation publishes so
 * that a signer can be checked step by step.
 *
 * @param authorization          the {@code Authorization} header value
 * @param signature              lower-case hex signature
 * @param hashedPayload          hex SHA-256 of the body
 * @param hashedCanonicalRequest hex SHA-256 of the canonical request
 * @param credentialScope        {@code yyyy-MM-dd/service/tc3_request}, dated in UTC
 * @param timestamp              the {@code X-TC-Timestamp} value, Unix seconds
 */
public record Tc3Signature(String authorization, String signature, String hashedPayload,
                           String hashedCanonicalRequest, String credentialScope, long timestamp) {
}
