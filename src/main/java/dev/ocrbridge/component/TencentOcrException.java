package dev.ocrbridge.component;

import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.HaltRefusal;
import dev.ocrbridge.errors.OcrException;

/**
 * The one failure a {@code tencent-ocr} endpoint raises: the error code (Tencent's, or ocrbridge's own
 * {@code Transport.*}, {@code Envelope.*}, {@code Source.*} and pre-check codes), the RequestId when the API
 * answered, the disposition the code calls for, the action and the attempt.
 *
 * <p>Its message carries none of that failure's data beyond codes and ids: an API's error message can quote what it
 * was sent (a URL, a name), so it is kept apart in {@link #apiMessage()} for whoever decides to store it.
 */
public class TencentOcrException extends OcrException {

    private final String action;
    private final Disposition disposition;
    private final int attempts;
    private final String apiMessage;

    /**
     * @param fromApi whether the error is the API's answer (its message is then the API's) rather than one
     *                ocrbridge raised with a sentence of its own
     */
    public TencentOcrException(String action, OcrException error, boolean fromApi, Disposition disposition,
                               int attempts) {
        // the error document keeps the wrapped error's message (the API's own for an API error); logs get the summary
        super(error.code(), error.code() + ": " + summary(action, error, fromApi, disposition, attempts),
                error.detail(), error.requestId(), causeOf(error, fromApi));
        this.action = action;
        this.disposition = disposition;
        this.attempts = attempts;
        this.apiMessage = fromApi ? error.detail() : null;
    }

    /**
     * The API's answer has no cause worth a stack; a refusal at send time is kept whole, so that whoever handles the
     * failure can tell "not sent, already halted" from a new halt.
     */
    private static Throwable causeOf(OcrException error, boolean fromApi) {
        if (error instanceof HaltRefusal) {
            return error;
        }
        return fromApi ? null : error.getCause();
    }

    /** True when the request was not sent because its action was already halted (see {@link HaltRefusal}). */
    public boolean refusedByHalt() {
        return getCause() instanceof HaltRefusal;
    }

    private static String summary(String action, OcrException error, boolean fromApi, Disposition disposition,
                                  int attempts) {
        StringBuilder sb = new StringBuilder(action).append(' ');
        if (fromApi) {
            // an answer from the API: its own words stay out of the message
            sb.append("refused by the API, RequestId ").append(error.requestId() == null ? "none" : error.requestId());
        } else {
            // ocrbridge's own sentences: sizes, formats, status codes, exception class names
            sb.append("failed: ").append(error.detail());
        }
        return sb.append(" (").append(disposition.wireName()).append(", attempt ").append(attempts).append(')')
                .toString();
    }

    /** The action that was called. */
    public String action() {
        return action;
    }

    /** What the code calls for: retry, reject or halt. */
    public Disposition disposition() {
        return disposition;
    }

    /** The attempt that failed, 1 for the first call. */
    public int attempts() {
        return attempts;
    }

    /** The API's {@code Error.Message} when the API answered, else null. May quote what was sent: keep out of logs. */
    public String apiMessage() {
        return apiMessage;
    }
}
