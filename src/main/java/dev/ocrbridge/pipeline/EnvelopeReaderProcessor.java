package dev.ocrbridge.pipeline;

import dev.ocrbridge.envelope.Envelope;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the HTTP answer: a non-200 status never reached the API ({@code Transport.HttpStatusNNN}); a
 * {@code Response.Error} becomes an {@link OcrException} carrying its code and RequestId; a success fills the
 * job's fields.
 */
public class EnvelopeReaderProcessor implements Processor {

    /** Exchange property: System.nanoTime() just before the request was sent. */
    public static final String SENT_AT = "CamelOcrBridgeSentAt";

    private OcrMetrics metrics;

    @Override
    public void process(Exchange exchange) throws Exception {
        RecognitionJob job = RecognitionIntake.job(exchange);
        Message message = exchange.getMessage();
        Long sentAt = exchange.getProperty(SENT_AT, Long.class);
        Duration latency = sentAt == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - sentAt);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        // Authorization, X-TC-Token and the answer's headers must not travel on to the caller's next endpoint
        message.removeHeaders("*", "Camel*");
        message.removeHeaders("CamelHttp*");
        try {
            if (status != 200) {
                throw OcrException.local(ErrorCodes.HTTP_STATUS_PREFIX + status,
                        "the endpoint answered HTTP " + status + " instead of an API envelope");
            }
            Envelope envelope = Envelope.read(message.getBody(byte[].class));
            job.recognized(envelope.requestId(), envelope.fields());
            message.setHeader(OcrHeaders.REQUEST_ID, envelope.requestId());
            metrics.apiCall(job.action(), latency, null);
        } catch (OcrException e) {
            metrics.apiCall(job.action(), latency, e.code());
            throw e;
        }
    }

    public void setMetrics(OcrMetrics metrics) {
        this.metrics = metrics;
    }
}
