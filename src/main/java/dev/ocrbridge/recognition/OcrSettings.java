package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrConfiguration;
import dev.ocrbridge.component.TencentOcrEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * What recognition, the outbox and the dispositions of the standalone service need to know: the data folder, reuse,
 * and each action's region, Base64 limit and request options. Those last are not kept here: they are read from the
 * {@code tencent-ocr} endpoint the action's recognition route calls ({@link RecognitionEndpoints}), so the endpoint's
 * configuration is their one source.
 */
public class OcrSettings implements CamelContextAware {

    private String endpointIdentity;
    private String dataDir = "data";
    private boolean reuseResults = true;
    private volatile DataFolders folders;
    private volatile ImageSpool spool;
    private CamelContext camelContext;
    private final RecognitionEndpoints endpoints = new RecognitionEndpoints();

    /** The action's settings, as the endpoint that recognizes it is configured. */
    public ActionSettings action(OcrAction action) {
        TencentOcrEndpoint endpoint = endpoints.endpoint(camelContext, action);
        TencentOcrConfiguration c = endpoint.getConfiguration();
        return new ActionSettings(endpoint.region(), c.getMaxBase64Bytes(), c.isReturnHeadImage(),
                c.isMaskIdNumber(), c.getHealthCodeType(), c.isApplyExifOrientation(), c.getEndpointUrl());
    }

    /**
     * Who answers the action, as far as reusing an answer goes: {@code ocrbridge.endpoint-identity} when set (the
     * launcher sets {@code sandbox} for the embedded sandbox, whose port changes at every start), else the host of
     * the action's endpoint URL, with its port when not the scheme's default.
     */
    public String endpointIdentity(OcrAction action) {
        if (endpointIdentity != null && !endpointIdentity.isBlank()) {
            return endpointIdentity.trim();
        }
        String url = action(action).endpointUrl().trim();
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? url : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return defaultPort ? host : host + ":" + port;
    }

    public void setEndpointIdentity(String endpointIdentity) {
        this.endpointIdentity = endpointIdentity;
    }

    public DataFolders folders() {
        DataFolders f = folders;
        if (f == null) {
            f = new DataFolders(Path.of(dataDir));
            folders = f;
        }
        return f;
    }

    /** Where the images in flight are kept, off the heap, until they are settled. */
    public ImageSpool spool() {
        ImageSpool s = spool;
        if (s == null) {
            synchronized (this) {
                s = spool;
                if (s == null) {
                    s = new ImageSpool(folders().spool());
                    spool = s;
                }
            }
        }
        return s;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
        this.folders = null;
        this.spool = null;
    }

    /** Whether an image whose SHA-256 was already recognized reuses the stored result instead of a new call. */
    public boolean isReuseResults() {
        return reuseResults;
    }

    public void setReuseResults(boolean reuseResults) {
        this.reuseResults = reuseResults;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * One action's settings, as its endpoint has them.
     *
     * @param region         the region called (the configured one, or the action's usual one)
     * @param maxBase64Bytes the largest {@code ImageBase64} the endpoint sends
     * @param healthCodeType the health code's {@code Type}; null when not sent
     * @param endpointUrl    the endpoint's URL ({@code local} for recognition in this process)
     */
    public record ActionSettings(String region, long maxBase64Bytes, boolean returnHeadImage, boolean maskIdNumber,
                                 Integer healthCodeType, boolean applyExifOrientation, String endpointUrl) {

        /** The most image bytes whose Base64 (4 * ceil(n / 3)) stays within {@link #maxBase64Bytes()}. */
        public long maxImageBytes() {
            return maxBase64Bytes / 4 * 3;
        }
    }
}
