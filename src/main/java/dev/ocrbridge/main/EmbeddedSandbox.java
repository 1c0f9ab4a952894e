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

    /** With the local recognizer (real fields; empty ones, said in one log line, if its engine cannot load). */
    public static EmbeddedSandbox start() {
        return start("local");
    }

    /** @param recognizer {@code local} (the default) or {@code empty} (every field "", as the API allows) */
    public static EmbeddedSandbox start(String recognizer) {
        OcrSandbox.Builder builder = OcrSandbox.builder().port(0).generatedCredential();
        String choice = recognizer == null ? "local" : recognizer.trim().toLowerCase(java.util.Locale.ROOT);
        switch (choice) {
            case "local", "" -> builder.localRecognition();
            case "empty" -> { }
            default -> throw new IllegalArgumentException("ocr.sandbox.recognizer must be local or empty");
        }
        return new EmbeddedSandbox(builder.build().start());
    }

    /** "local recognition" or "empty recognition fields", for the start-up line. */
    public String recognitionDescription() {
        return sandbox.localRecognition() ? "local recognition" : "empty recognition fields";
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
