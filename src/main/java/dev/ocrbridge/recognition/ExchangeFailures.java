package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrConstants;
import dev.ocrbridge.component.TencentOcrException;
import dev.ocrbridge.errors.Failures;
import dev.ocrbridge.errors.HaltRefusal;
import dev.ocrbridge.errors.OcrException;
import java.util.Optional;
import org.apache.camel.Exchange;

/** How an exchange failed, read the same way by the dispositions and by whoever writes the dead letter. */
public final class ExchangeFailures {

    private ExchangeFailures() {
    }

    /** The failure of the exchange, caught or not, as its error code and detail. */
    public static OcrException errorOf(Exchange exchange) {
        Throwable t = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // a refusal at send time, not the endpoint's summary of it: the handler tells it from a new halt
        return Failures.find(t, HaltRefusal.class).map(OcrException.class::cast).orElseGet(() -> Failures.classify(t));
    }

    /** The action that failed: the service's job, or the tencent-ocr endpoint's failure in an integrator's route. */
    public static Optional<OcrAction> actionOf(Exchange exchange, OcrException error) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        if (job != null) {
            return Optional.of(job.action());
        }
        return Failures.find(error, TencentOcrException.class).map(TencentOcrException::action)
                .or(() -> Optional.ofNullable(exchange.getMessage().getHeader(TencentOcrConstants.ACTION, String.class)))
                .flatMap(OcrAction::find);
    }
}
