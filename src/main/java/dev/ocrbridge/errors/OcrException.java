package dev.ocrbridge.errors;

/**
 * A recognition that failed with a stable error code: one of Tencent's (read from {@code Response.Error}, or
 * raised by a local pre-check with the code Tencent would use) or one of ocrbridge's {@code Transport.*} codes.
 *
 * <p>{@link #getMessage()} is what logs and exception chains show: the code, the RequestId and ocrbridge's own
 * wording, never the API's {@code Message} (it may quote what was sent, in any language) nor a path or a name.
 * The API's text is kept for the error document only, in {@link #detail()}.
 */
public class OcrException extends RuntimeException {

    private final String code;
    private final String requestId;
    private final String detail;

    /** With a RequestId, an API error ({@link #fromApi}); without, a local one ({@link #local}). */
    public OcrException(String code, String message, String requestId, Throwable cause) {
        this(code, requestId == null ? code + ": " + message : apiWording(code, requestId), message, requestId, cause);
    }

    /**
     * @param logMessage what {@link #getMessage()} shows: codes, ids and ocrbridge's own words only
     * @param detail     the error document's message ({@link #detail()})
     */
    protected OcrException(String code, String logMessage, String detail, String requestId, Throwable cause) {
        super(logMessage, cause);
        this.code = code;
        this.requestId = requestId;
        this.detail = detail;
    }

    /** An error Tencent (or the sandbox) answered in the envelope. */
    public static OcrException fromApi(String code, String message, String requestId) {
        return new OcrException(code, apiWording(code, requestId), message, requestId, null);
    }

    private static String apiWording(String code, String requestId) {
        return code + ": the API answered with this code (RequestId " + requestId + ")";
    }

    /** An error found before or instead of an API answer; the message is ocrbridge's own and names no file. */
    public static OcrException local(String code, String message) {
        return new OcrException(code, code + ": " + message, message, null, null);
    }

    public static OcrException local(String code, String message, Throwable cause) {
        return new OcrException(code, code + ": " + message, message, null, cause);
    }

    public String code() {
        return code;
    }

    /**
     * The message of the error document: the API's own {@code Message} for an API error, ocrbridge's wording for
     * a local one. Never logged.
     */
    public String detail() {
        return detail;
    }

    /** The RequestId of the API answer, or null for local errors. */
    public String requestId() {
        return requestId;
    }
}
