package dev.ocrbridge.component;

import org.apache.camel.spi.Metadata;

/** The headers a {@code tencent-ocr} endpoint sets on the message it answers. */
public final class TencentOcrConstants {

    @Metadata(label = "producer", description = "The RequestId of the API's answer, success or error: what Tencent"
            + " support asks for.", javaType = "String")
    public static final String REQUEST_ID = "CamelTencentOcrRequestId";

    @Metadata(label = "producer", description = "The action that was called, for example RecognizeHealthCodeOCR.",
            javaType = "String")
    public static final String ACTION = "CamelTencentOcrAction";

    @Metadata(label = "producer", description = "The region that was called.", javaType = "String")
    public static final String REGION = "CamelTencentOcrRegion";

    @Metadata(label = "producer", description = "How many times this exchange has called the action so far,"
            + " this call included: 1, then one more for each redelivery; 0 when the image was refused before any call"
            + " (the local pre-check).", javaType = "Integer")
    public static final String ATTEMPTS = "CamelTencentOcrAttempts";

    @Metadata(label = "producer", description = "On failure: the error code, Tencent's (for example"
            + " FailedOperation.ImageNoText) or ocrbridge's own for failures that never reached the API"
            + " (Transport.Timeout, Transport.HttpStatus502, Envelope.Unreadable) or that the local pre-check found.",
            javaType = "String")
    public static final String ERROR_CODE = "CamelTencentOcrErrorCode";

    @Metadata(label = "producer", description = "On failure: what the error code calls for, retry, reject or halt"
            + " (see the dispositions option).", javaType = "String")
    public static final String DISPOSITION = "CamelTencentOcrDisposition";

    @Metadata(label = "producer", description = "An http(s) URL of the image to recognize instead of the body:"
            + " the API downloads it itself (sent as ImageUrl, no upload, no local check of its bytes). A"
            + " java.net.URL or URI body means the same.", javaType = "String")
    public static final String IMAGE_URL = "CamelTencentOcrImageUrl";

    private TencentOcrConstants() {
    }
}
