package dev.ocrbridge.component;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.client.CallObserver;
import dev.ocrbridge.client.LocalRecognitionClient;
import dev.ocrbridge.client.OcrCaller;
import dev.ocrbridge.client.OcrClient;
import dev.ocrbridge.client.Tc3SigningProcessor;
import dev.ocrbridge.errors.DispositionPolicy;
import dev.ocrbridge.recognizer.Recognizer;
import dev.ocrbridge.request.RequestOptions;
import dev.ocrbridge.signing.Credentials;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Recognize identity-document images (Chinese health codes, Korean ID cards) with Tencent Cloud OCR.
 */
@UriEndpoint(firstVersion = "4.18.0", scheme = "tencent-ocr", title = "Tencent Cloud OCR",
        syntax = "tencent-ocr:action", producerOnly = true, category = {Category.CLOUD, Category.DOCUMENT},
        headersClass = TencentOcrConstants.class)
public class TencentOcrEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    /** The endpoint URL that means recognition in this JVM (no HTTP, no account). */
    public static final String LOCAL = "local";
    /** The account key of local recognition's state: there is no SecretId, and no quota to share. */
    static final String LOCAL_ACCOUNT = "(local)";

    @UriParam
    private TencentOcrConfiguration configuration;

    private OcrAction action;
    private DispositionPolicy dispositionPolicy;
    /** Over HTTP; null with local recognition. */
    private OcrCaller caller;
    /** What the producer calls: {@link #caller}, or local recognition in-process. */
    private OcrClient client;
    private AccountActionState state;

    public TencentOcrEndpoint(String uri, TencentOcrComponent component, TencentOcrConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new TencentOcrProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("tencent-ocr is a producer only: use it in to(), not from()");
    }

    @Override
    public TencentOcrComponent getComponent() {
        return (TencentOcrComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        action = OcrAction.of(configuration.getAction());
        // a malformed override fails the route's start, not the first image
        dispositionPolicy = DispositionPolicy.parse(configuration.getDispositions());
        if (configuration.getRegion() != null && !action.acceptsRegion(configuration.getRegion())) {
            throw new IllegalArgumentException(action + " is not offered in region " + configuration.getRegion()
                    + "; it accepts " + action.regions());
        }
        if (configuration.getRate() != null && configuration.getRate() <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + configuration.getRate());
        }
        boolean proxy = configuration.getProxyHost() != null && !configuration.getProxyHost().isBlank();
        if (proxy && (configuration.getProxyPort() == null || configuration.getProxyPort() <= 0
                || configuration.getProxyPort() > 65535)) {
            throw new IllegalArgumentException("proxyHost needs proxyPort, a port number from 1 to 65535");
        }
        boolean user = configuration.getProxyUsername() != null && !configuration.getProxyUsername().isEmpty();
        boolean password = configuration.getProxyPassword() != null && !configuration.getProxyPassword().isEmpty();
        if (user != password || user && !proxy) {
            // the values themselves are secrets: only the options are named
            throw new IllegalArgumentException("proxyUsername and proxyPassword go together, with proxyHost");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RequestOptions options = new RequestOptions(configuration.isReturnHeadImage() ? Boolean.TRUE : null,
                configuration.getHealthCodeType());
        if (isLocal()) {
            startLocal(options);
            return;
        }
        Tc3SigningProcessor signer = new Tc3SigningProcessor();
        signer.setEnvironment(getComponent().environment());
        signer.setSecretId(configuration.getSecretId());
        signer.setSecretKey(configuration.getSecretKey());
        signer.setSessionToken(configuration.getSessionToken());
        signer.setEndpoint(configuration.getEndpointUrl());
        // a sandbox or proxy host does not name the service: this endpoint only ever calls OCR
        signer.setService(OcrAction.SERVICE);
        signer.setAction(action.actionName());
        signer.setRegion(region());
        signer.setLanguage(configuration.getLanguage());
        // missing keys fail the start, naming the options and variables, never a value
        Credentials credentials = signer.credentials();

        int rate = configuration.getRate() != null ? configuration.getRate() : action.defaultRatePerSecond();
        state = getComponent().shared(credentials.secretId(), action, rate, configuration.getPacingPeriodMillis(),
                configuration.getColdStartMillis(), configuration.getQuotaDataSource());
        String timeouts = "httpConnection.connectTimeout=" + configuration.getConnectTimeout()
                + "&httpConnection.socketTimeout=" + configuration.getResponseTimeout()
                + "&httpClient.responseTimeout=" + configuration.getResponseTimeout();
        caller = new OcrCaller(getCamelContext(),
                OcrCaller.httpUri(configuration.getEndpointUrl(), timeouts + proxyOptions()), action,
                options, signer, state.pacer(), state);
        caller.setObserver(state.waits().andThen(callMeters()));
        if (proxyUser() && configuration.getEndpointUrl().trim().regionMatches(true, 0, "http:", 0, 5)) {
            caller.setProxyCredentials(configuration.getProxyUsername(), configuration.getProxyPassword());
        }
        ServiceHelper.startService(caller);
        client = caller;
    }

    /**
     * camel-http's proxy options for this endpoint's proxy, or nothing. The proxy is spoken to in plain HTTP whatever
     * the endpoint's scheme (camel-http would otherwise take an https endpoint's proxy for a TLS one); an https
     * endpoint is tunnelled through it. The credentials go in under names Camel masks wherever it shows an
     * endpoint's URI.
     */
    private String proxyOptions() {
        if (configuration.getProxyHost() == null || configuration.getProxyHost().isBlank()) {
            return "";
        }
        StringBuilder proxy = new StringBuilder("&proxyAuthScheme=http&proxyAuthHost=")
                .append(raw(configuration.getProxyHost().trim(), "proxyHost"))
                .append("&proxyAuthPort=").append(configuration.getProxyPort());
        if (proxyUser()) {
            proxy.append("&proxyAuthUsername=").append(raw(configuration.getProxyUsername(), "proxyUsername"))
                    .append("&proxyAuthPassword=").append(raw(configuration.getProxyPassword(), "proxyPassword"));
        }
        return proxy.toString();
    }

    private boolean proxyUser() {
        return configuration.getProxyHost() != null && !configuration.getProxyHost().isBlank()
                && configuration.getProxyUsername() != null && !configuration.getProxyUsername().isEmpty();
    }

    /**
     * A value as Camel takes it verbatim from a URI: RAW(...), or RAW{...} when the value holds ")&" (where RAW(...)
     * would end). Percent-encoding is no good here: Camel decodes a query more than once, and an encoded '&' in a
     * password came back as a parameter of the request to the endpoint.
     */
    private static String raw(String value, String option) {
        if (!value.contains(")&")) {
            return "RAW(" + value + ")";
        }
        if (!value.contains("}&")) {
            return "RAW{" + value + "}";
        }
        // the value is a secret: the option only
        throw new IllegalArgumentException(option + " holds both \")&\" and \"}&\": Camel cannot take it verbatim");
    }

    /** {@value #LOCAL} as the endpoint URL: recognition in this JVM, through the class path's {@link Recognizer}. */
    public boolean isLocal() {
        return LOCAL.equalsIgnoreCase(configuration.getEndpointUrl().trim());
    }

    /**
     * No account: nothing is signed, nothing billed, no quota to pace; the state still carries halts the runtime
     * raises (a storage failure), shared with every endpoint of the action.
     */
    private void startLocal(RequestOptions options) {
        Recognizer recognizer = Recognizer.local().orElseThrow(() -> new IllegalStateException("endpointUrl=local"
                + " needs the local recognizer on the class path (the ocrbridge local OCR and its language data)"
                + " and its engine able to load here"));
        state = getComponent().shared(LOCAL_ACCOUNT, action, action.defaultRatePerSecond(),
                configuration.getPacingPeriodMillis(), configuration.getColdStartMillis(), null);
        client = new LocalRecognitionClient(action, recognizer, options, state);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(caller);
        caller = null;
        client = null;
        super.doStop();
    }

    /** The meters of this action's calls when the runtime has camel-micrometer and a registry; none otherwise. */
    private CallObserver callMeters() {
        boolean micrometer = getCamelContext().getClassResolver()
                .resolveClass("org.apache.camel.component.micrometer.MicrometerUtils") != null;
        return micrometer ? TencentOcrMetrics.of(getCamelContext(), action) : CallObserver.NONE;
    }

    /** The region called: the configured one, or the action's usual one. */
    public String region() {
        return configuration.getRegion() != null ? configuration.getRegion() : action.defaultRegion();
    }

    public OcrAction action() {
        return action;
    }

    /** The account's state for this action, shared with every endpoint calling it with the same account. */
    AccountActionState state() {
        return state;
    }

    /** The HTTP caller; null with local recognition. */
    OcrCaller caller() {
        return caller;
    }

    OcrClient client() {
        return client;
    }

    DispositionPolicy dispositionPolicy() {
        return dispositionPolicy;
    }

    public TencentOcrConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String getServiceUrl() {
        return configuration.getEndpointUrl();
    }

    @Override
    public String getServiceProtocol() {
        return isLocal() ? "in-process" : "http";
    }
}
