package dev.ocrbridge.actions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The action catalog: everything ocrbridge knows about each Tencent OCR action, taken from the API specs in
 * {@code shared/seeds}. Every other class reads these facts from here instead of repeating them.
 */
public enum OcrAction {

    /** Chinese provincial health-code screenshots. */
    RECOGNIZE_HEALTH_CODE_OCR(
            "RecognizeHealthCodeOCR",
            "health-code",
            List.of("ap-beijing", "ap-guangzhou", "ap-hongkong", "ap-shanghai", "na-toronto"),
            "ap-guangzhou",
            10,
            List.of(Parameter.IMAGE_BASE64, Parameter.IMAGE_URL, Parameter.TYPE),
            List.of("Name", "IDNumber", "Time", "Color", "TestingInterval", "TestingResult", "TestingTime",
                    "Vaccination", "SpotName", "VaccinationTime"),
            "FailedOperation.ImageDecodeFailed",
            List.of("FailedOperation.DownLoadError", "FailedOperation.EmptyImageError",
                    "FailedOperation.ImageDecodeFailed", "FailedOperation.ImageNoText",
                    "FailedOperation.ImageSizeTooLarge", "FailedOperation.OcrFailed", "FailedOperation.UnKnowError",
                    "FailedOperation.UnOpenError", "InvalidParameterValue.InvalidParameterValueLimit",
                    "LimitExceeded.TooLargeFileError", "ResourcesSoldOut.ChargeStatusException")),

    /** Korean resident registration cards. */
    RECOGNIZE_KOREAN_ID_CARD_OCR(
            "RecognizeKoreanIDCardOCR",
            "korean-id-card",
            List.of("ap-singapore"),
            "ap-singapore",
            20,
            List.of(Parameter.IMAGE_BASE64, Parameter.IMAGE_URL, Parameter.RETURN_HEAD_IMAGE),
            List.of("ID", "Address", "Name", "DateOfIssue", "Photo", "Sex", "Birthday"),
            // The seed lists both decode codes; the engine-level one is the one specific to this action.
            "InvalidParameter.EngineImageDecodeFailed",
            List.of("FailedOperation.DownLoadError", "FailedOperation.ImageDecodeFailed",
                    "FailedOperation.OcrFailed", "FailedOperation.UnKnowError", "FailedOperation.UnOpenError",
                    "InvalidParameter.EngineImageDecodeFailed", "InvalidParameterValue.InvalidParameterValueLimit",
                    "LimitExceeded.TooLargeFileError", "ResourcesSoldOut.ChargeStatusException"));

    /** API version shared by both actions. */
    public static final String VERSION = "2018-11-19";
    /** Signing service name. */
    public static final String SERVICE = "ocr";
    /** Host of the public endpoint; also what the signature covers when a proxy or sandbox is used. */
    public static final String HOST = "ocr.tencentcloudapi.com";
    /**
     * "Base64 not over 7M" in the seeds. Read as MiB: the gateway itself caps signed bodies at 10 MB, and the
     * limit stays configurable per action because a later edition of the health-code page says 10M.
     */
    public static final int DEFAULT_MAX_BASE64_BYTES = 7 * 1024 * 1024;
    /** The gateway's limit on a TC3-signed POST body. */
    public static final int MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
    /** Output field that carries the Korean ID head image, as Base64. */
    public static final String PHOTO_FIELD = "Photo";

    private final String actionName;
    private final String documentKind;
    private final List<String> regions;
    private final String defaultRegion;
    private final int defaultRatePerSecond;
    private final List<Parameter> parameters;
    private final List<String> outputFields;
    private final String decodeFailureCode;
    private final List<String> errorCodes;

    OcrAction(String actionName, String documentKind, List<String> regions, String defaultRegion,
              int defaultRatePerSecond, List<Parameter> parameters, List<String> outputFields,
              String decodeFailureCode, List<String> errorCodes) {
        this.actionName = actionName;
        this.documentKind = documentKind;
        this.regions = regions;
        this.defaultRegion = defaultRegion;
        this.defaultRatePerSecond = defaultRatePerSecond;
        this.parameters = parameters;
        this.outputFields = outputFields;
        this.decodeFailureCode = decodeFailureCode;
        this.errorCodes = errorCodes;
    }

    /** The Tencent action name, as sent in {@code X-TC-Action}. */
    public String actionName() {
        return actionName;
    }

    /** The document kind: inbox/outbox folder name and configuration key prefix ({@code ocr.<kind>.rate}). */
    public String documentKind() {
        return documentKind;
    }

    public List<String> regions() {
        return regions;
    }

    public boolean acceptsRegion(String region) {
        return regions.contains(region);
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Tencent's default per-account quota, requests per second. */
    public int defaultRatePerSecond() {
        return defaultRatePerSecond;
    }

    public int defaultMaxBase64Bytes() {
        return DEFAULT_MAX_BASE64_BYTES;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public Optional<Parameter> parameter(String wireName) {
        return parameters.stream().filter(p -> p.wireName().equals(wireName)).findFirst();
    }

    /** Output fields exactly as Tencent names them, {@code RequestId} excluded. */
    public List<String> outputFields() {
        return outputFields;
    }

    /** The code Tencent answers for bytes that are not a PNG or JPEG image. */
    public String decodeFailureCode() {
        return decodeFailureCode;
    }

    /** The action-specific error codes listed in the seed. */
    public List<String> errorCodes() {
        return errorCodes;
    }

    /** Looks an action up by its Tencent name or its document kind. */
    public static Optional<OcrAction> find(String nameOrKind) {
        if (nameOrKind == null) {
            return Optional.empty();
        }
        String trimmed = nameOrKind.trim();
        return Arrays.stream(values())
                .filter(a -> a.actionName.equals(trimmed) || a.documentKind.equals(trimmed.toLowerCase(Locale.ROOT))
                        || a.name().equals(trimmed))
                .findFirst();
    }

    /** Like {@link #find(String)} but fails with a message naming the accepted values. */
    public static OcrAction of(String nameOrKind) {
        return find(nameOrKind).orElseThrow(() -> new IllegalArgumentException(
                "Unknown OCR action '" + nameOrKind + "'; expected one of " + Arrays.toString(values())));
    }

    /** Every Tencent action name the catalog knows. */
    public static Set<String> actionNames() {
        return Set.of(RECOGNIZE_HEALTH_CODE_OCR.actionName, RECOGNIZE_KOREAN_ID_CARD_OCR.actionName);
    }

    @Override
    public String toString() {
        return actionName;
    }
}
