package dev.ocrbridge.pipeline;

import dev.ocrbridge.actions.OcrAction;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Keeps each action's requests to its quota by spacing them evenly: one request every
 * {@code periodMillis / rate}, in arrival order, immediately before the request is sent.
 *
 * <p>Written here rather than using Camel's throttle EIP because the two differ where it matters for "never
 * exceed": the throttle releases a whole window's permits at once, and requests released together reach the
 * API with spread-out delays (2 cores, N threads signing and sending), so the next window's first requests can
 * land within the API's one-second window of the previous burst's last ones. Even spacing releases one request
 * at a time, so the time between release and arrival is small and nearly constant; and the throttle has one
 * time period for every correlation key, while each action needs its own.
 *
 * <p>The period is {@code ocrbridge.throttle.period-ms} (1020 by default: 2% under the quota); the first
 * {@code rate} requests after start-up also share {@code ocrbridge.throttle.cold-start-ms}.
 */
public class QuotaPacer {

    /** Built requests per action allowed to wait for their turn: one waiting, one being built. */
    public static final int BODIES_IN_WAITING = 2;
    private static final String PERMIT_PROPERTY = "CamelOcrBridgeBuildPermit";

    private OcrSettings settings;
    private OcrMetrics metrics;
    private long periodMillis = 1020;
    private long coldStartMillis = 200;
    private final Map<OcrAction, Turns> turns = new EnumMap<>(OcrAction.class);

    public QuotaPacer() {
        for (OcrAction action : OcrAction.values()) {
            turns.put(action, new Turns());
        }
    }

    /**
     * Called before the request is built: at most {@link #BODIES_IN_WAITING} requests per action hold a built
     * body while they wait for their turn; the rest wait here holding only their image, so memory follows what is
     * being sent, not how many images are queued. The permit is given back at the turn, or when the exchange
     * ends if it never gets there.
     */
    public void awaitBuildPermit(Exchange exchange) throws InterruptedException {
        if (exchange.getProperty(PERMIT_PROPERTY) != null) {
            return; // a redelivery of an exchange that failed after taking its permit
        }
        Semaphore permits = this.turns.get(RecognitionIntake.job(exchange).action()).buildPermits;
        permits.acquire();
        exchange.setProperty(PERMIT_PROPERTY, permits);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                releasePermit(done);
            }
        });
    }

    private static void releasePermit(Exchange exchange) {
        Semaphore permits = exchange.getProperty(PERMIT_PROPERTY, Semaphore.class);
        if (permits != null) {
            exchange.removeProperty(PERMIT_PROPERTY);
            permits.release();
        }
    }

    /** Blocks the calling thread until the action's next free slot, then sends it on its way. */
    public void awaitTurn(Exchange exchange) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        long waited;
        try {
            waited = awaitTurn(job.action());
        } finally {
            releasePermit(exchange);
        }
        if (metrics != null) {
            metrics.throttleWait(job.action(), Duration.ofNanos(waited));
        }
        exchange.setProperty(EnvelopeReaderProcessor.SENT_AT, System.nanoTime());
    }

    /**
     * Waits for the action's turn. Turns are taken one at a time under the action's lock and spaced from the
     * moment the previous request was actually released, so a thread that wakes late never lets the next one go
     * early.
     *
     * @return nanoseconds waited
     */
    long awaitTurn(OcrAction action) {
        int rate = settings.action(action).rate();
        Turns turns = this.turns.get(action);
        long start = System.nanoTime();
        turns.lock.lock();
        try {
            long interval = TimeUnit.MILLISECONDS.toNanos(periodMillis) / rate;
            if (turns.released < rate) {
                interval += TimeUnit.MILLISECONDS.toNanos(coldStartMillis) / rate;
            }
            long remaining;
            while (turns.lastRelease != Long.MIN_VALUE
                    && (remaining = turns.lastRelease + interval - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.currentThread().isInterrupted()) {
                    // never send early: an interrupted wait is a failed attempt (shutdown), not a turn
                    throw new IllegalStateException("interrupted while waiting for the quota");
                }
            }
            long released = System.nanoTime();
            turns.lastRelease = released;
            turns.released++;
            return released - start;
        } finally {
            turns.lock.unlock();
        }
    }

    private static final class Turns {
        final ReentrantLock lock = new ReentrantLock(true);
        final Semaphore buildPermits = new Semaphore(BODIES_IN_WAITING, true);
        long lastRelease = Long.MIN_VALUE;
        long released;
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setMetrics(OcrMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Extra time spread over an action's first {@code rate} requests after start-up. The first calls of a fresh
     * JVM reach the API up to ~150 ms late (class loading, new connections, TLS), and a late request must not
     * share a one-second window with the punctual ones after it.
     */
    public void setColdStartMillis(long coldStartMillis) {
        if (coldStartMillis < 0) {
            throw new IllegalArgumentException("cold-start allowance must not be negative: " + coldStartMillis);
        }
        this.coldStartMillis = coldStartMillis;
    }

    public void setPeriodMillis(long periodMillis) {
        if (periodMillis < 1000) {
            throw new IllegalArgumentException("a period under 1000 ms would exceed the quota: " + periodMillis);
        }
        this.periodMillis = periodMillis;
    }
}
