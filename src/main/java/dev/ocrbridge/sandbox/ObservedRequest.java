package dev.ocrbridge.sandbox;

import java.time.Instant;

/**
 * One request as the sandbox saw it. Recorded for every request that reached the API handler, failed ones and
 * gateway faults included. Never holds the body, the signature, the key or the token.
 *
 * @param action       the {@code X-TC-Action} header as sent, or null when absent
 * @param secretId     the SecretId named in the Authorization header, or null when it could not be read
 * @param xTcTimestamp the {@code X-TC-Timestamp} header, or 0 when absent or not a number
 * @param arrival      when the request reached the handler, by the sandbox clock (without the fault clock offset)
 * @param errorCode    the Tencent code answered, {@code Gateway.502}/{@code Gateway.503} for a gateway fault,
 *                     {@code Dropped} for a dropped connection, or null on success
 * @param requestId    the RequestId answered, or null when the request got no envelope (gateway fault, drop)
 * @param bodyBytes    size of the request body in bytes
 * @param region       the {@code X-TC-Region} header as sent, or null when absent
 * @param imageSha256  SHA-256 (hex) of the decoded image, or null when the request was answered before its image
 *                     was read (gateway fault, drop, authentication or parameter error): with it, bills can be
 *                     counted per image without the log holding the image
 * @param answered     when the answer was ready to be written, by the sandbox clock (for a drop: when it closed)
 * @param headerNames  the names of the HTTP headers the request carried, lower case (never their values): what a
 *                     client let through to the API
 */
public record ObservedRequest(String action, String secretId, long xTcTimestamp, Instant arrival, String errorCode,
                              String requestId, long bodyBytes, String region, String imageSha256, Instant answered,
                              java.util.Set<String> headerNames) {

    /** Error code recorded for a connection closed without an answer. */
    public static final String DROPPED = "Dropped";
    /** Prefix of the code recorded for a gateway fault, followed by the HTTP status. */
    public static final String GATEWAY_PREFIX = "Gateway.";

    /** True when the request was answered with output fields. */
    public boolean succeeded() {
        return errorCode == null;
    }
}
