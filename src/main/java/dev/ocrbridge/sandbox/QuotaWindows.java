package dev.ocrbridge.sandbox;

import dev.ocrbridge.actions.OcrAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding one-second windows per (SecretId, action), measured on the sandbox clock so tests control time.
 *
 * <p>A request is admitted when, with it, no one-second window ({@code end - 1000 < t <= end}) holds more than
 * {@code quota} admitted arrivals. Rejected requests do not count toward the window, so a client that backs off
 * for a second always gets through again; they are counted in the "request times" the message reports.
 */
final class QuotaWindows {

    static final long WINDOW_MILLIS = 1_000;

    /** Outcome of one admission: {@code timesInSecond} counts every attempt in the window, this one included. */
    record Verdict(boolean admitted, int timesInSecond) {
    }

    /**
     * Requests are checked after their body is read and their signature verified, so a large request can be
     * checked after a smaller one that arrived later: times are kept sorted, and a request is admitted only if
     * every one-second window containing its arrival stays within the quota.
     */
    private static final class Window {
        private final List<Long> admitted = new ArrayList<>();
        private final List<Long> attempts = new ArrayList<>();

        synchronized Verdict tryAcquire(int quota, long t) {
            long horizon = Math.max(t, admitted.isEmpty() ? t : admitted.get(admitted.size() - 1)) - 2 * WINDOW_MILLIS;
            evict(admitted, horizon);
            evict(attempts, horizon);
            insert(attempts, t);
            int timesInSecond = count(attempts, t - WINDOW_MILLIS, t);
            // the windows containing t end at t or at an admitted arrival within the second after t
            boolean fits = count(admitted, t - WINDOW_MILLIS, t) < quota;
            for (int i = upperIndex(admitted, t); fits && i < admitted.size() && admitted.get(i) < t + WINDOW_MILLIS; i++) {
                long end = admitted.get(i);
                fits = count(admitted, end - WINDOW_MILLIS, end) < quota;
            }
            if (!fits) {
                return new Verdict(false, timesInSecond);
            }
            insert(admitted, t);
            return new Verdict(true, timesInSecond);
        }

        /** Entries in (from, to]. */
        private static int count(List<Long> sorted, long from, long to) {
            return upperIndex(sorted, to) - upperIndex(sorted, from);
        }

        /** Index of the first entry greater than {@code value}. */
        private static int upperIndex(List<Long> sorted, long value) {
            int lo = 0;
            int hi = sorted.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted.get(mid) <= value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private static void insert(List<Long> sorted, long value) {
            sorted.add(upperIndex(sorted, value), value);
        }

        private static void evict(List<Long> sorted, long upTo) {
            int n = upperIndex(sorted, upTo);
            if (n > 0) {
                sorted.subList(0, n).clear();
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
