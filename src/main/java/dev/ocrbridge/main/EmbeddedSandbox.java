package dev.ocrbridge.main;

import dev.ocrbridge.sandbox.OcrSandbox;
import java.security.SecureRandom;

/**
 * The launcher of the embedded default: the one place where the pipeline side meets the sandbox. It starts a
 * sandbox on a free loopback port with freshly generated credentials that never leave this process.
 */
public final class EmbeddedSandbox implements AutoCloseable {

    private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final OcrSandbox sandbox;
    private final String secretId;
    private final String secretKey;

    private EmbeddedSandbox(OcrSandbox sandbox, String secretId, String secretKey) {
        this.sandbox = sandbox;
        this.secretId = secretId;
        this.secretKey = secretKey;
    }

    public static EmbeddedSandbox start() {
        SecureRandom random = new SecureRandom();
        String id = "AKID" + random(random, 32);
        String key = random(random, 32);
        OcrSandbox sandbox = OcrSandbox.builder().port(0).credential(id, key).build().start();
        return new EmbeddedSandbox(sandbox, id, key);
    }

    private static String random(SecureRandom random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHANUM.charAt(random.nextInt(ALPHANUM.length())));
        }
        return sb.toString();
    }

    public String url() {
        return sandbox.url();
    }

    String secretId() {
        return secretId;
    }

    String secretKey() {
        return secretKey;
    }

    public OcrSandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
