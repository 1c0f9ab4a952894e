package dev.ocrbridge.client;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.envelope.Envelope;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.request.HashedImageFile;
import dev.ocrbridge.request.ImageBase64Body;
import dev.ocrbridge.request.ImageUrlBody;
import dev.ocrbridge.request.RequestBody;
import dev.ocrbridge.request.RequestOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OCR call, made the way the product contract draws it: the request body (streamed, never built whole), the
 * {@link Tc3SigningProcessor} over its hash, a camel-http producer that sends it, holding its last bytes until the
 * action's turn on the account's {@link RequestPacer}, then the envelope. A {@code RequestLimitExceeded} answer is
 * reported to the pacer, which adapts its rate.
 *
 * <p>The HTTP request travels in an exchange of its own: the caller's headers (a mail's subject, a file's name)
 * never become HTTP headers, and the signature, token and answer headers never flow back into the caller's route.
 */
public final class OcrCaller extends ServiceSupport implements OcrClient {

    /** A larger answer is not an envelope from the OCR API (the biggest carries a Base64 head photo). */
    public static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OcrCaller.class);
    /** A success envelope of the health-code action's shape, read once at start so the JSON reader is warm. */
    private static final byte[] WARM_UP_ANSWER = ("{\"Response\":{\"Name\":\"\",\"IDNumber\":\"\",\"Time\":\"\","
            + "\"Color\":\"\",\"RequestId\":\"00000000-0000-0000-0000-000000000000\"}}")
            .getBytes(StandardCharsets.US_ASCII);

    private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    private final CamelContext camelContext;
    private final String httpUri;
    private final OcrAction action;
    private final RequestOptions options;
    private final Tc3SigningProcessor signer;
    private final RequestPacer pacer;
    private final SendGate gate;
    private Producer http;
    private volatile CallObserver observer = CallObserver.NONE;
    private String proxyAuthorization;

    /**
     * @param httpUri a camel-http endpoint URI that answers with the status instead of throwing
     *                ({@code throwExceptionOnFailure=false}) and sends the signed Content-Type as it is
     *                ({@code contentTypeCharsetEnabled=false}); see {@link #httpUri(String, String)}
     */
    public OcrCaller(CamelContext camelContext, String httpUri, OcrAction action, RequestOptions options,
                     Tc3SigningProcessor signer, RequestPacer pacer) {
        this(camelContext, httpUri, action, options, signer, pacer, SendGate.OPEN);
    }

    /**
     * @param gate asked before each request's first byte and again when its turn comes, before its last bytes: a
     *             halted action sends nothing more (see {@link SendGate})
     */
    public OcrCaller(CamelContext camelContext, String httpUri, OcrAction action, RequestOptions options,
                     Tc3SigningProcessor signer, RequestPacer pacer, SendGate gate) {
        this.gate = java.util.Objects.requireNonNull(gate, "gate");
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
    @Override
    public Envelope call(byte[] image) throws InterruptedException {
        return call(ImageBase64Body.of(action, image, options));
    }

    /**
     * Recognizes the image in a file (already checked by the caller), streamed from it for the payload hash and
     * again for the send: the image is never loaded into memory. The file must not change while the call runs (a
     * change fails the call rather than send bytes nobody checked).
     *
     * @throws OcrException as {@link #call(byte[])}; {@code Source.Unreadable} when the file cannot be read
     */
    @Override
    public Envelope call(Path image) throws InterruptedException {
        return callFile(() -> ImageBase64Body.of(action, image, options));
    }

    /**
     * {@link #call(Path)} signed from the hash taken as the file was written, while the file is as it was then: the
     * file is read once, to be sent.
     */
    @Override
    public Envelope call(HashedImageFile image) throws InterruptedException {
        return callFile(() -> ImageBase64Body.of(action, image, options));
    }

    /** A call over an image file's body, made here: a file that cannot be read is the source's fault. */
    private Envelope callFile(Supplier<ImageBase64Body> fileBody) throws InterruptedException {
        ImageBase64Body body;
        try {
            body = fileBody.get();
        } catch (UncheckedIOException e) {
            throw OcrException.local(ErrorCodes.UNREADABLE_SOURCE,
                    "the image could not be read (" + e.getCause().getClass().getSimpleName() + ")", e);
        }
        return call(body);
    }

    /**
     * Recognizes the image behind a URL: the API downloads it (an image in object storage costs no upload). Nothing
     * is checked locally but the URL's shape: the API judges the image and answers its codes
     * ({@code FailedOperation.DownLoadError} when it cannot fetch it).
     *
     * @throws OcrException as {@link #call(byte[])}
     */
    @Override
    public Envelope call(URI imageUrl) throws InterruptedException {
        return call(ImageUrlBody.of(action, imageUrl, options));
    }

    private Envelope call(RequestBody body) throws InterruptedException {
        CallTiming timing = new CallTiming(observer);
        try {
            Envelope envelope = send(body, timing);
            timing.finished(null);
            return envelope;
        } catch (OcrException e) {
            timing.finished(e.code());
            throw e;
        }
    }

    private Envelope send(RequestBody body, CallTiming timing) throws InterruptedException {
        Exchange call = new DefaultExchange(camelContext);
        gate.checkOpen();
        RequestPacer.Turn turn = pacer.reserve();
        try {
            gate.checkOpen(); // a halt may have come while this request waited for a place on the wire
            call.getMessage().setBody(body);
            call.getMessage().setHeader(Tc3SigningProcessor.X_TC_ACTION, action.actionName());
            if (proxyAuthorization != null) {
                call.getMessage().setHeader(PROXY_AUTHORIZATION, proxyAuthorization);
            }
            try {
                signer.process(call);
            } catch (OcrException e) {
                throw e;
            } catch (Exception e) {
                throw OcrException.local(ErrorCodes.UNEXPECTED, "the request could not be signed ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            // streamed out by camel-http; the turn is taken right before the last bytes leave, and the gate is asked
            // once more then (PacedBodyEntity)
            call.getMessage().setBody(new PacedBodyEntity(body,
                    call.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), turn, gate)
                    .reportingWait(timing::waited));
            try {
                timing.sending();
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
            Envelope envelope = Envelope.read(answerBytes(call));
            turn.admitted();
            return envelope;
        } catch (OcrException e) {
            if (e.requestId() != null && e.code().startsWith(ErrorCodes.REQUEST_LIMIT_EXCEEDED)) {
                // someone else uses the account's quota too: the pacer slows down to the share the answer leaves
                turn.limitExceeded(RequestLimitCount.of(e.detail()));
            } else if (e.requestId() != null) {
                turn.admitted();
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

    @Override
    public OcrAction action() {
        return action;
    }

    public RequestPacer pacer() {
        return pacer;
    }

    public Tc3SigningProcessor signer() {
        return signer;
    }

    /**
     * Basic credentials for the HTTP proxy in front of a plain-http endpoint, sent with every request rather than
     * after the proxy's 407: the request's body is streamed once, at its turn in the quota, and cannot be sent again.
     * Never for an https endpoint, whose requests travel inside the proxy's tunnel to the endpoint itself (the tunnel
     * is opened with camel-http's proxy credentials). Set before the caller starts.
     */
    public void setProxyCredentials(String username, String password) {
        proxyAuthorization = username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (username + ':' + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Who measures the calls (the component's meters); none by default. Set before the caller starts. */
    public void setObserver(CallObserver observer) {
        this.observer = observer == null ? CallObserver.NONE : observer;
    }

    @Override
    protected void doStart() throws Exception {
        http = camelContext.getEndpoint(httpUri).createProducer();
        ServiceHelper.startService(http);
        warmUp();
    }

    /**
     * Runs the call path once without sending, while the context starts and before any intake takes an image: the
     * body's two passes, the signature, the camel-http entity and the envelope reader load their classes and
     * first-use state here, not in the first image's request. A cold first request reaches its turn late and its
     * quota slot is lost (arrivals are spaced from the previous one's actual release, so lateness costs rate, never
     * a burst). Issue 13 counted ~0.5 s lost at start-up, cold JVM and the old cold-start allowance together.
     */
    void warmUp() {
        byte[] tiny = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        ImageBase64Body body = ImageBase64Body.of(action, tiny, options);
        Exchange call = new DefaultExchange(camelContext);
        call.getMessage().setBody(body);
        call.getMessage().setHeader(Tc3SigningProcessor.X_TC_ACTION, action.actionName());
        try {
            signer.process(call);
            PacedBodyEntity entity = new PacedBodyEntity(body,
                    call.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), null, SendGate.OPEN);
            entity.writeTo(OutputStream.nullOutputStream());
            Envelope.read(WARM_UP_ANSWER);
        } catch (Exception e) {
            // only a warm-up: whatever fails here fails again, reported, on the first real call
            LOG.debug("{}: warm-up of the call path failed ({})", action, e.getClass().getSimpleName());
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(http);
        http = null;
    }
}
