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
 * <p>Slots alone do not keep a sliding second under the quota when a request leaves late behind its turn (a fresh
 * JVM's first sends, a thread waiting for a core between the turn and the last bytes): the late one and the punctual
 * ones after it reach the API closer together than their turns. So the cluster pacer's rule holds here too: <em>a turn
 * is taken no earlier than a period, less {@link PostgresRequestPacer#SEND_ALLOWANCE_MILLIS}, after the request of the
 * turn {@code rate} turns before it left.</em> Any {@code rate + 1} requests then leave at least the period less 5 ms
 * apart, and lateness costs throughput only where it would break the quota: a late send moves no slot and delays only
 * the turn one quota later, and only when that one would otherwise come too soon. (Pushing every later turn back
 * after a late send, tried before, cost the Korean action 4 % of its quota on 2 cores.) The adaptive rate's probe is
 * one request over the adapted rate, never over this rule: it is a turn like the others here.
 */
public final class LocalRequestPacer extends SlotPacer<LocalRequestPacer.Release> {

    /** A turn: when it was taken (System.nanoTime) and its number since start-up. */
    record Release(long at, long number) {
    }


    private final ReentrantLock lock = new ReentrantLock(true);
    private final long periodMillis;
    private final long coldStartMillis;
    private long lastRelease = Long.MIN_VALUE;
    private long released;
    /**
     * Guarded by {@code this}: when the request of each of the last turns left (System.nanoTime), turn {@code n} at
     * {@code n % length}; the turn's own moment until its send says later. As long as the configured rate, which the
     * rate only ever comes down from.
     */
    private final long[] leftAt;
    /** Guarded by {@code this}: the turn whose moment {@link #leftAt} holds at each place. */
    private final long[] turnAt;
    private final long sendAllowanceNanos =
            (long) (PostgresRequestPacer.SEND_ALLOWANCE_MILLIS * TimeUnit.MILLISECONDS.toNanos(1));
    /** Guarded by {@code this}: the last decrease and when it happened (System.nanoTime). */
    private AdaptiveRate.Decrease decrease;
    private long decreasedAt;
    /** Guarded by {@code this}: the next turn is the decrease's probe, right after the regular one just given. */
    private boolean probeArmed;
    /** Guarded by {@code this}: the probe's turn once given, so that its answer is known for the probe's. */
    private Release probe;
    /** Guarded by {@code this}: when the turns of the last {@link #RECENT_NANOS} were taken, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    /** How long turns are kept: a refusal's answer comes a latency after its turn, and looks a second back. */
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
        this.leftAt = new long[rate];
        this.turnAt = new long[rate];
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
    synchronized void limitExceeded(Release slot, RequestLimitCount count) {
        if (decrease != null && !AdaptiveRate.lowersAgain((slot.at() - decreasedAt) / 1e9)) {
            return; // sent before the last decrease or right after it, its second that decrease already answered
        }
        long second = TimeUnit.SECONDS.toNanos(1);
        int own = 0;
        for (long given : recent) {
            own += given - (slot.at() - second) > 0 && given - slot.at() <= 0 ? 1 : 0;
        }
        decrease = AdaptiveRate.decreaseFrom(currentRate(slot.at()), rate(), Math.max(1, own), count);
        decreasedAt = System.nanoTime();
        probeArmed = false;
        probe = null;
    }

    @Override
    synchronized void admitted(Release slot) {
        if (slot.equals(probe) && decrease != null) {
            decrease = decrease.probeAdmitted((System.nanoTime() - decreasedAt) / 1e9);
        }
    }

    /**
     * Records a turn taken (in the ring the spacing rule reads, and among the recent ones), and says whether the next
     * turn is the probe: due after a regular turn, so that it leaves right after it, when ocrbridge's share of the
     * sliding second is at its largest.
     */
    private synchronized void taken(Release release, boolean isProbe) {
        int i = (int) (release.number() % leftAt.length);
        leftAt[i] = release.at();
        turnAt[i] = release.number();
        recent.addLast(release.at());
        while (release.at() - recent.peekFirst() > RECENT_NANOS) {
            recent.removeFirst();
        }
        if (isProbe) {
            probeArmed = false;
            probe = release;
        } else if (AdaptiveRate.probeDue(decrease, (release.at() - decreasedAt) / 1e9)
                && (probe == null || (release.at() - probe.at()) / 1e9 >= AdaptiveRate.PROBE_AFTER_SECONDS)) {
            // a probe whose answer never came is tried again as long after it
            probeArmed = true;
        }
    }

    private synchronized boolean probeArmed() {
        return probeArmed;
    }

    /**
     * Turns are taken one at a time under the lock and spaced from the moment the previous request was actually
     * released, so a thread that wakes late never lets the next one go early; and no earlier than a period (less the
     * send allowance) after the request one quota before left.
     *
     * <p>The probe is a turn like the others for that rule: it is numbered, kept among the sends, and waits when the
     * request one quota before it left less than a period (less the allowance) ago. It skips only the adaptive
     * interval: one request more than the adapted rate, right after the regular one, whose schedule runs on from the
     * regular one. Under the configured rate (the probe only comes after a decrease) the rule rarely holds it.
     */
    @Override
    Release awaitSlot() {
        lock.lock();
        try {
            boolean isProbe;
            long remaining;
            while ((remaining = (isProbe = probeArmed())
                    ? untilQuotaAllows(System.nanoTime()) : untilNextTurn(System.nanoTime())) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.currentThread().isInterrupted()) {
                    // never send early: an interrupted wait is a failed attempt (shutdown), not a turn
                    throw new IllegalStateException("interrupted while waiting for the quota");
                }
            }
            long now = System.nanoTime();
            if (!isProbe) {
                lastRelease = now;
            }
            Release release = new Release(now, released++);
            taken(release, isProbe);
            return release;
        } finally {
            lock.unlock();
        }
    }

    @Override
    synchronized void sent(Release slot, long nanosAfterSlot) {
        int i = (int) (slot.number() % leftAt.length);
        if (turnAt[i] == slot.number()) { // not yet a later turn's place
            leftAt[i] = Math.max(leftAt[i], slot.at() + nanosAfterSlot);
        }
    }

    private long untilNextTurn(long now) {
        if (lastRelease == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(lastRelease + interval() - now, untilQuotaAllows(now));
    }

    /** How long until a period, less the send allowance, after the request of the turn one quota before left. */
    private long untilQuotaAllows(long now) {
        int quota = rate();
        if (released < quota) {
            return 0;
        }
        long previousLeft;
        synchronized (this) {
            previousLeft = leftAt[(int) ((released - quota) % leftAt.length)];
        }
        return previousLeft + TimeUnit.MILLISECONDS.toNanos(periodMillis) - sendAllowanceNanos - now;
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
