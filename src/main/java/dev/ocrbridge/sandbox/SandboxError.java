package dev.ocrbridge.sandbox;

/**
 * A Tencent error answer, thrown by the sandbox itself (a recognizer throws an {@code OcrException} with the code) to answer
 * {@code {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": ...}}}.
 * A null message is replaced by the sandbox's own text for the code, in the request's language.
 */
public class SandboxError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public SandboxError(String code, String message) {
        super(message, null, false, false);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("A sandbox error needs a code");
        }
        this.code = code;
    }

    public SandboxError(String code) {
        this(code, null);
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return "SandboxError[" + code + "]";
    }
}
