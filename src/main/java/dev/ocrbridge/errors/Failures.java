package dev.ocrbridge.errors;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The one walk down a cause chain that gives any failure its stable error code. */
public final class Failures {

    private Failures() {
    }

    /**
     * OCR errors keep their code wherever they sit in the chain; a refused TLS certificate is
     * {@code Transport.TlsFailed}; a timeout anywhere is {@code Transport.Timeout}; any other I/O failure is
     * {@code Transport.ConnectionFailed}; the rest is {@code Internal.Unexpected}. The messages name exception
     * classes only: an exception's own message may carry a URL, a file name or worse.
     */
    public static OcrException classify(Throwable t) {
        Optional<OcrException> ocr = find(t, OcrException.class);
        if (ocr.isPresent()) {
            return ocr.get();
        }
        if (isTlsRefusal(t)) {
            return OcrException.local(ErrorCodes.TLS_FAILED, "the endpoint's TLS certificate or handshake was refused", t);
        }
        Optional<IOException> timeout = find(t, SocketTimeoutException.class).map(IOException.class::cast)
                .or(() -> find(t, InterruptedIOException.class));
        if (timeout.isPresent()) {
            return OcrException.local(ErrorCodes.TIMEOUT,
                    "no answer in time (" + timeout.get().getClass().getSimpleName() + ")", t);
        }
        Optional<IOException> io = find(t, IOException.class);
        if (io.isPresent()) {
            return OcrException.local(ErrorCodes.CONNECTION_FAILED,
                    "the connection failed (" + io.get().getClass().getSimpleName() + ")", t);
        }
        return OcrException.local(ErrorCodes.UNEXPECTED, t == null ? "unknown failure" : t.getClass().getName(), t);
    }

    /** The first throwable of a type in the chain, the throwable itself included (a cyclic chain ends the walk). */
    public static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < 64; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }

    /**
     * A certificate the JVM does not trust, or a handshake the peer refused, is the same for every image: a
     * configuration condition. A handshake cut off by the network (EOF, reset) is not: that stays a transient
     * connection failure.
     */
    private static boolean isTlsRefusal(Throwable t) {
        boolean handshake = false;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException
                    || c instanceof CertPathBuilderException || c instanceof SSLPeerUnverifiedException) {
                return true;
            }
            if (c instanceof EOFException || c instanceof SocketException) {
                return false;
            }
            handshake |= c instanceof SSLHandshakeException;
        }
        return handshake;
    }
}
