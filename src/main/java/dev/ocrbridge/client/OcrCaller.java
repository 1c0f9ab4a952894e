package dev.ocrbridge.client;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.envelope.Envelope;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.request.ImageBase64Body;
import dev.ocrbridge.request.RequestOptions;
import java.io.InputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * One OCR call, made the way the product contract draws it: the request body (streamed, never built whole), the
 * {@link Tc3SigningProcessor} over its hash, a camel-http producer that sends it, holding its last bytes until the
 * action's turn on the account's {@link RequestPacer}, then the envelope. A {@code RequestLimitExceeded} answer is
 * reported to the pacer, which adapts its rate.
 *
 * <p>The HTTP request travels in an exchange of its own: the caller's headers (a mail's subject, a file's name)
 * never become HTTP headers, and the signature, token and answer headers never flow back into the caller's route.
 */
public final class OcrCaller extends ServiceSupport {

    /** A larger answer is not an envelope from the OCR API (the biggest carries a Base64 head photo). */
    public static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    private final CamelContext camelContext;
    private final String httpUri;
    private final OcrAction action;
    private final RequestOptions options;
    private final Tc3SigningProcessor signer;
    private final RequestPacer pacer;
    private Producer http;

    /**
     * @param httpUri a camel-http endpoint URI that answers with the status instead of throwing
     *                ({@code throwExceptionOnFailure=false}) and sends the signed Content-Type as it is
     *                ({@code contentTypeCharsetEnabled=false}); see {@link #httpUri(String, String)}
     */
    public OcrCaller(CamelContext camelContext, String httpUri, OcrAction action, RequestOptions options,
                     Tc3SigningProcessor signer, RequestPacer pacer) {
        this.camelContext = camelContext;
        this.httpUri = httpUri;
        this.action = action;
        this.options = options;
        this.signer = signer;
        this.pacer = pacer;
    }

    /**
     * The camel-http URI for an OCR endpoint URL: the status is read here rather than thrown, the Content-Type goes
     * out exactly as signed, the answer's headers are not copied (the envelope says everything).
     */
    public static String httpUri(String endpointUrl, String extraOptions) {
        String base = endpointUrl.trim();
        StringBuilder uri = new StringBuilder(base).append(base.contains("?") ? '&' : '?')
                .append("throwExceptionOnFailure=false&contentTypeCharsetEnabled=false&skipResponseHeaders=true");
        if (extraOptions != null && !extraOptions.isBlank()) {
            uri.append('&').append(extraOptions);
        }
        return uri.toString();
    }

    /**
     * Recognizes one image (already checked by the caller).
     *
     * @return the envelope of a successful answer
     * @throws OcrException with Tencent's code and RequestId, or ocrbridge's {@code Transport.*} /
     *                      {@code Envelope.*} code when the API was not reached or its answer was not an envelope
     */
    public Envelope call(byte[] image) throws InterruptedException {
        Exchange call = new DefaultExchange(camelContext);
        ImageBase64Body body = ImageBase64Body.of(action, image, options);
        RequestPacer.Turn turn = pacer.reserve();
        try {
            call.getMessage().setBody(body);
            call.getMessage().setHeader(Tc3SigningProcessor.X_TC_ACTION, action.actionName());
            try {
                signer.process(call);
            } catch (OcrException e) {
                throw e;
            } catch (Exception e) {
                throw OcrException.local(ErrorCodes.UNEXPECTED, "the request could not be signed ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            // streamed out by camel-http; the turn is taken right before the last bytes leave (PacedBodyEntity)
            call.getMessage().setBody(new PacedBodyEntity(body,
                    call.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), turn));
            try {
                http.process(call);
            } catch (Exception e) {
                throw Failures.classify(e);
            }
        } finally {
            turn.close(); // a request that failed before its turn gives its place back
        }
        if (call.getException() != null) {
            throw Failures.classify(call.getException());
        }
        int status = call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 200) {
            throw OcrException.local(ErrorCodes.HTTP_STATUS_PREFIX + status,
                    "the endpoint answered HTTP " + status + " instead of an API envelope");
        }
        try {
            return Envelope.read(answerBytes(call));
        } catch (OcrException e) {
            if (e.requestId() != null && e.code().startsWith(ErrorCodes.REQUEST_LIMIT_EXCEEDED)) {
                // someone else uses the account's quota too: the pacer slows down (and recovers by itself)
                turn.limitExceeded();
            }
            throw e;
        }
    }

    private static byte[] answerBytes(Exchange call) {
        Object body = call.getMessage().getBody();
        try {
            if (body instanceof InputStream in) {
                try (in) {
                    byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
                    if (bytes.length > MAX_ANSWER_BYTES) {
                        throw OcrException.local(ErrorCodes.UNREADABLE_ENVELOPE,
                                "the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
                    }
                    return bytes;
                }
            }
            return call.getMessage().getBody(byte[].class);
        } catch (OcrException e) {
            throw e;
        } catch (Exception e) {
            throw Failures.classify(e);
        }
    }

    public OcrAction action() {
        return action;
    }

    public RequestPacer pacer() {
        return pacer;
    }

    public Tc3SigningProcessor signer() {
        return signer;
    }

    @Override
    protected void doStart() throws Exception {
        http = camelContext.getEndpoint(httpUri).createProducer();
        ServiceHelper.startService(http);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(http);
        http = null;
    }
}
