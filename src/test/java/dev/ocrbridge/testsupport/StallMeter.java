package dev.ocrbridge.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The stalls of this JVM, as jHiccup measures them: a thread that asks to sleep 1 ms over and over and records each
 * wake-up that comes much later than asked (a GC or safepoint pause, or the whole process waiting for a core on a
 * loaded machine). A test whose embedded sandbox stamps arrivals needs it: a request whose last bytes came during
 * such a stall is stamped when the stall ends, however punctually it was sent, so the stamp of an instrument that
 * stalled says nothing about the client's pacing.
 */
public final class StallMeter implements AutoCloseable {

    /** A stall of {@code millis} that ended at {@code end} (wall clock, as the sandbox's default clock). */
    public record Stall(Instant end, long millis) {
    }

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long thresholdNanos;
    private final List<Stall> stalls = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts measuring; stalls of at least {@code thresholdMillis} beyond the 1 ms asked are kept. */
    public StallMeter(long thresholdMillis) {
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
        this.thread = new Thread(this::run, "stall-meter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            long late = System.nanoTime() - before - TICK_NANOS;
            if (late >= thresholdNanos) {
                Stall stall = new Stall(Instant.now(), TimeUnit.NANOSECONDS.toMillis(late));
                synchronized (stalls) {
                    stalls.add(stall);
                }
            }
        }
    }

    /** The stalls that ended in ({@code from}, {@code to}]. */
    public List<Stall> endingWithin(Instant from, Instant to) {
        synchronized (stalls) {
            return stalls.stream().filter(s -> s.end().isAfter(from) && !s.end().isAfter(to)).toList();
        }
    }

    /** Every stall kept so far. */
    public List<Stall> all() {
        synchronized (stalls) {
            return List.copyOf(stalls);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
