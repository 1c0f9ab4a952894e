package dev.ocrbridge.recognition;

/**
 * Names of the exchange headers and properties the ocrbridge routes read and write. Headers start with
 * {@code CamelOcrBridge} so that camel-http's default header filter keeps them off the wire.
 */
public final class OcrHeaders {

    /** The OCR action to call: a Tencent action name ({@code RecognizeHealthCodeOCR}) or a document kind. */
    public static final String ACTION = "CamelOcrBridgeAction";
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
    /** Set by the recognition route: the error code of a failed recognition. */
    public static final String ERROR_CODE = "CamelOcrBridgeErrorCode";
    /** Set by the recognition route: the disposition taken, {@code retry|reject|halt}. */
    public static final String DISPOSITION = "CamelOcrBridgeDisposition";
    /** Set by the recognition route: the outcome, {@code recognized|reused|dead-lettered|halted}. */
    public static final String OUTCOME = "CamelOcrBridgeOutcome";
    /** Set by the recognition route: the RequestId of the answer, when there is one. */
    public static final String REQUEST_ID = "CamelOcrBridgeRequestId";

    /** Exchange property holding the {@code RecognitionJob} of the image in flight. */
    public static final String JOB_PROPERTY = "CamelOcrBridgeJob";

    private OcrHeaders() {
    }
}
