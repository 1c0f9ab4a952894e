package dev.ocrbridge.outbox;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognition.ExchangeFailures;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import dev.ocrbridge.recognition.SafeNames;
import dev.ocrbridge.signing.Tc3Signer;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The default dead-letter channel: the folder layout of the product contract. The original goes to
 * {@code dead-letter/<doc>/<Code>/<name>} with {@code <name>.error.json} beside it. It is the endpoint
 * {@code bean:ocrDeadLetters} that the dispositions ({@code OcrDispositions}) send rejected and exhausted images to
 * unless another endpoint URI is configured.
 *
 * <p>An image of the service's own intake carries its {@link RecognitionJob}; an image from an integrator's route is
 * the message the {@code tencent-ocr} endpoint was given, and is described from it (name from {@code CamelFileName},
 * action from the failure).
 */
public class DeadLetterFolder implements Processor {

    private Outbox outbox;
    private Clock clock = Clock.systemUTC();

    @Override
    public void process(Exchange exchange) {
        OcrException error = ExchangeFailures.errorOf(exchange);
        RecognitionJob job = RecognitionIntake.job(exchange);
        if (job == null) {
            job = describe(exchange, error);
        }
        String disposition = exchange.getMessage().getHeader(OcrHeaders.DISPOSITION, "reject", String.class);
        Path dir = outbox.folders().deadLetter(job.action(), error.code());
        String originalName = outbox.placeOriginal(exchange, job, dir);
        outbox.writeCreated(exchange, dir.resolve(originalName + ".error.json"),
                ResultDocuments.bytes(ResultDocuments.error(job, error, disposition, clock.instant())));
    }

    /** A job for a message of an integrator's route: what the tencent-ocr endpoint was given. */
    private static RecognitionJob describe(Exchange exchange, OcrException error) {
        Message in = exchange.getMessage();
        OcrAction action = ExchangeFailures.actionOf(exchange, error)
                .orElseThrow(() -> new IllegalStateException("no tencent-ocr action failed on this exchange"));
        byte[] image = in.getBody(byte[].class);
        if (image == null) {
            image = new byte[0];
        }
        String name = SafeNames.safe(in.getHeader(Exchange.FILE_NAME_ONLY, in.getHeader(Exchange.FILE_NAME,
                String.class), String.class));
        String channel = exchange.getFromEndpoint() == null ? "route"
                : exchange.getFromEndpoint().getEndpointUri().replaceFirst(":.*", "");
        return new RecognitionJob(action, new RecognitionJob.Source(channel, name,
                Tc3Signer.sha256Hex(image, 0, image.length), image.length, exchange.getFromRouteId()), image);
    }

    public void setOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
