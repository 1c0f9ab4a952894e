package dev.ocrbridge.signing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tencent Cloud key pair, with the session token of temporary credentials when there is one.
 * {@link #toString()} never shows the key or the token.
 */
public final class Credentials {

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

    private final String secretId;
    private final String secretKey;
    private final String token;

    private Credentials(String secretId, String secretKey, String token) {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.token = token;
    }

    /**
     * Builds credentials, trimming stray whitespace (a common copy-paste accident that otherwise surfaces as
     * {@code AuthFailure.SignatureFailure}) with a warning that names the field, never its value.
     */
    public static Credentials of(String secretId, String secretKey, String token) {
        return new Credentials(trimmed("SecretId", secretId), trimmed("SecretKey", secretKey),
                emptyToNull(trimmed("Token", token)));
    }

    public static Credentials of(String secretId, String secretKey) {
        return of(secretId, secretKey, null);
    }

    /** Environment variable of the SecretId, as Tencent's SDKs and CLI read it. */
    public static final String ENV_SECRET_ID = "TENCENTCLOUD_SECRET_ID";
    /** Environment variable of the SecretKey. */
    public static final String ENV_SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
    /** Environment variable of the session token of temporary credentials. */
    public static final String ENV_SESSION_TOKEN = "TENCENTCLOUD_SESSION_TOKEN";

    /**
     * The configured pair when either half is configured; otherwise the pair from the environment's
     * {@code TENCENTCLOUD_*} variables. Never half from each: a configured id with a key from the environment
     * would sign with a key that does not belong to it.
     *
     * @param environment how to read an environment variable ({@code System::getenv} outside tests)
     */
    public static Credentials configuredOrFromEnvironment(String secretId, String secretKey, String token,
                                                         java.util.function.UnaryOperator<String> environment) {
        if (!isBlank(secretId) || !isBlank(secretKey)) {
            return of(secretId, secretKey, token);
        }
        return of(environment.apply(ENV_SECRET_ID), environment.apply(ENV_SECRET_KEY),
                isBlank(token) ? environment.apply(ENV_SESSION_TOKEN) : token);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String field, String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        if (t.length() != value.length()) {
            LOG.warn("The configured {} had leading or trailing whitespace; it was trimmed", field);
        }
        return t;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** True when both the id and the key are present. */
    public boolean isComplete() {
        return secretId != null && !secretId.isEmpty() && secretKey != null && !secretKey.isEmpty();
    }

    public String secretId() {
        return secretId;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Session token of temporary credentials, or null. */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "Credentials[secretId=" + secretId + ", secretKey=***, token=" + (token == null ? "none" : "***") + "]";
    }
}
