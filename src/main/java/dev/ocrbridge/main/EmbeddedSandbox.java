package dev.ocrbridge.main;

import dev.ocrbridge.sandbox.OcrSandbox;

/**
 * The launcher of the embedded default: the one place where the pipeline side meets the sandbox. It starts a
 * sandbox on a free loopback port with freshly generated credentials that never leave this process.
 */
public final class EmbeddedSandbox implements AutoCloseable {

    private final OcrSandbox sandbox;

    private EmbeddedSandbox(OcrSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static EmbeddedSandbox start() {
        return new EmbeddedSandbox(OcrSandbox.builder().port(0).generatedCredential().build().start());
    }

    public String url() {
        return sandbox.url();
    }

    String secretId() {
        return sandbox.secretId();
    }

    String secretKey() {
        return sandbox.secretKey();
    }

    public OcrSandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
