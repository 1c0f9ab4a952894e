package dev.ocrbridge.sandbox;

import dev.ocrbridge.actions.OcrAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Another application on the same account: N requests per second of an action's quota used by someone else. Each
 * load is a thread that takes a place in the sandbox's {@link QuotaWindows} exactly as a real request does (same
 * SecretId, same action, same sliding windows, on the sandbox clock), so ocrbridge's requests meet
 * {@code RequestLimitExceeded} when they and the foreign ones together exceed the quota. Foreign requests are
 * never recorded as observed requests; they are counted here (admitted, refused).
 *
 * <p>The foreign application is a careful one: its requests are spaced evenly, each at least {@code 1/N} s after
 * the previous one actually went, so it alone never exceeds N in any sliding second. A refused foreign request is
 * not retried.
 */
final class ForeignLoad {

    private record Key(String secretId, OcrAction action) {
    }

    private final OcrSandbox sandbox;
    private final Map<Key, Load> loads = new ConcurrentHashMap<>();

    ForeignLoad(OcrSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts, changes or (with 0) stops the foreign load on an account's action. */
    synchronized void set(String secretId, OcrAction action, double perSecond) {
        if (!(perSecond >= 0) || perSecond > 1_000) {
            throw new IllegalArgumentException("perSecond must be within 0..1000");
        }
        if (sandbox.credential(secretId) == null) {
            throw new IllegalArgumentException("no such SecretId registered in the sandbox");
        }
        Key key = new Key(secretId, action);
        Load old = loads.remove(key);
        if (old != null) {
            old.stop();
        }
        if (perSecond > 0) {
            Load load = new Load(key, perSecond);
            loads.put(key, load);
            load.thread.start();
        }
    }

    synchronized void stopAll() {
        loads.values().forEach(Load::stop);
        loads.clear();
    }

    /** {@code {action: {"perSecond", "admitted", "refused"}}} for the loads running on the SecretId. */
    Map<String, Object> describe(String secretId) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OcrAction action : OcrAction.values()) {
            Load load = loads.get(new Key(secretId, action));
            if (load != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("perSecond", load.perSecond);
                m.put("admitted", load.admitted.get());
                m.put("refused", load.refused.get());
                out.put(action.actionName(), m);
            }
        }
        return out;
    }

    /** Foreign requests admitted so far by the running load on the action (0 when none runs). */
    long admitted(String secretId, OcrAction action) {
        Load load = loads.get(new Key(secretId, action));
        return load == null ? 0 : load.admitted.get();
    }

    /** Foreign requests refused so far by the running load on the action (0 when none runs). */
    long refused(String secretId, OcrAction action) {
        Load load = loads.get(new Key(secretId, action));
        return load == null ? 0 : load.refused.get();
    }

    private final class Load implements Runnable {
        private final Key key;
        private final double perSecond;
        private final AtomicLong admitted = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Load(Key key, double perSecond) {
            this.key = key;
            this.perSecond = perSecond;
            this.thread = new Thread(this, "ocr-sandbox-foreign-" + key.action().actionName());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
            long next = System.nanoTime();
            while (running) {
                long remaining;
                while (running && (remaining = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(remaining);
                }
                if (!running) {
                    return;
                }
                long sent = System.nanoTime();
                QuotaWindows.Verdict verdict = sandbox.windows().tryAcquire(key.secretId(), key.action(),
                        sandbox.quota(key.action()), sandbox.clock().millis());
                (verdict.admitted() ? admitted : refused).incrementAndGet();
                next = sent + interval;
            }
        }

        void stop() {
            running = false;
            LockSupport.unpark(thread);
        }
    }
}
