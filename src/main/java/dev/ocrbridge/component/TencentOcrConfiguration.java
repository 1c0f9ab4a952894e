package dev.ocrbridge.component;

import dev.ocrbridge.actions.OcrAction;
import javax.sql.DataSource;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of a {@code tencent-ocr} endpoint. Each can be set per endpoint (URI query), per component
 * ({@code camel.component.tencent-ocr.<option>}, a copy of which every endpoint starts from), and the credentials
 * also from the environment's {@code TENCENTCLOUD_*} variables when neither of those sets them.
 */
@UriParams
public class TencentOcrConfiguration implements Cloneable {

    @UriPath(enums = "RecognizeHealthCodeOCR,RecognizeKoreanIDCardOCR")
    @Metadata(required = true)
    private String action;

    @UriParam(label = "security", secret = true)
    private String secretId;
    @UriParam(label = "security", secret = true)
    private String secretKey;
    @UriParam(label = "security", secret = true)
    private String sessionToken;

    @UriParam
    private String region;
    @UriParam(enums = "zh-CN,en-US", defaultValue = "en-US")
    private String language = "en-US";
    @UriParam(defaultValue = "https://ocr.tencentcloudapi.com")
    private String endpointUrl = "https://" + OcrAction.HOST;

    @UriParam
    private Integer rate;
    @UriParam(label = "advanced", defaultValue = "1020")
    private long pacingPeriodMillis = 1020;
    @UriParam(label = "advanced", defaultValue = "0")
    private long coldStartMillis;
    @UriParam(label = "advanced")
    private DataSource quotaDataSource;
    @UriParam(defaultValue = "7340032")
    private long maxBase64Bytes = OcrAction.DEFAULT_MAX_BASE64_BYTES;

    @UriParam(label = "advanced", defaultValue = "5000")
    private int connectTimeout = 5000;
    @UriParam(label = "advanced", defaultValue = "30000")
    private int responseTimeout = 30000;

    @UriParam(label = "proxy")
    private String proxyHost;
    @UriParam(label = "proxy")
    private Integer proxyPort;
    @UriParam(label = "proxy,security", secret = true)
    private String proxyUsername;
    @UriParam(label = "proxy,security", secret = true)
    private String proxyPassword;

    @UriParam(defaultValue = "false")
    private boolean returnHeadImage;
    @UriParam(defaultValue = "false")
    private boolean maskIdNumber;
    @UriParam
    private Integer healthCodeType;

    @UriParam(defaultValue = "true")
    private boolean preCheck = true;
    @UriParam(defaultValue = "true")
    private boolean applyExifOrientation = true;
    @UriParam
    private String dispositions;

    public String getAction() {
        return action;
    }

    /**
     * The Tencent Cloud OCR action to call: RecognizeHealthCodeOCR (Chinese health-code screenshots) or
     * RecognizeKoreanIDCardOCR (Korean resident registration cards).
     */
    public void setAction(String action) {
        this.action = action;
    }

    public String getSecretId() {
        return secretId;
    }

    /**
     * The SecretId of the Tencent Cloud API key. When neither SecretId nor SecretKey is set, both come from the
     * TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY environment variables.
     */
    public void setSecretId(String secretId) {
        this.secretId = secretId;
    }

    public String getSecretKey() {
        return secretKey;
    }

    /** The SecretKey of the Tencent Cloud API key (see secretId for the environment fallback). */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    /**
     * The session token of temporary credentials, sent as X-TC-Token; TENCENTCLOUD_SESSION_TOKEN when unset.
     */
    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }

    public String getRegion() {
        return region;
    }

    /**
     * The region to call (X-TC-Region). Defaults to the action's usual region: ap-guangzhou for
     * RecognizeHealthCodeOCR (which also accepts ap-beijing, ap-hongkong, ap-shanghai, na-toronto), ap-singapore
     * for RecognizeKoreanIDCardOCR (its only region).
     */
    public void setRegion(String region) {
        this.region = region;
    }

    public String getLanguage() {
        return language;
    }

    /** The language of the API's error messages (X-TC-Language): zh-CN or en-US. */
    public void setLanguage(String language) {
        this.language = language;
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    /**
     * The URL of the OCR API, called through camel-http: the public endpoint, a regional one, or any
     * Tencent-compatible server such as ocrbridge's sandbox. Its host is what the TC3 signature covers.
     */
    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = endpointUrl;
    }

    public Integer getRate() {
        return rate;
    }

    /**
     * The account's quota for the action, in requests per second: 10 for RecognizeHealthCodeOCR and 20 for
     * RecognizeKoreanIDCardOCR when unset. Requests are spaced evenly, per SecretId and action, across every
     * endpoint and route of the CamelContext; when endpoints disagree, the lowest rate wins.
     */
    public void setRate(Integer rate) {
        this.rate = rate;
    }

    public long getPacingPeriodMillis() {
        return pacingPeriodMillis;
    }

    /**
     * The period the rate is spread over, in milliseconds, at least 1000. 1020 keeps a 2% margin under the quota
     * so that network jitter never makes the API count one request too many in a second.
     */
    public void setPacingPeriodMillis(long pacingPeriodMillis) {
        this.pacingPeriodMillis = pacingPeriodMillis;
    }

    public long getColdStartMillis() {
        return coldStartMillis;
    }

    /**
     * Extra time, in milliseconds, spread over the first rate requests after start-up. None by default: the quota
     * turn is taken right before a request's last bytes, so a late first call (a cold JVM, a new connection) can
     * no longer crowd into one second with punctual ones; only a proxy that buffers whole requests would need it.
     */
    public void setColdStartMillis(long coldStartMillis) {
        this.coldStartMillis = coldStartMillis;
    }

    public DataSource getQuotaDataSource() {
        return quotaDataSource;
    }

    /**
     * Cluster pacing: a PostgreSQL data source (pooled) shared by every node that calls with the same account. When
     * set, requests per SecretId and action are spaced across all nodes through one row in the database (table
     * ocrbridge_quota_pacing, created at start), so that the cluster together keeps the account's quota; when
     * unset, the pacing is this CamelContext's own.
     */
    public void setQuotaDataSource(DataSource quotaDataSource) {
        this.quotaDataSource = quotaDataSource;
    }

    public long getMaxBase64Bytes() {
        return maxBase64Bytes;
    }

    /**
     * The largest image accepted, as the length of its Base64 text (7 MiB per the API specs). A larger image is
     * refused locally with LimitExceeded.TooLargeFileError, without a call and without reading it past the limit.
     */
    public void setMaxBase64Bytes(long maxBase64Bytes) {
        this.maxBase64Bytes = maxBase64Bytes;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for a connection to the endpoint, in milliseconds (Transport.Timeout after that). */
    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getResponseTimeout() {
        return responseTimeout;
    }

    /** How long to wait for the answer once the request is sent, in milliseconds (Transport.Timeout after that). */
    public void setResponseTimeout(int responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    /**
     * The HTTP proxy to reach the endpoint through (a company's outbound proxy); unset: straight to the endpoint. An
     * https endpoint is tunnelled (CONNECT), so the proxy sees its host name only.
     */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    /** The HTTP proxy's port; required with proxyHost. */
    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    /** The user name the HTTP proxy asks for (Basic authentication), if it asks; with proxyPassword. */
    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    /** The password of proxyUsername at the HTTP proxy. */
    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public boolean isReturnHeadImage() {
        return returnHeadImage;
    }

    /**
     * RecognizeKoreanIDCardOCR only: ask for the card's head photo, returned Base64-encoded in the Photo field.
     */
    public void setReturnHeadImage(boolean returnHeadImage) {
        this.returnHeadImage = returnHeadImage;
    }

    public boolean isMaskIdNumber() {
        return maskIdNumber;
    }

    /**
     * RecognizeKoreanIDCardOCR only: answer the resident registration number masked, as 820701-2******, keeping the
     * birth date and the digit for sex and century. Whatever stores the answer then stores it masked.
     */
    public void setMaskIdNumber(boolean maskIdNumber) {
        this.maskIdNumber = maskIdNumber;
    }

    public Integer getHealthCodeType() {
        return healthCodeType;
    }

    /**
     * RecognizeHealthCodeOCR only: the Type parameter (which provinces' health codes to expect); unset or 0
     * detects it automatically.
     */
    public void setHealthCodeType(Integer healthCodeType) {
        this.healthCodeType = healthCodeType;
    }

    public boolean isPreCheck() {
        return preCheck;
    }

    /**
     * Check each image locally before spending a call: empty, not PNG or JPEG by its magic bytes, truncated, more
     * than 10,000 pixels a side, or over maxBase64Bytes. A refusal carries the code the API would answer.
     */
    public void setPreCheck(boolean preCheck) {
        this.preCheck = preCheck;
    }

    public boolean isApplyExifOrientation() {
        return applyExifOrientation;
    }

    /**
     * Turn a JPEG whose EXIF Orientation is 2 to 8 (a photograph taken with the phone sideways) upright before it is
     * sent, re-encoded as a high-quality JPEG within maxBase64Bytes. Any other image is sent as it is, unread beyond
     * its head.
     */
    public void setApplyExifOrientation(boolean applyExifOrientation) {
        this.applyExifOrientation = applyExifOrientation;
    }

    public String getDispositions() {
        return dispositions;
    }

    /**
     * Overrides of the disposition each error code carries in TencentOcrException (retry, reject or halt), as
     * code=disposition pairs separated by commas, for example FailedOperation.OcrFailed=retry,InvalidParameterValue.*=halt.
     */
    public void setDispositions(String dispositions) {
        this.dispositions = dispositions;
    }

    public TencentOcrConfiguration copy() {
        try {
            return (TencentOcrConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
