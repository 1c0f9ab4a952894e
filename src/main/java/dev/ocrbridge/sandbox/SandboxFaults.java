package dev.ocrbridge.sandbox;

import dev.ocrbridge.actions.OcrAction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Faults the sandbox injects, changeable while it runs (from Java or from {@code POST /_sandbox/faults}).
 * Thread-safe; every random draw comes from one seedable {@link Random}, so a seeded run is reproducible for a
 * given request order. Setters return {@code this} for chaining.
 *
 * <p>Where each fault acts in the request's life: drop and gateway status before anything else (the request never
 * reaches the API: no envelope, no RequestId); then, once the request is authenticated and its region accepted,
 * forced action answers, {@link #failNext}, {@link #rateLimitBurst} and {@link #internalErrorShare}, in that
 * order, before the quota. Latency is added to every answer, faults included.
 */
public final class SandboxFaults {

    /** Default seed of the random draws. */
    public static final long DEFAULT_SEED = 20_261_122L;

    private record Pending(String code, int remaining) {
    }

    private long seed = DEFAULT_SEED;
    private Random random = new Random(DEFAULT_SEED);
    private long latencyMillis;
    private double spikeShare;
    private long spikeMillis;
    private double internalErrorShare;
    private int rateLimitBurst;
    private int gatewayStatus = 502;
    private double gatewayShare;
    private double dropShare;
    private final Deque<Pending> failNext = new ArrayDeque<>();
    private final Map<OcrAction, String> actionAnswers = new EnumMap<>(OcrAction.class);
    private Duration clockOffset = Duration.ZERO;

    // ---- configuration -------------------------------------------------------------------------------------

    /** Re-seeds the random draws. */
    public synchronized SandboxFaults seed(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        return this;
    }

    /** Fixed delay added to every answer. */
    public synchronized SandboxFaults latencyMillis(long millis) {
        this.latencyMillis = nonNegative("latencyMillis", millis);
        return this;
    }

    /** A share of answers (0..1) gets {@code millis} more delay on top of the fixed latency. */
    public synchronized SandboxFaults latencySpike(double share, long millis) {
        this.spikeShare = share("latencySpikeShare", share);
        this.spikeMillis = nonNegative("latencySpikeMillis", millis);
        return this;
    }

    /** A share of authenticated requests (0..1) answers {@code InternalError}. */
    public synchronized SandboxFaults internalErrorShare(double share) {
        this.internalErrorShare = share("internalErrorShare", share);
        return this;
    }

    /** The next {@code n} authenticated requests answer {@code RequestLimitExceeded} whatever the quota. */
    public synchronized SandboxFaults rateLimitBurst(int n) {
        this.rateLimitBurst = (int) nonNegative("rateLimitBurst", n);
        return this;
    }

    /** A share of requests (0..1) gets HTTP {@code status} (400..599) with a gateway's non-envelope body. */
    public synchronized SandboxFaults gatewayStatus(int status, double share) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("gatewayStatus must be an HTTP error status (400..599): " + status);
        }
        this.gatewayStatus = status;
        this.gatewayShare = share("gatewayShare", share);
        return this;
    }

    /** A share of requests (0..1) has its connection closed with no answer at all. */
    public synchronized SandboxFaults dropShare(double share) {
        this.dropShare = share("dropShare", share);
        return this;
    }

    /** The next {@code n} authenticated requests answer {@code code}; queued after earlier {@code failNext} calls. */
    public synchronized SandboxFaults failNext(String code, int n) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("failNext needs a code");
        }
        if (n > 0) {
            failNext.addLast(new Pending(code.trim(), n));
        }
        return this;
    }

    /** Every request for the action answers {@code code} (ActionOffline, FailedOperation.UnOpenError, ...). */
    public synchronized SandboxFaults actionAnswer(OcrAction action, String code) {
        if (action == null || code == null || code.isBlank()) {
            throw new IllegalArgumentException("actionAnswer needs an action and a code");
        }
        actionAnswers.put(action, code.trim());
        return this;
    }

    public synchronized SandboxFaults clearActionAnswer(OcrAction action) {
        actionAnswers.remove(action);
        return this;
    }

    /** Skew of the clock the signature timestamp is checked against (positive: the sandbox runs ahead). */
    public synchronized SandboxFaults clockOffset(Duration offset) {
        this.clockOffset = offset == null ? Duration.ZERO : offset;
        return this;
    }

    /** Back to no faults at all, the random draws re-seeded with the current seed. */
    public synchronized SandboxFaults reset() {
        random = new Random(seed);
        latencyMillis = 0;
        spikeShare = 0;
        spikeMillis = 0;
        internalErrorShare = 0;
        rateLimitBurst = 0;
        gatewayStatus = 502;
        gatewayShare = 0;
        dropShare = 0;
        failNext.clear();
        actionAnswers.clear();
        clockOffset = Duration.ZERO;
        return this;
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    public synchronized long latencyMillis() {
        return latencyMillis;
    }

    public synchronized double internalErrorShare() {
        return internalErrorShare;
    }

    public synchronized int rateLimitBurst() {
        return rateLimitBurst;
    }

    public synchronized int gatewayStatus() {
        return gatewayStatus;
    }

    public synchronized double gatewayShare() {
        return gatewayShare;
    }

    public synchronized double dropShare() {
        return dropShare;
    }

    public synchronized Duration clockOffset() {
        return clockOffset;
    }

    public synchronized String actionAnswer(OcrAction action) {
        return actionAnswers.get(action);
    }

    /** The current faults as the admin endpoint shows them (same keys as the JSON patch). */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("latencyMillis", latencyMillis);
        m.put("latencySpikeShare", spikeShare);
        m.put("latencySpikeMillis", spikeMillis);
        m.put("internalErrorShare", internalErrorShare);
        m.put("rateLimitBurst", rateLimitBurst);
        m.put("gatewayStatus", gatewayStatus);
        m.put("gatewayShare", gatewayShare);
        m.put("dropShare", dropShare);
        List<Map<String, Object>> pending = new ArrayList<>();
        for (Pending p : failNext) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", p.code());
            entry.put("count", p.remaining());
            pending.add(entry);
        }
        m.put("failNext", pending);
        Map<String, Object> answers = new LinkedHashMap<>();
        actionAnswers.forEach((action, code) -> answers.put(action.actionName(), code));
        m.put("actionAnswer", answers);
        m.put("clockOffsetSeconds", clockOffset.getSeconds());
        return m;
    }

    /**
     * Applies a JSON patch (already parsed): only the keys present change. Everything is validated before anything
     * changes, so a bad patch leaves the faults as they were.
     *
     * @throws IllegalArgumentException naming the first bad key
     */
    public void apply(Map<String, Object> patch) {
        List<Runnable> changes = new ArrayList<>();
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "seed" -> {
                    long s = asLong(key, v);
                    changes.add(() -> seed(s));
                }
                case "latencyMillis" -> {
                    long ms = nonNegative(key, asLong(key, v));
                    changes.add(() -> latencyMillis(ms));
                }
                case "latencySpikeShare" -> {
                    double s = share(key, asDouble(key, v));
                    changes.add(() -> latencySpike(s, spikeMillisNow()));
                }
                case "latencySpikeMillis" -> {
                    long ms = nonNegative(key, asLong(key, v));
                    changes.add(() -> latencySpike(spikeShareNow(), ms));
                }
                case "internalErrorShare" -> {
                    double s = share(key, asDouble(key, v));
                    changes.add(() -> internalErrorShare(s));
                }
                case "rateLimitBurst" -> {
                    int n = (int) nonNegative(key, asLong(key, v));
                    changes.add(() -> rateLimitBurst(n));
                }
                case "gatewayStatus" -> {
                    int status = (int) asLong(key, v);
                    if (status < 400 || status > 599) {
                        throw new IllegalArgumentException("gatewayStatus must be within 400..599");
                    }
                    changes.add(() -> gatewayStatus(status, gatewayShare()));
                }
                case "gatewayShare" -> {
                    double s = share(key, asDouble(key, v));
                    changes.add(() -> gatewayStatus(gatewayStatus(), s));
                }
                case "dropShare" -> {
                    double s = share(key, asDouble(key, v));
                    changes.add(() -> dropShare(s));
                }
                case "failNext" -> {
                    List<?> entries = v instanceof List<?> list ? list : Arrays.asList(v);
                    for (Object entry : entries) {
                        if (!(entry instanceof Map<?, ?> map) || !(map.get("code") instanceof String code)
                                || code.isBlank()) {
                            throw new IllegalArgumentException("failNext must be {\"code\": ..., \"count\": n}");
                        }
                        int count = map.containsKey("count") ? (int) nonNegative(key, asLong(key, map.get("count"))) : 1;
                        changes.add(() -> failNext(code, count));
                    }
                }
                case "actionAnswer" -> {
                    if (!(v instanceof Map<?, ?> map)) {
                        throw new IllegalArgumentException("actionAnswer must be an object of action name to code");
                    }
                    for (Map.Entry<?, ?> a : map.entrySet()) {
                        OcrAction action = exactAction(String.valueOf(a.getKey()));
                        Object code = a.getValue();
                        if (code == null || (code instanceof String s && s.isBlank())) {
                            changes.add(() -> clearActionAnswer(action));
                        } else if (code instanceof String s) {
                            changes.add(() -> actionAnswer(action, s));
                        } else {
                            throw new IllegalArgumentException("actionAnswer values must be codes (strings) or null");
                        }
                    }
                }
                case "clockOffsetSeconds" -> {
                    long seconds = asLong(key, v);
                    changes.add(() -> clockOffset(Duration.ofSeconds(seconds)));
                }
                default -> throw new IllegalArgumentException("Unknown fault `" + key + "`");
            }
        }
        synchronized (this) {
            changes.forEach(Runnable::run);
        }
    }

    // ---- draws, one per request --------------------------------------------------------------------------------

    /** Delay to add to this answer: the fixed latency plus, for a share of answers, the spike. */
    synchronized long drawLatency() {
        long delay = latencyMillis;
        if (spikeShare > 0 && random.nextDouble() < spikeShare) {
            delay += spikeMillis;
        }
        return delay;
    }

    synchronized boolean drawDrop() {
        return dropShare > 0 && random.nextDouble() < dropShare;
    }

    /** The gateway status to answer, or 0 to let the request through. */
    synchronized int drawGatewayStatus() {
        return gatewayShare > 0 && random.nextDouble() < gatewayShare ? gatewayStatus : 0;
    }

    synchronized String takeFailNext() {
        Pending head = failNext.pollFirst();
        if (head == null) {
            return null;
        }
        if (head.remaining() > 1) {
            failNext.addFirst(new Pending(head.code(), head.remaining() - 1));
        }
        return head.code();
    }

    synchronized boolean takeRateLimitBurst() {
        if (rateLimitBurst > 0) {
            rateLimitBurst--;
            return true;
        }
        return false;
    }

    synchronized boolean drawInternalError() {
        return internalErrorShare > 0 && random.nextDouble() < internalErrorShare;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private synchronized long spikeMillisNow() {
        return spikeMillis;
    }

    private synchronized double spikeShareNow() {
        return spikeShare;
    }

    static OcrAction exactAction(String name) {
        for (OcrAction a : OcrAction.values()) {
            if (a.actionName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown action `" + name + "`; expected one of " + OcrAction.actionNames());
    }

    private static double share(String key, double share) {
        if (!(share >= 0.0 && share <= 1.0)) {
            throw new IllegalArgumentException(key + " must be a share within 0..1");
        }
        return share;
    }

    private static long nonNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
        return value;
    }

    private static long asLong(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException(key + " must be an integer");
    }

    private static double asDouble(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(key + " must be a number");
    }
}
