package dev.ocrbridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.http.BrowserRequestCheck;
import dev.ocrbridge.recognizer.Recognizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Tencent OCR endpoint on the JDK's HTTP server: same envelope, same TC3 checks, same error codes, same
 * quotas, plus fault injection and an admin API under {@code /_sandbox/}.
 *
 * <pre>{@code
 * try (OcrSandbox sandbox = OcrSandbox.builder().credential(id, key).build().start()) {
 *     // point a client at sandbox.url(), or the SDK's proxy at 127.0.0.1:sandbox.port()
 * }
 * }</pre>
 */
public final class OcrSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OcrSandbox.class);
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Worker threads: enough for well over 64 concurrent slow (latency-injected) requests. */
    static {
        // The JDK server otherwise leaves Nagle's algorithm on: its separate header and body writes then wait for
        // the client's delayed ACK, adding ~40 ms to some answers, which no real API gateway does. Read once, when
        // the JDK's server classes initialize, so it is set here before the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    static final int THREADS = 128;
    static final int QUEUE = 1_024;
    /** How many observed requests {@link #requests()} keeps (the most recent); the stats stay exact. */
    static final int MAX_RECORDED_REQUESTS = 100_000;
    /** Tencent's limit on downloading an {@code ImageUrl}. */
    static final Duration DOWNLOAD_LIMIT = Duration.ofSeconds(3);

    /** A registered key pair; {@link #toString()} hides the key and the token. */
    record Credential(String secretId, String secretKey, String token) {
        @Override
        public String toString() {
            return "Credential[" + secretId + "]";
        }
    }

    private final String host;
    private final int requestedPort;
    private final Map<String, Credential> credentials;
    private final Credential primary;
    private final Map<OcrAction, Integer> quotas;
    private final Map<OcrAction, Long> maxBase64Bytes;
    private final Map<OcrAction, Recognizer> recognizers;
    private final boolean localRecognition;
    private final String adminToken;
    private final Clock clock;
    private final SandboxFaults faults;
    private final FixtureRegistry fixtures;
    private final ObjectMapper json = new ObjectMapper();
    private final RequestLog log = new RequestLog(MAX_RECORDED_REQUESTS);
    private final QuotaWindows windows = new QuotaWindows();
    private final ForeignLoad foreignLoad = new ForeignLoad(this);
    private final ImageDownloader downloader = new ImageDownloader(DOWNLOAD_LIMIT);
    private final AtomicInteger inFlight = new AtomicInteger();

    private HttpServer server;
    private ThreadPoolExecutor executor;
    private boolean closed;

    private OcrSandbox(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        if (b.credentials.isEmpty()) {
            Credential generated = generate();
            b.credentials.put(generated.secretId(), generated);
        }
        this.credentials = Map.copyOf(b.credentials);
        this.primary = b.credentials.values().iterator().next();
        this.quotas = new EnumMap<>(b.quotas);
        this.maxBase64Bytes = new EnumMap<>(b.maxBase64Bytes);
        this.recognizers = new EnumMap<>(b.recognizers);
        // the local OCR is found on the class path, never compiled against: the sandbox runs without it
        Optional<Recognizer> local = b.localRecognition ? Recognizer.local() : Optional.empty();
        this.localRecognition = local.isPresent();
        local.ifPresent(r -> {
            for (OcrAction action : OcrAction.values()) {
                recognizers.putIfAbsent(action, r);
            }
        });
        for (OcrAction action : OcrAction.values()) {
            quotas.putIfAbsent(action, action.defaultRatePerSecond());
            maxBase64Bytes.putIfAbsent(action, (long) action.defaultMaxBase64Bytes());
            recognizers.putIfAbsent(action, Recognizer.emptyFields());
        }
        this.adminToken = b.adminToken;
        this.clock = b.clock;
        this.faults = b.faults;
        this.fixtures = new FixtureRegistry(json);
        if (b.fixtureDir != null) {
            fixtures.load(b.fixtureDir);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A sandbox (built, not yet started) with one random throwaway credential: SecretId {@code AKID} + 32
     * alphanumerics, SecretKey 32 alphanumerics, from {@link SecureRandom}; read them with {@link #secretId()} and
     * {@link #secretKey()}.
     */
    public static OcrSandbox withGeneratedCredentials() {
        return builder().generatedCredential().build();
    }

    /** Binds and starts serving; idempotent while running. */
    public synchronized OcrSandbox start() {
        if (closed) {
            throw new IllegalStateException("This sandbox was closed; build a new one");
        }
        if (server != null) {
            return this;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(host, requestedPort), 256);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
            pool.allowCoreThreadTimeOut(true);
            s.setExecutor(pool);
            s.createContext("/", new ApiHandler(this));
            s.createContext(AdminHandler.PREFIX, new AdminHandler(this,
                    BrowserRequestCheck.forServer(host, s.getAddress().getPort(), null), adminToken));
            s.start();
            this.server = s;
            this.executor = pool;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the OCR sandbox to " + host + ":" + requestedPort, e);
        }
        LOG.info("OCR sandbox listening on {}", url());
        return this;
    }

    /** Stops serving at once; in-flight slow answers are abandoned. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        foreignLoad.stopAll();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            LOG.info("OCR sandbox stopped");
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The bound port (the free port picked when built with port 0). */
    public synchronized int port() {
        if (server == null) {
            if (requestedPort != 0) {
                return requestedPort;
            }
            throw new IllegalStateException("The sandbox is not started");
        }
        return server.getAddress().getPort();
    }

    public String host() {
        return host;
    }

    /** {@code http://host:port}, for clients that talk to the endpoint directly. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** The live fault settings. */
    public SandboxFaults faults() {
        return faults;
    }

    /** The fixture registry; fixtures can be added while the sandbox runs. */
    public FixtureRegistry fixtures() {
        return fixtures;
    }

    /** Immutable snapshot of the observed requests, oldest first (the most recent 100,000). */
    public List<ObservedRequest> requests() {
        return log.snapshot();
    }

    /** Signed-API requests being handled right now: received, not yet answered (or dropped). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Forgets the observed requests and resets the stats. */
    public void clearRequests() {
        log.clear();
    }

    /** {@code {"total": n, "byAction": {...}, "byCode": {...}}}; success counts under {@code Success}. */
    public Map<String, Object> stats() {
        return log.stats();
    }

    /** Back to a fresh state: no faults, no foreign load, no observed requests, empty quota windows. Fixtures stay. */
    public void reset() {
        foreignLoad.stopAll();
        faults.reset();
        log.clear();
        windows.clear();
    }

    /**
     * Simulates another application on the primary credential's account: {@code perSecond} requests per second of
     * the action's quota used by someone else, counted in the quota windows exactly as real requests are (see
     * {@link ForeignLoad}); 0 stops it. Runs on real time, whatever the sandbox clock.
     */
    public OcrSandbox foreignLoad(OcrAction action, double perSecond) {
        foreignLoad.set(primary.secretId(), action, perSecond);
        return this;
    }

    /** Foreign requests on the primary account's action admitted within its quota since the load was set. */
    public long foreignAdmitted(OcrAction action) {
        return foreignLoad.admitted(primary.secretId(), action);
    }

    /** Foreign requests on the primary account's action refused (the quota was full) since the load was set. */
    public long foreignRefused(OcrAction action) {
        return foreignLoad.refused(primary.secretId(), action);
    }

    /** SecretId of the first registered (or the generated) credential. */
    public String secretId() {
        return primary.secretId();
    }

    /** SecretKey of the first registered (or the generated) credential. */
    public String secretKey() {
        return primary.secretKey();
    }

    /** The admin API's token, or null when it answers loopback clients only. */
    public String adminToken() {
        return adminToken;
    }

    /** Session token of the first registered credential, or null. */
    public String token() {
        return primary.token();
    }

    /** True when the local recognizers answer (asked for, and their engine loaded). */
    public boolean localRecognition() {
        return localRecognition;
    }

    public int quota(OcrAction action) {
        return quotas.get(action);
    }

    public long maxBase64Bytes(OcrAction action) {
        return maxBase64Bytes.get(action);
    }

    public Clock clock() {
        return clock;
    }

    // ---- for the handlers --------------------------------------------------------------------------------------

    Credential credential(String secretId) {
        return credentials.get(secretId);
    }

    Recognizer recognizer(OcrAction action) {
        return recognizers.get(action);
    }

    ObjectMapper json() {
        return json;
    }

    AtomicInteger inFlightCounter() {
        return inFlight;
    }

    RequestLog log() {
        return log;
    }

    QuotaWindows windows() {
        return windows;
    }

    ForeignLoad foreignLoads() {
        return foreignLoad;
    }

    ImageDownloader downloader() {
        return downloader;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A random admin token: 32 alphanumerics from {@link SecureRandom}. */
    public static String generateAdminToken() {
        return alnum(new SecureRandom(), 32);
    }

    static Credential generate() {
        SecureRandom random = new SecureRandom();
        return new Credential("AKID" + alnum(random, 32), alnum(random, 32), null);
    }

    private static String alnum(SecureRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ocr-sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a sandbox; every setting has Tencent's default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final Map<String, Credential> credentials = new LinkedHashMap<>();
        private final Map<OcrAction, Integer> quotas = new EnumMap<>(OcrAction.class);
        private final Map<OcrAction, Long> maxBase64Bytes = new EnumMap<>(OcrAction.class);
        private final Map<OcrAction, Recognizer> recognizers = new EnumMap<>(OcrAction.class);
        private Clock clock = Clock.systemUTC();
        private Path fixtureDir;
        private SandboxFaults faults = new SandboxFaults();
        private boolean localRecognition;
        private String adminToken;

        private Builder() {
        }

        /**
         * Interface to bind; default 127.0.0.1. The admin API answers loopback clients only, whatever this is, unless
         * an {@linkplain #adminToken admin token} is set.
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host.trim();
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be within 0..65535");
            }
            this.port = port;
            return this;
        }

        /**
         * The token the admin API then asks of every client ({@code Authorization: Bearer <token>}), from loopback
         * or not: for a sandbox bound beyond loopback whose admin API is used from another machine. Unset (the
         * default): loopback clients only, no token.
         */
        public Builder adminToken(String token) {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("the admin token must not be blank");
            }
            this.adminToken = token;
            return this;
        }

        /** Registers a permanent key pair. The first credential registered is the "primary" one. */
        public Builder credential(String secretId, String secretKey) {
            return credential(secretId, secretKey, null);
        }

        /** Registers a temporary key pair: requests must carry exactly this {@code X-TC-Token}. */
        public Builder credential(String secretId, String secretKey, String token) {
            if (secretId == null || secretId.isBlank() || secretKey == null || secretKey.isEmpty()) {
                throw new IllegalArgumentException("A sandbox credential needs a SecretId and a SecretKey");
            }
            credentials.put(secretId, new Credential(secretId, secretKey, token == null || token.isEmpty() ? null : token));
            return this;
        }

        /** Registers a random throwaway key pair (see {@link OcrSandbox#withGeneratedCredentials()}). */
        public Builder generatedCredential() {
            Credential c = generate();
            credentials.put(c.secretId(), c);
            return this;
        }

        /** Requests per second admitted per (SecretId, action); default the action's Tencent default. */
        public Builder quota(OcrAction action, int perSecond) {
            if (perSecond <= 0) {
                throw new IllegalArgumentException("quota must be positive (use Integer.MAX_VALUE for no limit)");
            }
            quotas.put(action, perSecond);
            return this;
        }

        /** Longest {@code ImageBase64} text (and Base64 size of a downloaded image) accepted for the action. */
        public Builder maxBase64Bytes(OcrAction action, long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBase64Bytes must be positive");
            }
            maxBase64Bytes.put(action, bytes);
            return this;
        }

        /** Clock for the signature-expiry check, the quota windows and the arrival times; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Folder of {@code *.json} fixtures, loaded by {@link #build()}. */
        public Builder fixtures(Path dir) {
            this.fixtureDir = dir;
            return this;
        }

        public Builder recognizer(OcrAction action, Recognizer recognizer) {
            recognizers.put(action, java.util.Objects.requireNonNull(recognizer, "recognizer"));
            return this;
        }

        /**
         * Real fields from the local recognizer ({@link Recognizer#local()}) for every action not given its own
         * recognizer; empty fields when the local OCR is not on the class path or cannot load here.
         */
        public Builder localRecognition() {
            this.localRecognition = true;
            return this;
        }

        public Builder faults(SandboxFaults faults) {
            this.faults = java.util.Objects.requireNonNull(faults, "faults");
            return this;
        }

        /**
         * Builds the sandbox (not started). Without any credential a random one is generated.
         *
         * @throws IllegalArgumentException when the fixture folder holds an invalid fixture
         */
        public OcrSandbox build() {
            return new OcrSandbox(this);
        }
    }
}
