package dev.ocrbridge.sandbox;

import dev.ocrbridge.actions.OcrAction;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding one-second windows per (SecretId, action), measured on the sandbox clock so tests control time.
 *
 * <p>A request is admitted when fewer than {@code quota} admitted requests arrived within the last 1000 ms
 * ({@code now - 1000 < t <= now}). Rejected requests do not count toward the window, so a client that backs off
 * for a second always gets through again; they are counted in the "request times" the message reports.
 */
final class QuotaWindows {

    static final long WINDOW_MILLIS = 1_000;

    /** Outcome of one admission: {@code timesInSecond} counts every attempt in the window, this one included. */
    record Verdict(boolean admitted, int timesInSecond) {
    }

    private static final class Window {
        private final ArrayDeque<Long> admitted = new ArrayDeque<>();
        private final ArrayDeque<Long> attempts = new ArrayDeque<>();

        synchronized Verdict tryAcquire(int quota, long now) {
            evict(admitted, now);
            evict(attempts, now);
            attempts.addLast(now);
            if (admitted.size() >= quota) {
                return new Verdict(false, attempts.size());
            }
            admitted.addLast(now);
            return new Verdict(true, attempts.size());
        }

        private static void evict(ArrayDeque<Long> q, long now) {
            while (!q.isEmpty() && q.peekFirst() <= now - WINDOW_MILLIS) {
                q.pollFirst();
            }
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    Verdict tryAcquire(String secretId, OcrAction action, int quota, long nowMillis) {
        return windows.computeIfAbsent(secretId + '\u0000' + action.actionName(), k -> new Window())
                .tryAcquire(quota, nowMillis);
    }

    void clear() {
        windows.clear();
    }
}
