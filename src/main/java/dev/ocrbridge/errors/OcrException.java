package dev.ocrbridge.errors;

/**
 * A recognition that failed with a stable error code: one of Tencent's (read from {@code Response.Error}, or
 * raised by a local pre-check with the code Tencent would use) or one of ocrbridge's {@code Transport.*} codes.
 *
 * <p>Messages never carry image bytes, recognized fields or secrets: they are written to logs and error files.
 */
public class OcrException extends RuntimeException {

    private final String code;
    private final String requestId;

    public OcrException(String code, String message, String requestId, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
        this.requestId = requestId;
    }

    /** An error Tencent (or the sandbox) answered in the envelope. */
    public static OcrException fromApi(String code, String message, String requestId) {
        return new OcrException(code, message, requestId, null);
    }

    /** An error found before or instead of an API answer. */
    public static OcrException local(String code, String message) {
        return new OcrException(code, message, null, null);
    }

    public static OcrException local(String code, String message, Throwable cause) {
        return new OcrException(code, message, null, cause);
    }

    public String code() {
        return code;
    }

    /** The message without the code prefix. */
    public String detail() {
        String m = getMessage();
        return m.substring(code.length() + 2);
    }

    /** The RequestId of the API answer, or null for local errors. */
    public String requestId() {
        return requestId;
    }
}
