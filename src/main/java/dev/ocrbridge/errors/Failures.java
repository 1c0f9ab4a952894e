package dev.ocrbridge.errors;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/** The one walk down a cause chain that gives any failure its stable error code. */
public final class Failures {

    private Failures() {
    }

    /**
     * OCR errors keep their code wherever they sit in the chain; a timeout anywhere is {@code Transport.Timeout};
     * any other I/O failure is {@code Transport.ConnectionFailed}; the rest is {@code Internal.Unexpected}. The
     * messages name exception classes only: an exception's own message may carry a URL, a file name or worse.
     */
    public static OcrException classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OcrException o) {
                return o;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
                return OcrException.local(ErrorCodes.TIMEOUT, "no answer in time (" + c.getClass().getSimpleName() + ")", t);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return OcrException.local(ErrorCodes.CONNECTION_FAILED,
                        "the connection failed (" + c.getClass().getSimpleName() + ")", t);
            }
        }
        return OcrException.local(ErrorCodes.UNEXPECTED, t == null ? "unknown failure" : t.getClass().getName(), t);
    }
}
