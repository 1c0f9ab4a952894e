package dev.ocrbridge.recognition;

import dev.ocrbridge.component.TencentOcrConstants;

/**
 * Names of the exchange headers and properties the ocrbridge routes read and write: each fact has one name. What the
 * {@code tencent-ocr} endpoint answers (the action, the error code, the disposition, the RequestId) keeps the
 * component's {@code CamelTencentOcr*} name, which the service also sets for images it refuses before any call; the
 * rest are the service's own and start with {@code CamelOcrBridge}. Both start with {@code Camel}, so camel-http's
 * default header filter keeps them off the wire.
 */
public final class OcrHeaders {

    /**
     * The OCR action, as Tencent spells it ({@code RecognizeHealthCodeOCR}): the intake routes set it and the
     * recognition route goes by it; the endpoint sets it again on its answer.
     */
    public static final String ACTION = TencentOcrConstants.ACTION;
    /** Where the image came from: {@code file}, {@code mail} or {@code sftp}. */
    public static final String SOURCE_CHANNEL = "CamelOcrBridgeSourceChannel";
    /** The image's own name: file name or attachment name. It names the result and error files. */
    public static final String SOURCE_NAME = "CamelOcrBridgeSourceName";
    /** Where the image came from within its channel: a path, a Message-ID, a remote folder. */
    public static final String SOURCE_ORIGIN = "CamelOcrBridgeSourceOrigin";
    /**
     * The image's size in bytes when the body does not hold it: an intake that refused to download it (an
     * attachment known to be over the action's limit) sends an empty body and this header, a dropped file read
     * only up to the limit its first bytes; the image is then dead-lettered as
     * {@code LimitExceeded.TooLargeFileError} with no copy of the original (a dropped file itself is moved there
     * by its commit).
     */
    public static final String SOURCE_BYTES = "CamelOcrBridgeSourceBytes";
    /**
     * Set by the inbox sweep on a file whose name cannot be taken as it is: why, in a sentence that names no
     * file. Recognition refuses such a file at once as {@code Source.UnacceptableName}.
     */
    public static final String UNACCEPTABLE_NAME = "CamelOcrBridgeUnacceptableName";
    /** The error code of a failed recognition: the endpoint's, or the service's for an image refused before it. */
    public static final String ERROR_CODE = TencentOcrConstants.ERROR_CODE;
    /**
     * The disposition: what the error code calls for ({@code retry|reject|halt}) as the endpoint answers it, and
     * once the service has acted on it, what it did: {@code reject}, {@code retry-exhausted} or {@code halt}.
     */
    public static final String DISPOSITION = TencentOcrConstants.DISPOSITION;
    /**
     * Set by the recognition route: the outcome, {@code recognized|reused|dead-lettered|halted}, or {@code split} for
     * a PDF whose pages were placed in the inbox.
     */
    public static final String OUTCOME = "CamelOcrBridgeOutcome";
    /** The RequestId of the answer, when there is one. */
    public static final String REQUEST_ID = TencentOcrConstants.REQUEST_ID;

    /** Exchange property holding the {@code RecognitionJob} of the image in flight. */
    public static final String JOB_PROPERTY = "CamelOcrBridgeJob";

    private OcrHeaders() {
    }
}
