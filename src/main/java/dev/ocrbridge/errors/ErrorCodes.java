package dev.ocrbridge.errors;

/**
 * Error codes ocrbridge refers to by name. Tencent's are spelled as Tencent spells them; the {@code Transport.*}
 * and {@code Envelope.*} codes are ocrbridge's own, for failures that never reached the API and so have no
 * Tencent code (a timeout, a refused connection, a gateway's 502, an answer that is not an envelope).
 */
public final class ErrorCodes {

    // Tencent, image level
    public static final String EMPTY_IMAGE = "FailedOperation.EmptyImageError";
    public static final String IMAGE_DECODE_FAILED = "FailedOperation.ImageDecodeFailed";
    public static final String ENGINE_IMAGE_DECODE_FAILED = "InvalidParameter.EngineImageDecodeFailed";
    public static final String IMAGE_SIZE_TOO_LARGE = "FailedOperation.ImageSizeTooLarge";
    public static final String TOO_LARGE_FILE = "LimitExceeded.TooLargeFileError";
    public static final String DOWNLOAD_ERROR = "FailedOperation.DownLoadError";
    public static final String UNKNOWN_ERROR = "FailedOperation.UnKnowError";
    public static final String OCR_FAILED = "FailedOperation.OcrFailed";
    public static final String IMAGE_NO_TEXT = "FailedOperation.ImageNoText";

    // Tencent, account and request level
    public static final String UN_OPEN = "FailedOperation.UnOpenError";
    public static final String CHARGE_STATUS = "ResourcesSoldOut.ChargeStatusException";
    public static final String ACTION_OFFLINE = "ActionOffline";
    public static final String INVALID_ACTION = "InvalidAction";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String REQUEST_LIMIT_EXCEEDED = "RequestLimitExceeded";
    public static final String SIGNATURE_FAILURE = "AuthFailure.SignatureFailure";

    // ocrbridge's own: the request never reached the API, or its answer could not be read
    public static final String TIMEOUT = "Transport.Timeout";
    public static final String CONNECTION_FAILED = "Transport.ConnectionFailed";
    /** Prefix of a gateway's non-200 status, for example {@code Transport.HttpStatus502}. */
    public static final String HTTP_STATUS_PREFIX = "Transport.HttpStatus";
    /**
     * The endpoint's TLS certificate or handshake was refused (untrusted or expired certificate, wrong host name):
     * a configuration condition, the same for every image, so it halts instead of being retried.
     */
    public static final String TLS_FAILED = "Transport.TlsFailed";
    public static final String UNREADABLE_ENVELOPE = "Envelope.Unreadable";
    /** A file the local intake cannot read at all (vanished, unreadable). */
    public static final String UNREADABLE_SOURCE = "Source.Unreadable";
    /**
     * A dropped file whose name cannot be taken as it is (a backslash, a control character, not UTF-8, too long,
     * Camel's marker suffix): dead-lettered under a generated name.
     */
    public static final String UNACCEPTABLE_NAME = "Source.UnacceptableName";
    /** An image URL the API could never download from (not http(s), no host, absurdly long): rejected unsent. */
    public static final String INVALID_IMAGE_URL = "Source.InvalidImageUrl";
    /**
     * A mail message with more attachments than {@code ocrbridge.mail.max-attachments}: the whole message is set
     * aside unread by recognition (nothing of it is downloaded or sent), and the sender is told, if replies are on.
     */
    public static final String TOO_MANY_ATTACHMENTS = "Source.TooManyAttachments";
    /**
     * A PDF whose pages cannot be rendered: broken, not a PDF past its header, protected by a password, or without a
     * page. Dead-lettered whole; none of its pages is sent.
     */
    public static final String UNREADABLE_PDF = "Source.UnreadablePdf";
    /** A PDF of more pages than {@code ocrbridge.pdf.max-pages}: dead-lettered whole, none of its pages sent. */
    public static final String TOO_MANY_PDF_PAGES = "Source.TooManyPdfPages";
    /** ocrbridge could not write a result, an error file or an original (disk full, permissions). */
    public static final String STORAGE_FAILED = "Storage.WriteFailed";
    /** No SecretId/SecretKey where a signature is needed. */
    public static final String MISSING_CREDENTIALS = "AuthFailure.MissingCredentials";
    /**
     * Cluster mode: the database that paces the account's requests across nodes did not give a turn, so nothing was
     * sent (sending without a turn could exceed the quota). Retried like a transport failure.
     */
    public static final String QUOTA_STORE_UNAVAILABLE = "Transport.QuotaStoreUnavailable";
    /** An intake server (SFTP, IMAP) refused the configured login: retrying would only risk a lockout. */
    public static final String LOGIN_REFUSED = "Transport.LoginRefused";
    /** A failure that carries no code of its own (a bug, an unexpected exception): dead-lettered for a person. */
    public static final String UNEXPECTED = "Internal.Unexpected";

    private ErrorCodes() {
    }
}
