package dev.ocrbridge.operations;

import dev.ocrbridge.component.TencentOcrConstants;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.outbox.ResultWriter;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import org.apache.camel.Exchange;

/**
 * Decides, per error code, what happens to an image whose recognition failed; the route configuration's
 * {@code onException} clauses ask it which clause applies ({@code isRetry}, {@code isHalt}) and call it to act.
 */
public class DispositionHandler {


    private OcrSettings settings;
    private ResultWriter results;
    private HaltSwitch haltSwitch;
    private OcrMetrics metrics;

    public boolean isRetry(Exchange exchange) {
        return dispositionOf(exchange) == Disposition.RETRY;
    }

    public boolean isHalt(Exchange exchange) {
        return dispositionOf(exchange) == Disposition.HALT;
    }

    /** Halts the action's intake; the exchange stays failed so the original is put back where it came from. */
    public void halt(Exchange exchange) {
        halt(exchange, errorOf(exchange));
    }

    private void halt(Exchange exchange, OcrException error) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        if (job != null) {
            haltSwitch.halt(job.action(), error.code(), error.requestId());
            metrics.outcome(job.action(), "halted", Disposition.HALT.wireName(), error.code());
        }
        exchange.getMessage().setHeader(OcrHeaders.ERROR_CODE, error.code());
        exchange.getMessage().setHeader(OcrHeaders.DISPOSITION, Disposition.HALT.wireName());
        exchange.getMessage().setHeader(OcrHeaders.OUTCOME, "halted");
    }

    /** Dead-letters the image: at once for a reject, or when a retry's attempts are used up. */
    public void deadLetter(Exchange exchange) {
        OcrException error = errorOf(exchange);
        RecognitionJob job = RecognitionIntake.job(exchange);
        if (job != null) {
            job.attempted(exchange.getMessage().getHeader(TencentOcrConstants.ATTEMPTS, 0, Integer.class));
        }
        Disposition disposition = settings.dispositionPolicy().dispositionOf(error.code());
        exchange.getMessage().setHeader(OcrHeaders.DISPOSITION, disposition.wireName());
        try {
            results.writeDeadLetter(exchange, error, disposition, disposition == Disposition.RETRY);
        } catch (RuntimeException e) {
            // Runs inside onException, whose own failure no clause catches: the source would be rolled back and
            // taken again at every poll. A record that cannot be written halts the action like any storage failure.
            OcrException failure = Failures.classify(e);
            if (!ErrorCodes.STORAGE_FAILED.equals(failure.code())) {
                failure = OcrException.local(ErrorCodes.STORAGE_FAILED,
                        "the dead-letter record could not be written (" + e.getClass().getSimpleName() + ")", e);
            }
            // no move on completion: the original stays where it came from, untouched
            exchange.getMessage().removeHeader(ResultWriter.DESTINATION_HEADER);
            halt(exchange, failure);
            // Not handled after all, and without throwing: an exception escaping onException is logged by Camel
            // with the previous one, whose message may be the API's. The error handler puts this caught exception
            // back on the exchange, which fails, so its source is rolled back.
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
            exchange.getExchangeExtension().setErrorHandlerHandled(false);
        }
    }

    private Disposition dispositionOf(Exchange exchange) {
        if (RecognitionIntake.job(exchange) == null) {
            // nothing was read yet (the message had no usable body): there is no image to dead-letter
            return Disposition.HALT;
        }
        return settings.dispositionPolicy().dispositionOf(errorOf(exchange).code());
    }

    static OcrException errorOf(Exchange exchange) {
        Throwable t = exchange.getException();
        if (t == null) {
            t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return Failures.classify(t);
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setResults(ResultWriter results) {
        this.results = results;
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }

    public void setMetrics(OcrMetrics metrics) {
        this.metrics = metrics;
    }
}
