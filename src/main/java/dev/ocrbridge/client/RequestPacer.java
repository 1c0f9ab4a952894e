package dev.ocrbridge.client;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps one account's requests for one action to its quota by spacing them evenly: one request every
 * {@code periodMillis / rate}, in arrival order, right before the request's last bytes are sent. One instance per
 * (SecretId, action), shared by everything in the CamelContext that calls that action with that account.
 *
 * <p>Camel's throttle EIP is not used on purpose (the same reasoning as the standalone pipeline's pacer, whose logic
 * this is): the throttle releases a whole window's permits at once, and requests released together reach the API
 * with spread-out delays (few cores, many threads signing and sending), so the next window's first requests can
 * land within the API's one-second window of the previous burst's last ones. Even spacing releases one request at a
 * time, so the time between release and arrival is small and nearly constant.
 *
 * <p>The period is 1020 ms by default (2 % under the quota). The first {@code rate} requests after start-up can
 * share a cold-start allowance, 0 by default since turns are taken right before the last bytes: a fresh JVM's late
 * first calls are late before their turn, not after it.
 *
 * <p>At most {@link #BODIES_IN_WAITING} requests are on the wire at once waiting for their turn (their bodies
 * streamed up to the last bytes, see {@code PacedBodyEntity}); the others wait in {@link #reserve()} before
 * sending anything, so connections held open while waiting stay few, whatever the queue.
 */
public final class RequestPacer {

    /** Requests allowed on the wire waiting for their turn: one waiting, one streaming its body. */
    public static final int BODIES_IN_WAITING = 2;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Semaphore sendPermits = new Semaphore(BODIES_IN_WAITING, true);
    private final long periodMillis;
    private final long coldStartMillis;
    private volatile int rate;
    private long lastRelease = Long.MIN_VALUE;
    private long released;

    /**
     * @param rate            requests per period (the account's quota for the action, per second)
     * @param periodMillis    at least 1000: a shorter period would exceed a per-second quota
     * @param coldStartMillis extra time spread over the first {@code rate} requests
     */
    public RequestPacer(int rate, long periodMillis, long coldStartMillis) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        if (periodMillis < 1000) {
            throw new IllegalArgumentException("a period under 1000 ms would exceed the quota: " + periodMillis);
        }
        if (coldStartMillis < 0) {
            throw new IllegalArgumentException("cold-start allowance must not be negative: " + coldStartMillis);
        }
        this.rate = rate;
        this.periodMillis = periodMillis;
        this.coldStartMillis = coldStartMillis;
    }

    public int rate() {
        return rate;
    }

    /**
     * Lowers the rate when another caller of the same account and action configured a lower one: the account's
     * quota is one, so the most careful setting wins and the sum of all callers never exceeds it.
     *
     * @return true when the rate changed
     */
    public synchronized boolean lowerRateTo(int newRate) {
        if (newRate > 0 && newRate < rate) {
            rate = newRate;
            return true;
        }
        return false;
    }

    /**
     * Waits until this request may start sending its body (see the class comment). Close the returned turn in a
     * {@code finally}: it gives the permit back if {@link Turn#await()} was never reached.
     */
    public Turn reserve() throws InterruptedException {
        sendPermits.acquire();
        return new Turn();
    }

    /** One request's place: sign, stream the body, {@link #await()} before its last bytes, finish the send. */
    public final class Turn implements AutoCloseable {
        private boolean permitHeld = true;

        private Turn() {
        }

        /**
         * Blocks until the next free slot and gives the permit back.
         *
         * @return nanoseconds waited
         */
        public long await() {
            try {
                return awaitSlot();
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            if (permitHeld) {
                permitHeld = false;
                sendPermits.release();
            }
        }
    }

    /**
     * Turns are taken one at a time under the lock and spaced from the moment the previous request was actually
     * released, so a thread that wakes late never lets the next one go early.
     */
    private long awaitSlot() {
        long start = System.nanoTime();
        lock.lock();
        try {
            int r = rate;
            long interval = TimeUnit.MILLISECONDS.toNanos(periodMillis) / r;
            if (released < r) {
                interval += TimeUnit.MILLISECONDS.toNanos(coldStartMillis) / r;
            }
            long remaining;
            while (lastRelease != Long.MIN_VALUE && (remaining = lastRelease + interval - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.currentThread().isInterrupted()) {
                    // never send early: an interrupted wait is a failed attempt (shutdown), not a turn
                    throw new IllegalStateException("interrupted while waiting for the quota");
                }
            }
            long now = System.nanoTime();
            lastRelease = now;
            released++;
            return now - start;
        } finally {
            lock.unlock();
        }
    }
}
