package dev.ocrbridge.client;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pacer of one JVM: one request every {@code periodMillis / rate}, in arrival order, right before the
 * request's last bytes are sent. One instance per (SecretId, action), shared by everything in the CamelContext that
 * calls that action with that account.
 *
 * <p>Camel's throttle EIP is not used on purpose: the throttle releases a whole window's permits at once, and
 * requests released together reach the API with spread-out delays (few cores, many threads signing and sending),
 * so the next window's first requests can land within the API's one-second window of the previous burst's last
 * ones. Even spacing releases one request at a time, so the time between release and arrival is small and nearly
 * constant.
 *
 * <p>The period is 1020 ms by default (2 % under the quota). The first {@code rate} requests after start-up also
 * share a cold-start allowance (the component's {@code coldStartMillis}), 0 by default since turns are taken right
 * before the last bytes: a fresh JVM's late first calls (class loading, new connections) are late before their
 * turn, not after it. After {@code RequestLimitExceeded} the rate follows {@link AdaptiveRate}: the pacer keeps the
 * slots of the last seconds to count its own requests in a refused one's second, and gives the decrease's probe the
 * turn right after a regular one.
 *
 * <p>Unlike the cluster's pacer, a late send does not push the next turn back: tried, it cost the Korean action
 * 4 % of its quota with both actions running on 2 cores (sends more than 5 ms late are common there) and no
 * {@code RequestLimitExceeded} was left for it to prevent; in one JVM the period's margin covers the time from turn
 * to send.
 */
public final class LocalRequestPacer extends SlotPacer<Long> {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final long periodMillis;
    private final long coldStartMillis;
    private long lastRelease = Long.MIN_VALUE;
    private long released;
    /** Guarded by {@code this}: the last decrease and when it happened (System.nanoTime). */
    private AdaptiveRate.Decrease decrease;
    private long decreasedAt;
    /** Guarded by {@code this}: the next turn is the decrease's probe, right after the regular one just given. */
    private boolean probeArmed;
    /** Guarded by {@code this}: the probe's slot once given, so that its answer is known for the probe's. */
    private Long probeSlot;
    /** Guarded by {@code this}: the slots given in the last {@link #RECENT_NANOS}, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    /** How long given slots are kept: a refusal's answer comes a latency after its slot, and looks a second back. */
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * @param rate            requests per period (the account's quota for the action, per second)
     * @param periodMillis    at least 1000: a shorter period would exceed a per-second quota
     * @param coldStartMillis extra time spread over the first {@code rate} requests
     */
    public LocalRequestPacer(int rate, long periodMillis, long coldStartMillis) {
        super(checkSettings(rate, periodMillis, coldStartMillis));
        this.periodMillis = periodMillis;
        this.coldStartMillis = coldStartMillis;
    }

    /** @return {@code rate}, once the three are found usable */
    static int checkSettings(int rate, long periodMillis, long coldStartMillis) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        if (periodMillis < 1000) {
            throw new IllegalArgumentException("a period under 1000 ms would exceed the quota: " + periodMillis);
        }
        if (coldStartMillis < 0) {
            throw new IllegalArgumentException("cold-start allowance must not be negative: " + coldStartMillis);
        }
        return rate;
    }

    @Override
    public double currentRate() {
        return currentRate(System.nanoTime());
    }

    private synchronized double currentRate(long now) {
        return AdaptiveRate.rate(rate(), decrease, (now - decreasedAt) / 1e9);
    }

    @Override
    synchronized void limitExceeded(Long slot, RequestLimitCount count) {
        if (decrease != null && !AdaptiveRate.lowersAgain((slot - decreasedAt) / 1e9)) {
            return; // sent before the last decrease or right after it, its second that decrease already answered
        }
        long second = TimeUnit.SECONDS.toNanos(1);
        int own = 0;
        for (long given : recent) {
            own += given - (slot - second) > 0 && given - slot <= 0 ? 1 : 0;
        }
        decrease = AdaptiveRate.decreaseFrom(currentRate(slot), rate(), Math.max(1, own), count);
        decreasedAt = System.nanoTime();
        probeArmed = false;
        probeSlot = null;
    }

    @Override
    synchronized void admitted(Long slot) {
        if (probeSlot != null && probeSlot.longValue() == slot && decrease != null) {
            decrease = decrease.probeAdmitted((System.nanoTime() - decreasedAt) / 1e9);
        }
    }

    /**
     * Records a slot given, and says whether the next turn is the probe: due after a regular slot, so that it leaves
     * right after it, when ocrbridge's share of the sliding second is at its largest.
     */
    private synchronized void given(long slot, boolean probe) {
        recent.addLast(slot);
        while (slot - recent.peekFirst() > RECENT_NANOS) {
            recent.removeFirst();
        }
        if (probe) {
            probeArmed = false;
            probeSlot = slot;
        } else if (AdaptiveRate.probeDue(decrease, (slot - decreasedAt) / 1e9)
                && (probeSlot == null || (slot - probeSlot) / 1e9 >= AdaptiveRate.PROBE_AFTER_SECONDS)) {
            // a probe whose answer never came is tried again as long after it
            probeArmed = true;
        }
    }

    private synchronized boolean probeArmed() {
        return probeArmed;
    }

    /**
     * Turns are taken one at a time under the lock and spaced from the moment the previous request was actually
     * released, so a thread that wakes late never lets the next one go early.
     */
    @Override
    Long awaitSlot() {
        lock.lock();
        try {
            if (probeArmed()) {
                // one request more than the rate, right after the regular one; the schedule runs on from the regular one
                long now = System.nanoTime();
                given(now, true);
                return now;
            }
            long remaining;
            while (lastRelease != Long.MIN_VALUE && (remaining = lastRelease + interval() - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.currentThread().isInterrupted()) {
                    // never send early: an interrupted wait is a failed attempt (shutdown), not a turn
                    throw new IllegalStateException("interrupted while waiting for the quota");
                }
            }
            long now = System.nanoTime();
            lastRelease = now;
            released++;
            given(now, false);
            return now;
        } finally {
            lock.unlock();
        }
    }

    /** Re-read on every wake-up: a decrease while a request waits lengthens its wait. */
    private long interval() {
        double r = currentRate(System.nanoTime());
        long interval = (long) (TimeUnit.MILLISECONDS.toNanos(periodMillis) / r);
        if (released < rate()) {
            interval += TimeUnit.MILLISECONDS.toNanos(coldStartMillis) / rate();
        }
        return interval;
    }
}
