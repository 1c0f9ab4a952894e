package dev.ocrbridge.springboot;

import dev.ocrbridge.component.TencentOcrConfiguration;
import javax.sql.DataSource;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tencent-ocr} component's options as Spring Boot properties, {@code camel.component.tencent-ocr.*} in
 * kebab case: one field per option of the component's generated metadata, with its description and default, from
 * which the configuration processor writes the Spring configuration metadata. The defaults are copied onto the
 * component like any value, so they must be the component's own (ConfigurationMetadataTest fails when one drifts);
 * an endpoint URI's options win over these.
 */
@ConfigurationProperties(prefix = TencentOcrComponentConfiguration.PREFIX)
public class TencentOcrComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    public static final String PREFIX = "camel.component.tencent-ocr";

    /**
     * The component's configuration: the options every endpoint starts from. The option is a
     * dev.ocrbridge.component.TencentOcrConfiguration type: the name of a bean, as #bean:name.
     */
    private TencentOcrConfiguration configuration;
    /**
     * Overrides of the disposition each error code carries in TencentOcrException (retry, reject or halt), as
     * code=disposition pairs separated by commas, for example
     * FailedOperation.OcrFailed=retry,InvalidParameterValue.*=halt.
     */
    private String dispositions;
    /**
     * The URL of the OCR API, called through camel-http: the public endpoint, a regional one, or any Tencent-
     * compatible server such as ocrbridge's sandbox. Its host is what the TC3 signature covers.
     */
    private String endpointUrl = "https://ocr.tencentcloudapi.com";
    /**
     * RecognizeHealthCodeOCR only: the Type parameter (which provinces' health codes to expect); unset or 0 detects it
     * automatically.
     */
    private Integer healthCodeType;
    /**
     * The language of the API's error messages (X-TC-Language): zh-CN or en-US.
     */
    private String language = "en-US";
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;
    /**
     * The largest image accepted, as the length of its Base64 text (7 MiB per the API specs). A larger image is
     * refused locally with LimitExceeded.TooLargeFileError, without a call and without reading it past the limit.
     */
    private Long maxBase64Bytes = 7340032L;
    /**
     * Check each image locally before spending a call: empty, not PNG or JPEG by its magic bytes, truncated, more than
     * 10,000 pixels a side, or over maxBase64Bytes. A refusal carries the code the API would answer.
     */
    private Boolean preCheck = true;
    /**
     * Turn a JPEG whose EXIF Orientation is 2 to 8 (a photograph taken with the phone sideways) upright before it is
     * sent, re-encoded as a high-quality JPEG within maxBase64Bytes. Any other image is sent as it is, unread beyond
     * its head.
     */
    private Boolean applyExifOrientation = true;
    /**
     * The account's quota for the action, in requests per second: 10 for RecognizeHealthCodeOCR and 20 for
     * RecognizeKoreanIDCardOCR when unset. Requests are spaced evenly, per SecretId and action, across every endpoint
     * and route of the CamelContext; when endpoints disagree, the lowest rate wins.
     */
    private Integer rate;
    /**
     * The region to call (X-TC-Region). Defaults to the action's usual region: ap-guangzhou for RecognizeHealthCodeOCR
     * (which also accepts ap-beijing, ap-hongkong, ap-shanghai, na-toronto), ap-singapore for RecognizeKoreanIDCardOCR
     * (its only region).
     */
    private String region;
    /**
     * RecognizeKoreanIDCardOCR only: ask for the card's head photo, returned Base64-encoded in the Photo field.
     */
    private Boolean returnHeadImage = false;
    /**
     * RecognizeKoreanIDCardOCR only: answer the resident registration number masked, as 820701-2******, keeping the
     * birth date and the digit for sex and century. Whatever stores the answer then stores it masked.
     */
    private Boolean maskIdNumber = false;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;
    /**
     * Extra time, in milliseconds, spread over the first rate requests after start-up. None by default: the quota turn
     * is taken right before a request's last bytes, so a late first call (a cold JVM, a new connection) can no longer
     * crowd into one second with punctual ones; only a proxy that buffers whole requests would need it.
     */
    private Long coldStartMillis = 0L;
    /**
     * How long to wait for a connection to the endpoint, in milliseconds (Transport.Timeout after that).
     */
    private Integer connectTimeout = 5000;
    /**
     * The period the rate is spread over, in milliseconds, at least 1000. 1020 keeps a 2% margin under the quota so
     * that network jitter never makes the API count one request too many in a second.
     */
    private Long pacingPeriodMillis = 1020L;
    /**
     * Cluster pacing: a PostgreSQL data source (pooled) shared by every node that calls with the same account. When
     * set, requests per SecretId and action are spaced across all nodes through one row in the database (table
     * ocrbridge_quota_pacing, created at start), so that the cluster together keeps the account's quota; when unset,
     * the pacing is this CamelContext's own. The option is a javax.sql.DataSource type: the name of a bean, as
     * #bean:name.
     */
    private DataSource quotaDataSource;
    /**
     * The HTTP proxy to reach the endpoint through (a company's outbound proxy); unset: straight to the endpoint. An
     * https endpoint is tunnelled (CONNECT), so the proxy sees its host name only.
     */
    private String proxyHost;
    /**
     * The HTTP proxy's port; required with proxyHost.
     */
    private Integer proxyPort;
    /**
     * The user name the HTTP proxy asks for (Basic authentication), if it asks; with proxyPassword.
     */
    private String proxyUsername;
    /**
     * The password of proxyUsername at the HTTP proxy.
     */
    private String proxyPassword;
    /**
     * How long to wait for the answer once the request is sent, in milliseconds (Transport.Timeout after that).
     */
    private Integer responseTimeout = 30000;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;
    /**
     * The SecretId of the Tencent Cloud API key. When neither SecretId nor SecretKey is set here, both come from
     * TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY in Spring's Environment: an environment variable, a system
     * property, a property of that exact name in application.properties or a config tree.
     */
    private String secretId;
    /**
     * The SecretKey of the Tencent Cloud API key (see secret-id for TENCENTCLOUD_SECRET_KEY).
     */
    private String secretKey;
    /**
     * The session token of temporary credentials, sent as X-TC-Token. When unset and the key pair comes from
     * TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN from Spring's Environment.
     */
    private String sessionToken;

    public TencentOcrConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(TencentOcrConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getDispositions() {
        return dispositions;
    }

    public void setDispositions(String dispositions) {
        this.dispositions = dispositions;
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = endpointUrl;
    }

    public Integer getHealthCodeType() {
        return healthCodeType;
    }

    public void setHealthCodeType(Integer healthCodeType) {
        this.healthCodeType = healthCodeType;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Long getMaxBase64Bytes() {
        return maxBase64Bytes;
    }

    public void setMaxBase64Bytes(Long maxBase64Bytes) {
        this.maxBase64Bytes = maxBase64Bytes;
    }

    public Boolean getPreCheck() {
        return preCheck;
    }

    public void setPreCheck(Boolean preCheck) {
        this.preCheck = preCheck;
    }

    public Boolean getApplyExifOrientation() {
        return applyExifOrientation;
    }

    public void setApplyExifOrientation(Boolean applyExifOrientation) {
        this.applyExifOrientation = applyExifOrientation;
    }

    public Integer getRate() {
        return rate;
    }

    public void setRate(Integer rate) {
        this.rate = rate;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public Boolean getReturnHeadImage() {
        return returnHeadImage;
    }

    public void setReturnHeadImage(Boolean returnHeadImage) {
        this.returnHeadImage = returnHeadImage;
    }

    public Boolean getMaskIdNumber() {
        return maskIdNumber;
    }

    public void setMaskIdNumber(Boolean maskIdNumber) {
        this.maskIdNumber = maskIdNumber;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Long getColdStartMillis() {
        return coldStartMillis;
    }

    public void setColdStartMillis(Long coldStartMillis) {
        this.coldStartMillis = coldStartMillis;
    }

    public Integer getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Integer connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Long getPacingPeriodMillis() {
        return pacingPeriodMillis;
    }

    public void setPacingPeriodMillis(Long pacingPeriodMillis) {
        this.pacingPeriodMillis = pacingPeriodMillis;
    }

    public DataSource getQuotaDataSource() {
        return quotaDataSource;
    }

    public void setQuotaDataSource(DataSource quotaDataSource) {
        this.quotaDataSource = quotaDataSource;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public Integer getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Integer responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getSecretId() {
        return secretId;
    }

    public void setSecretId(String secretId) {
        this.secretId = secretId;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }
}
