package dev.ocrbridge.client;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.request.RequestBody;
import dev.ocrbridge.signing.Credentials;
import dev.ocrbridge.signing.Tc3Signature;
import dev.ocrbridge.signing.Tc3Signer;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs the message body as a Tencent Cloud API 3.0 request (TC3-HMAC-SHA256) and sets every header the API reads,
 * so that the next step can be a plain camel-http endpoint. It works in front of any API 3.0 service: the signing
 * service name is the first label of the host ({@code ocr} for {@code ocr.tencentcloudapi.com}, {@code cvm} for
 * {@code cvm.tencentcloudapi.com}).
 *
 * <pre>{@code
 * <bean name="tc3" type="dev.ocrbridge.client.Tc3SigningProcessor">
 *   <properties><property key="action" value="RecognizeHealthCodeOCR"/>
 *               <property key="region" value="ap-guangzhou"/></properties>
 * </bean>
 * <route>
 *   <from uri="direct:ocr"/>                      <!-- body: {"ImageBase64":"..."} -->
 *   <process ref="tc3"/>
 *   <to uri="https://ocr.tencentcloudapi.com"/>
 * </route>
 * }</pre>
 *
 * <p>Configuration (setters; an {@code X-TC-Action}, {@code X-TC-Version}, {@code X-TC-Region} or
 * {@code X-TC-Language} header on the message wins over the setter of the same name, so one processor can sign
 * several actions):
 * <ul>
 *   <li>{@code secretId}, {@code secretKey}, {@code sessionToken}: when neither id nor key is set, the
 *       {@code TENCENTCLOUD_SECRET_ID}, {@code TENCENTCLOUD_SECRET_KEY} and {@code TENCENTCLOUD_SESSION_TOKEN}
 *       environment variables;</li>
 *   <li>{@code endpoint}: the URL camel-http sends to (default {@code https://ocr.tencentcloudapi.com}); its host
 *       is signed. A {@code CamelHttpUri} header on the message wins, since camel-http then sends there;</li>
 *   <li>{@code service}: only for hosts that do not name it (a sandbox on 127.0.0.1, a proxy);</li>
 *   <li>{@code action}, {@code version} (default {@code 2018-11-19}, OCR's), {@code region}, {@code language};</li>
 *   <li>{@code contentType}: what is signed and sent, byte for byte (default {@code application/json}; camel-http
 *       sends it as it is for the byte[] body this processor leaves).</li>
 * </ul>
 *
 * <p>Runs on every attempt: a redelivery carries a fresh timestamp and signature. The body is left as the exact bytes
 * signed. Nothing here logs; the key and token appear in no header but their own ({@code X-TC-Token}).
 */
public class Tc3SigningProcessor implements Processor {

    public static final String DEFAULT_ENDPOINT = "https://" + OcrAction.HOST;
    /** Exactly what camel-http sends when told not to add a charset. */
    public static final String DEFAULT_CONTENT_TYPE = "application/json";

    public static final String AUTHORIZATION = "Authorization";
    public static final String X_TC_ACTION = "X-TC-Action";
    public static final String X_TC_TIMESTAMP = "X-TC-Timestamp";
    public static final String X_TC_VERSION = "X-TC-Version";
    public static final String X_TC_REGION = "X-TC-Region";
    public static final String X_TC_TOKEN = "X-TC-Token";
    public static final String X_TC_LANGUAGE = "X-TC-Language";

    private static final String API_DOMAIN = ".tencentcloudapi.com";

    private String endpoint = DEFAULT_ENDPOINT;
    private String service;
    private String secretId;
    private String secretKey;
    private String sessionToken;
    private String action;
    private String version = OcrAction.VERSION;
    private String region;
    private String language;
    private String contentType = DEFAULT_CONTENT_TYPE;
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<String> environment = System::getenv;

    private volatile Credentials credentials;
    private volatile String endpointHost;
    private final Map<String, Tc3Signer> signers = new ConcurrentHashMap<>();

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String host = hostOf(message);
        String actionName = headerOr(message, X_TC_ACTION, action);
        if (actionName == null) {
            throw new IllegalArgumentException("No Tencent Cloud API action: set the processor's action or the "
                    + X_TC_ACTION + " header");
        }
        long timestamp = clock.instant().getEpochSecond();
        Tc3Signature signature;
        if (message.getBody() instanceof RequestBody streamed) {
            // a body that is never built whole hashes itself (once, kept for retries); the caller streams it out
            signature = signer(serviceFor(host)).signHashed(host, contentType, timestamp, streamed.sha256Hex());
        } else {
            byte[] body = message.getMandatoryBody(byte[].class);
            signature = signer(serviceFor(host)).sign(host, contentType, timestamp, body);
            // exactly the bytes that were signed go out, whatever type the body had
            message.setBody(body);
        }
        message.setHeader(AUTHORIZATION, signature.authorization());
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader(X_TC_ACTION, actionName);
        message.setHeader(X_TC_TIMESTAMP, Long.toString(timestamp));
        message.setHeader(X_TC_VERSION, headerOr(message, X_TC_VERSION, version));
        setOrRemove(message, X_TC_REGION, headerOr(message, X_TC_REGION, region));
        setOrRemove(message, X_TC_LANGUAGE, headerOr(message, X_TC_LANGUAGE, language));
        setOrRemove(message, X_TC_TOKEN, credentials().token());
    }

    /** The signing service: the configured one, or the first label of a {@code *.tencentcloudapi.com} host. */
    String serviceFor(String host) {
        if (service != null && !service.isBlank()) {
            return service.trim();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0) {
            name = name.substring(0, colon);
        }
        int dot = name.indexOf('.');
        if (name.endsWith(API_DOMAIN) && dot > 0) {
            return name.substring(0, dot);
        }
        throw new IllegalArgumentException("Cannot tell the Tencent Cloud service from host " + name
                + ": set the signing processor's service (ocr for the OCR API)");
    }

    private String hostOf(Message message) {
        String uri = message.getHeader(Exchange.HTTP_URI, String.class);
        if (uri != null && !uri.isBlank()) {
            return authority(uri);
        }
        String h = endpointHost;
        if (h == null) {
            h = authority(endpoint);
            endpointHost = h;
        }
        return h;
    }

    /** {@code host[:port]} as the HTTP client sends it in {@code Host}: the port only when it is not the default. */
    static String authority(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute http(s) URL: " + url);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private Tc3Signer signer(String serviceName) {
        Credentials c = credentials();
        return signers.computeIfAbsent(serviceName, s -> new Tc3Signer(c, s));
    }

    /** The credentials, resolved once: configured, or from the environment. */
    public Credentials credentials() {
        Credentials c = credentials;
        if (c == null) {
            c = Credentials.configuredOrFromEnvironment(secretId, secretKey, sessionToken, environment);
            if (!c.isComplete()) {
                throw OcrException.local(ErrorCodes.MISSING_CREDENTIALS, "no SecretId/SecretKey configured (set them"
                        + " on the signing processor or in TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY)");
            }
            credentials = c;
        }
        return c;
    }

    private static String headerOr(Message message, String header, String fallback) {
        String v = message.getHeader(header, String.class);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void setOrRemove(Message message, String header, String value) {
        if (value == null || value.isBlank()) {
            message.removeHeader(header);
        } else {
            message.setHeader(header, value);
        }
    }

    private void credentialsChanged() {
        credentials = null;
        signers.clear();
    }

    // ---- configuration --------------------------------------------------------------------------------------------

    public String getEndpoint() {
        return endpoint;
    }

    /** The URL camel-http sends to; its host (and port, when not the default) is what is signed. */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
        this.endpointHost = null;
    }

    public String getService() {
        return service;
    }

    /** The signing service name, for hosts that do not start with it; {@code ocr} for the OCR API. */
    public void setService(String service) {
        this.service = service;
    }

    public String getSecretId() {
        return secretId;
    }

    public void setSecretId(String secretId) {
        this.secretId = secretId;
        credentialsChanged();
    }

    /** Write-only: nothing that dumps bean properties can print it. */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
        credentialsChanged();
    }

    /** Write-only: the session token of temporary credentials, sent as {@code X-TC-Token}. */
    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
        credentialsChanged();
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getLanguage() {
        return language;
    }

    /** {@code zh-CN} or {@code en-US}: the language of the API's error messages. */
    public void setLanguage(String language) {
        this.language = language;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    /** For tests: a fixed clock. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** For tests: where the {@code TENCENTCLOUD_*} fallback reads from (the process environment by default). */
    public void setEnvironment(UnaryOperator<String> environment) {
        this.environment = environment;
        credentialsChanged();
    }
}
