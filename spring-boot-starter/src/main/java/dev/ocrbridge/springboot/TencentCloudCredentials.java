package dev.ocrbridge.springboot;

import dev.ocrbridge.component.TencentOcrConfiguration;
import org.springframework.core.env.Environment;

/**
 * The {@code TENCENTCLOUD_*} credentials as Spring sees them: the component reads those names from the process
 * environment only; in a Spring Boot application they may as well be system properties, entries of
 * application.properties or files of a config tree (a mounted Kubernetes secret). The rule is the component's: the
 * key pair comes from there only when neither half is configured, and the session token only along with that pair,
 * so that a configured key is never sent with someone else's token.
 */
final class TencentCloudCredentials {

    static final String SECRET_ID = "TENCENTCLOUD_SECRET_ID";
    static final String SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
    static final String SESSION_TOKEN = "TENCENTCLOUD_SESSION_TOKEN";

    private TencentCloudCredentials() {
    }

    /** Fills in the component-level credentials from the environment where the configuration leaves them unset. */
    static void fillIn(TencentOcrConfiguration configuration, Environment environment) {
        if (configuration == null || !isBlank(configuration.getSecretId()) || !isBlank(configuration.getSecretKey())) {
            return;
        }
        String secretId = environment.getProperty(SECRET_ID);
        String secretKey = environment.getProperty(SECRET_KEY);
        if (isBlank(secretId) && isBlank(secretKey)) {
            return; // nothing here: the component's own fallback still reads the process environment
        }
        configuration.setSecretId(secretId);
        configuration.setSecretKey(secretKey);
        if (isBlank(configuration.getSessionToken())) {
            configuration.setSessionToken(environment.getProperty(SESSION_TOKEN));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
