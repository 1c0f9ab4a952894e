package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * What recognition, the outbox and the dispositions of the standalone service need from the configuration: the
 * data folder, each action's region, Base64 limit and options (they key recorded answers and are written into
 * results), reuse and disposition overrides. The call's own options (credentials, language, rate, timeouts) belong
 * to the {@code tencent-ocr} component ({@code camel.component.tencent-ocr.*}). Setters take placeholder values;
 * unset values fall back to the action catalog's defaults.
 */
public class OcrSettings {

    private String endpoint = "https://" + OcrAction.HOST;
    private String endpointIdentity;
    private String dataDir = "data";
    private boolean reuseResults = true;
    private volatile DataFolders folders;
    private volatile ImageSpool spool;
    private final Map<OcrAction, ActionSettings> actions = new EnumMap<>(OcrAction.class);

    public OcrSettings() {
        for (OcrAction a : OcrAction.values()) {
            actions.put(a, ActionSettings.defaultsFor(a));
        }
    }

    /** Per-action settings. */
    public ActionSettings action(OcrAction action) {
        return actions.get(action);
    }

    /**
     * Who answers, as far as reusing an answer goes: {@code ocrbridge.endpoint-identity} when set (the launcher
     * sets {@code sandbox} for the embedded sandbox, whose port changes at every start), else the endpoint's host,
     * with its port when not the scheme's default.
     */
    public String endpointIdentity() {
        if (endpointIdentity != null && !endpointIdentity.isBlank()) {
            return endpointIdentity.trim();
        }
        URI uri = URI.create(endpoint);
        String host = uri.getHost() == null ? endpoint : uri.getHost().toLowerCase(java.util.Locale.ROOT);
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

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint == null ? null : endpoint.trim();
    }

    // Flat setters, so that a Camel XML <bean> can set each key from a placeholder.

    public void setHealthCodeRegion(String v) {
        action(OcrAction.RECOGNIZE_HEALTH_CODE_OCR).setRegion(v);
    }

    public void setHealthCodeMaxBase64Bytes(long v) {
        action(OcrAction.RECOGNIZE_HEALTH_CODE_OCR).setMaxBase64Bytes(v);
    }

    public void setKoreanIdCardRegion(String v) {
        action(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR).setRegion(v);
    }

    public void setKoreanIdCardMaxBase64Bytes(long v) {
        action(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR).setMaxBase64Bytes(v);
    }

    public void setKoreanIdCardReturnHeadImage(boolean v) {
        action(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR).setReturnHeadImage(v);
    }

    public void setKoreanIdCardMaskIdNumber(boolean v) {
        action(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR).setMaskIdNumber(v);
    }

    /** Settings of one action; defaults from the catalog. */
    public static final class ActionSettings {
        private String region;
        private long maxBase64Bytes;
        private boolean returnHeadImage;
        private boolean maskIdNumber;

        static ActionSettings defaultsFor(OcrAction a) {
            ActionSettings s = new ActionSettings();
            s.region = a.defaultRegion();
            s.maxBase64Bytes = a.defaultMaxBase64Bytes();
            s.returnHeadImage = true;
            return s;
        }

        public String region() {
            return region;
        }

        public long maxBase64Bytes() {
            return maxBase64Bytes;
        }

        /** The most image bytes whose Base64 (4 * ceil(n / 3)) stays within {@link #maxBase64Bytes()}. */
        public long maxImageBytes() {
            return maxBase64Bytes / 4 * 3;
        }

        public boolean returnHeadImage() {
            return returnHeadImage;
        }

        /** The component's {@code maskIdNumber}: answers carry the resident registration number masked. */
        public boolean maskIdNumber() {
            return maskIdNumber;
        }

        void setRegion(String region) {
            this.region = region == null || region.isBlank() ? null : region.trim();
        }

        void setMaxBase64Bytes(long maxBase64Bytes) {
            this.maxBase64Bytes = maxBase64Bytes;
        }

        void setReturnHeadImage(boolean returnHeadImage) {
            this.returnHeadImage = returnHeadImage;
        }

        void setMaskIdNumber(boolean maskIdNumber) {
            this.maskIdNumber = maskIdNumber;
        }
    }
}
