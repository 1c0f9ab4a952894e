package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrConstants;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.DispositionPolicy;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import dev.ocrbridge.errors.HaltRefusal;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.outbox.Outbox;
import dev.ocrbridge.recognition.ExchangeFailures;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * Decides, per error code, what happens to an image whose recognition failed, and does it: the route configuration
 * {@link OcrDispositions} asks which clause applies ({@link #isHalt}, {@link #isRetry}) and calls it to act.
 *
 * <p>A rejected image, and a retried one whose attempts are used up, are sent to the dead-letter endpoint of their
 * disposition: {@code bean:ocrDeadLetters} (the folder layout) unless another URI is configured — a queue, a topic,
 * a table. The message sent there is the image's bytes with the headers {@code CamelTencentOcrErrorCode},
 * {@code CamelTencentOcrDisposition} ({@code reject} or {@code retry-exhausted}), {@code CamelTencentOcrRequestId}
 * and {@code CamelTencentOcrAction}. An endpoint that refuses it halts the action like any storage failure: the
 * image stays where it came from.
 */
public class DispositionHandler implements CamelContextAware {

    /** The default dead-letter endpoint: the product contract's folder layout ({@code DeadLetterFolder}). */
    public static final String DEAD_LETTER_FOLDER = "bean:ocrDeadLetters";

    private CamelContext camelContext;
    private volatile ProducerTemplate template;
    private DispositionPolicy policy = DispositionPolicy.defaultPolicy();
    private HaltSwitch haltSwitch;
    private OcrMetrics metrics;
    private String rejectedUri = DEAD_LETTER_FOLDER;
    private String retryExhaustedUri = DEAD_LETTER_FOLDER;

    public boolean isRetry(Exchange exchange) {
        return dispositionOf(exchange) == Disposition.RETRY;
    }

    public boolean isHalt(Exchange exchange) {
        return dispositionOf(exchange) == Disposition.HALT;
    }

    /** Halts the action's intake; the exchange stays failed so the original is put back where it came from. */
    public void halt(Exchange exchange) {
        halt(exchange, ExchangeFailures.errorOf(exchange));
    }

    private void halt(Exchange exchange, OcrException error) {
        Optional<OcrAction> action = ExchangeFailures.actionOf(exchange, error);
        action.ifPresent(a -> {
            // the failing route feeds the action, whatever its id or group: an integrator's own route included
            haltSwitch.fedBy(a, exchange.getFromRouteId());
            if (!(error instanceof HaltRefusal)) {
                // a refusal is the consequence of a halt, not news of one: raising it again could undo a resume
                haltSwitch.halt(a, error.code(), error.requestId());
            }
            if (metrics != null) {
                metrics.outcome(a, "halted", Disposition.HALT.wireName(), error.code());
            }
        });
        exchange.getMessage().setHeader(OcrHeaders.ERROR_CODE, error.code());
        exchange.getMessage().setHeader(OcrHeaders.DISPOSITION, Disposition.HALT.wireName());
        exchange.getMessage().setHeader(OcrHeaders.OUTCOME, "halted");
    }

    /** Sends the image to its disposition's dead-letter endpoint: at once for a reject, or when retries ran out. */
    public void deadLetter(Exchange exchange) {
        OcrException error = ExchangeFailures.errorOf(exchange);
        RecognitionJob job = RecognitionIntake.job(exchange);
        if (job != null) {
            job.attempted(exchange.getMessage().getHeader(TencentOcrConstants.ATTEMPTS, 0, Integer.class));
        }
        Disposition disposition = policy.dispositionOf(error.code());
        boolean exhausted = disposition == Disposition.RETRY;
        String dispositionName = exhausted ? "retry-exhausted" : disposition.wireName();
        Message message = exchange.getMessage();
        message.setHeader(OcrHeaders.ERROR_CODE, error.code());
        message.setHeader(OcrHeaders.DISPOSITION, dispositionName);
        message.setHeader(OcrHeaders.REQUEST_ID, error.requestId());
        Optional<OcrAction> action = ExchangeFailures.actionOf(exchange, error);
        action.ifPresent(a -> message.setHeader(OcrHeaders.ACTION, a.actionName()));
        // before the send: an asynchronous endpoint (seda) takes the exchange over with its completions, and the
        // source is settled from that copy once the dead letter is consumed
        message.setHeader(OcrHeaders.OUTCOME, "dead-lettered");
        Object body = message.getBody();
        Map<String, Object> headers = new HashMap<>(message.getHeaders());
        if (job != null) {
            // whatever the attempts left in the body, the dead letter is the image as it was read
            message.setBody(deadLetterBody(job));
        }
        template().send(exhausted ? retryExhaustedUri : rejectedUri, exchange);
        Exception refused = exchange.getException();
        if (refused != null) {
            exchange.setException(null);
            deliveryFailed(exchange, refused);
            return;
        }
        // an endpoint that answers (InOut) may have replaced the message: the intake still needs what it sent
        Message after = exchange.getMessage();
        headers.forEach(after.getHeaders()::putIfAbsent);
        after.setBody(body);
        if (metrics != null) {
            action.ifPresent(a -> metrics.outcome(a, "dead-lettered", dispositionName, error.code()));
        }
    }

    /**
     * Runs inside onException, whose own failure no clause catches: the source would be rolled back and taken again
     * at every poll. A dead letter that cannot be delivered halts the action like any storage failure.
     */
    private void deliveryFailed(Exchange exchange, Exception e) {
        OcrException failure = Failures.classify(e);
        if (!ErrorCodes.STORAGE_FAILED.equals(failure.code())) {
            failure = OcrException.local(ErrorCodes.STORAGE_FAILED,
                    "the dead letter could not be delivered (" + e.getClass().getSimpleName() + ")", e);
        }
        // no move on completion: the original stays where it came from, untouched
        exchange.getMessage().removeHeader(Outbox.DESTINATION_HEADER);
        halt(exchange, failure);
        // Not handled after all, and without throwing: an exception escaping onException is logged by Camel with
        // the previous one, whose message may be the API's. The error handler puts this caught exception back on
        // the exchange, which fails, so its source is rolled back.
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        exchange.getExchangeExtension().setErrorHandlerHandled(false);
    }

    private Disposition dispositionOf(Exchange exchange) {
        OcrException error = ExchangeFailures.errorOf(exchange);
        // an image refused because its action was halted goes back as halted, whatever its code's disposition
        return error instanceof HaltRefusal ? Disposition.HALT : policy.dispositionOf(error.code());
    }

    /**
     * The image as it was read, as bytes: a dead-letter endpoint may keep the body after the exchange is done (a
     * queue, a test's mock), when the spooled copy is gone. Read only here, for an image that failed for good.
     */
    private static Object deadLetterBody(RecognitionJob job) {
        try {
            return job.image().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                t = template;
                if (t == null) {
                    template = t = camelContext.createProducerTemplate();
                }
            }
        }
        return t;
    }

    /** Overrides of the default dispositions, e.g. {@code FailedOperation.OcrFailed=retry,InvalidParameterValue.*=halt}. */
    public void setDispositionOverrides(String overrides) {
        this.policy = DispositionPolicy.parse(overrides);
    }

    public DispositionPolicy policy() {
        return policy;
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }

    public HaltSwitch getHaltSwitch() {
        return haltSwitch;
    }

    public void setMetrics(OcrMetrics metrics) {
        this.metrics = metrics;
    }

    /** Where rejected images go; {@value #DEAD_LETTER_FOLDER} by default. */
    public void setRejectedUri(String rejectedUri) {
        this.rejectedUri = rejectedUri;
    }

    /** Where images go whose retries ran out; {@value #DEAD_LETTER_FOLDER} by default. */
    public void setRetryExhaustedUri(String retryExhaustedUri) {
        this.retryExhaustedUri = retryExhaustedUri;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
