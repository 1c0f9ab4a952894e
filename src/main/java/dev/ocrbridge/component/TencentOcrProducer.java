package dev.ocrbridge.component;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.envelope.Envelope;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import dev.ocrbridge.errors.HaltRefusal;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.request.ExifOrientation;
import dev.ocrbridge.request.HashedImageFile;
import dev.ocrbridge.request.ImagePreCheck;
import dev.ocrbridge.request.ImageUrlBody;
import dev.ocrbridge.request.UprightJpeg;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the image in the body to the endpoint's action and puts the action's output fields in its place, as a
 * {@code Map} keyed by Tencent's field names (camel-jackson marshals it as Tencent names them). Any failure is one
 * {@link TencentOcrException}.
 *
 * <p>The body may be anything Camel converts to an {@link InputStream}: {@code byte[]}, an {@code InputStream}, a
 * {@code File}, a file or FTP consumer's {@code GenericFile}, a mail attachment's {@code DataHandler}. It is read
 * only up to what {@code maxBase64Bytes} allows. A local file ({@code File}, {@code Path}, a file consumer's
 * {@code GenericFile}) is not read into memory at all: the request streams from it.
 */
public class TencentOcrProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(TencentOcrProducer.class);
    /** Exchange property: the image this exchange sends, as turned upright by its EXIF (see {@link #upright}). */
    private static final String UPRIGHT_PROPERTY = "CamelTencentOcrUprightImage";

    private TencentOcrProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    public TencentOcrProducer(TencentOcrEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public TencentOcrEndpoint getEndpoint() {
        return (TencentOcrEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        TencentOcrEndpoint endpoint = getEndpoint();
        OcrAction action = endpoint.action();
        Message message = exchange.getMessage();
        // the calls made so far: a request refused here, before any call, is not an attempt
        int calls = exchange.getProperty(TencentOcrConstants.ATTEMPTS, 0, Integer.class);
        message.setHeader(TencentOcrConstants.ACTION, action.actionName());
        message.setHeader(TencentOcrConstants.REGION, endpoint.region());
        message.setHeader(TencentOcrConstants.ATTEMPTS, calls);
        // what an earlier attempt left must not describe this one
        message.removeHeaders("CamelTencentOcr(RequestId|ErrorCode|Disposition)");

        URI imageUrl;
        try {
            imageUrl = imageUrlOf(message);
        } catch (IllegalArgumentException e) {
            throw failed(message, OcrException.local(ErrorCodes.INVALID_IMAGE_URL, e.getMessage()), false, calls);
        }
        if (imageUrl != null) {
            respond(exchange, endpoint, () -> endpoint.client().call(imageUrl), calls + 1);
            return;
        }
        long maxBase64Bytes = endpoint.getConfiguration().getMaxBase64Bytes();
        Path file = fileOf(message.getBody());
        byte[] image = null;
        try {
            if (file != null) {
                checkFile(action, file, maxBase64Bytes, endpoint.getConfiguration().isPreCheck());
            } else {
                image = readImage(message, maxBase64Bytes);
                if (endpoint.getConfiguration().isPreCheck()) {
                    ImagePreCheck.check(action, image, maxBase64Bytes);
                }
            }
        } catch (OcrException e) {
            throw failed(message, e, false, calls);
        }
        byte[] upright = endpoint.getConfiguration().isApplyExifOrientation()
                ? upright(exchange, file, image, maxBase64Bytes) : null;
        byte[] bytes = upright != null ? upright : image;
        Object body = message.getBody();
        respond(exchange, endpoint, () -> upright != null || file == null ? endpoint.client().call(bytes)
                : body instanceof HashedImageFile hashed ? endpoint.client().call(hashed)
                : endpoint.client().call(file), calls + 1);
    }

    /** What the image was turned into, kept so that a redelivery of the same image does not decode it again. */
    private record Upright(Object source, byte[] turned) {
    }

    /** {@link #uprightOrNull}, once per image and exchange: a retry re-signs and re-sends, it does not turn again. */
    private static byte[] upright(Exchange exchange, Path file, byte[] image, long maxBase64Bytes) {
        Object source = file != null ? file : image;
        Upright known = exchange.getProperty(UPRIGHT_PROPERTY, Upright.class);
        if (known != null && (file != null ? file.equals(known.source()) : known.source() == image)) {
            return known.turned();
        }
        byte[] turned = uprightOrNull(file, image, maxBase64Bytes);
        exchange.setProperty(UPRIGHT_PROPERTY, new Upright(source, turned));
        return turned;
    }

    /**
     * The image turned upright when it is a JPEG whose EXIF says it is stored turned; null (send it as it is) for
     * any other. Only the head of a file is read unless it must be turned. The message body is left as it came: what
     * a route archives or hashes is the original.
     */
    static byte[] uprightOrNull(Path file, byte[] image, long maxBase64Bytes) {
        try {
            if (file == null) {
                return image != null && ExifOrientation.of(image) != ExifOrientation.UPRIGHT
                        ? UprightJpeg.turned(image, maxBase64Bytes) : null;
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(ExifOrientation.HEAD_BYTES);
            }
            if (ExifOrientation.of(head) == ExifOrientation.UPRIGHT) {
                return null;
            }
            return UprightJpeg.turned(Files.readAllBytes(file), maxBase64Bytes);
        } catch (IOException e) {
            return null; // the call reads the file itself and reports what is wrong with it
        }
    }

    /** One call of the endpoint's action. */
    @FunctionalInterface
    private interface Call {
        Envelope send() throws InterruptedException;
    }

    /** Makes the call and puts its fields in the body, or fails the exchange with its one exception. */
    private void respond(Exchange exchange, TencentOcrEndpoint endpoint, Call call, int attempt) {
        exchange.setProperty(TencentOcrConstants.ATTEMPTS, attempt);
        Message message = exchange.getMessage();
        message.setHeader(TencentOcrConstants.ATTEMPTS, attempt);
        Envelope envelope;
        try {
            envelope = call.send();
        } catch (HaltRefusal e) {
            throw failed(message, e, false, attempt);
        } catch (OcrException e) {
            throw failed(message, e, !isOwnCode(e.code()), attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(message, Failures.classify(e), false, attempt);
        }
        message.setBody(endpoint.getConfiguration().isMaskIdNumber()
                ? IdNumberMask.apply(endpoint.action(), envelope.fields()) : envelope.fields());
        message.setHeader(TencentOcrConstants.REQUEST_ID, envelope.requestId());
    }

    /**
     * The image's URL, when the message names one instead of carrying the image: the {@link
     * TencentOcrConstants#IMAGE_URL} header, or a {@code URL}/{@code URI} body.
     *
     * @throws IllegalArgumentException when it is not a URL the API could download from
     */
    static URI imageUrlOf(Message message) {
        Object named = message.getHeader(TencentOcrConstants.IMAGE_URL);
        if (named == null && (message.getBody() instanceof URL || message.getBody() instanceof URI)) {
            named = message.getBody();
        }
        if (named == null) {
            return null;
        }
        try {
            URI uri = named instanceof URL url ? url.toURI() : named instanceof URI u ? u : new URI(named.toString().trim());
            return ImageUrlBody.check(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the image URL is not a URL");
        }
    }

    private TencentOcrException failed(Message message, OcrException error, boolean fromApi, int attempt) {
        // a request refused because its action is halted goes back as halted, whatever its code's disposition says
        Disposition disposition = error instanceof HaltRefusal ? Disposition.HALT
                : getEndpoint().dispositionPolicy().dispositionOf(error.code());
        TencentOcrException failure = new TencentOcrException(getEndpoint().action().actionName(), error, fromApi,
                disposition, attempt);
        message.setHeader(TencentOcrConstants.ERROR_CODE, error.code());
        message.setHeader(TencentOcrConstants.DISPOSITION, disposition.wireName());
        if (error.requestId() != null) {
            message.setHeader(TencentOcrConstants.REQUEST_ID, error.requestId());
        }
        if (disposition == Disposition.HALT && getEndpoint().state().halted(error.code(), error.requestId())) {
            // once per halt, codes and ids only: what was sent and the API's message stay out of the log
            LOG.warn("{} halted on {} (RequestId {}): nothing more of it is sent from this context until it is"
                    + " resumed: {}", getEndpoint().action().actionName(), error.code(),
                    error.requestId() != null ? error.requestId() : "none",
                    getEndpoint().getComponent().resumeHint(getEndpoint().action()));
        }
        return failure;
    }

    /** ocrbridge's own codes, raised for failures that never reached the API or whose answer was not an envelope. */
    static boolean isOwnCode(String code) {
        return code.startsWith("Transport.") || code.startsWith("Envelope.") || code.startsWith("Internal.")
                || code.startsWith("Source.") || code.equals(ErrorCodes.MISSING_CREDENTIALS);
    }

    /**
     * The local file a body names (a {@code File}, a {@code Path}, a file consumer's {@code GenericFile} or any
     * {@code WrappedFile} of a {@code File}): such an image is streamed from its file on every attempt, never loaded,
     * so a request in flight costs no heap of the image's size. Null for any other body.
     */
    static Path fileOf(Object body) {
        if (body instanceof File f) {
            return f.toPath();
        }
        if (body instanceof Path p) {
            return p;
        }
        // camel-file's GenericFile (a file or FTP consumer's body) through camel-api's interface of it: the component
        // needs no camel-file on the class path
        if (body instanceof WrappedFile<?> g && g.getBody() instanceof File f) {
            return f.toPath();
        }
        return null;
    }

    /** The checks of {@link #readImage} and the pre-check, over a file: its size, and its structure when asked. */
    private static void checkFile(OcrAction action, Path file, long maxBase64Bytes, boolean preCheck) {
        try {
            if (preCheck) {
                ImagePreCheck.check(action, file, maxBase64Bytes);
            } else if (ImagePreCheck.base64Length(Files.size(file)) > maxBase64Bytes) {
                throw tooLarge(maxBase64Bytes);
            }
        } catch (IOException | InternalError e) {
            // InternalError: the mapped file was cut short by someone else while it was checked
            throw OcrException.local(ErrorCodes.UNREADABLE_SOURCE,
                    "the image could not be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The image bytes, read at most one byte past what {@code maxBase64Bytes} allows, so a huge or endless input
     * costs no more memory than the largest acceptable image.
     */
    static byte[] readImage(Message message, long maxBase64Bytes) {
        long maxBytes = Math.min(Integer.MAX_VALUE - 16L, maxBase64Bytes / 4 * 3);
        Object body = message.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBase64Bytes);
            }
            return bytes;
        }
        InputStream in;
        try {
            in = message.getMandatoryBody(InputStream.class);
        } catch (InvalidPayloadException e) {
            throw OcrException.local(ErrorCodes.UNREADABLE_SOURCE,
                    "the body (" + body.getClass().getSimpleName() + ") is not an image Camel can read", e);
        }
        try {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBase64Bytes);
            }
            if (in instanceof StreamCache cache) {
                cache.reset(); // a redelivery or a later step reads it again
            } else if (body instanceof InputStream) {
                // a one-time stream is spent: keep the bytes so a redelivery sends the same image
                message.setBody(bytes);
            }
            return bytes;
        } catch (IOException e) {
            throw OcrException.local(ErrorCodes.UNREADABLE_SOURCE,
                    "the image could not be read (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (!(in instanceof StreamCache) && !(body instanceof InputStream)) {
                closeQuietly(in); // a stream opened here by conversion (a file's, an attachment's)
            }
        }
    }

    private static OcrException tooLarge(long maxBase64Bytes) {
        return OcrException.local(ErrorCodes.TOO_LARGE_FILE,
                "the image is larger than " + maxBase64Bytes + " bytes as Base64, the configured limit");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // health checks are optional: only when camel-health is there
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new TencentOcrProducerHealthCheck(getEndpoint(), getEndpoint().getId());
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }
}
