package dev.ocrbridge.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import dev.ocrbridge.errors.OcrException;

/**
 * The exception of an event ({@code %ex} and its aliases in {@link RedactingEncoder}) as the chain of class names
 * with their frames, without the messages: a library's exception message is where paths and file names end up
 * ({@code NoSuchFileException: /data/inbox/…/김철수.png}, {@code Cannot rename file: …}). An
 * {@link OcrException} adds its code and RequestId, which carry no data and tell an operator what failed.
 */
public class RedactedThrowableConverter extends ThrowableHandlingConverter {

    private static final int MAX_DEPTH = 16;

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy tp = event.getThrowableProxy();
        if (tp == null) {
            return CoreConstants.EMPTY_STRING;
        }
        StringBuilder out = new StringBuilder(1024);
        write(out, tp, "", 0);
        return out.toString();
    }

    private void write(StringBuilder out, IThrowableProxy tp, String prefix, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        // class names, codes and RequestIds are not data; only escaped, so that they stay exact
        out.append(prefix).append(Redactor.own(tp.getClassName()));
        if (tp instanceof ThrowableProxy proxy && proxy.getThrowable() instanceof OcrException e) {
            out.append(" [").append(Redactor.own(e.code()));
            if (e.requestId() != null) {
                out.append(", RequestId ").append(Redactor.own(e.requestId()));
            }
            out.append(']');
        }
        if (tp.isCyclic()) {
            out.append(" [cyclic]").append(CoreConstants.LINE_SEPARATOR);
            return;
        }
        out.append(CoreConstants.LINE_SEPARATOR);
        StackTraceElementProxy[] frames = tp.getStackTraceElementProxyArray();
        int shown = frames.length - tp.getCommonFrames();
        for (int i = 0; i < shown; i++) {
            out.append("\tat ").append(Redactor.own(frames[i].getStackTraceElement().toString()))
                    .append(CoreConstants.LINE_SEPARATOR);
        }
        if (tp.getCommonFrames() > 0) {
            out.append("\t... ").append(tp.getCommonFrames()).append(" common frames omitted")
                    .append(CoreConstants.LINE_SEPARATOR);
        }
        IThrowableProxy[] suppressed = tp.getSuppressed();
        if (suppressed != null) {
            for (IThrowableProxy s : suppressed) {
                write(out, s, "\tSuppressed: ", depth + 1);
            }
        }
        if (tp.getCause() != null) {
            write(out, tp.getCause(), "Caused by: ", depth + 1);
        }
    }
}
