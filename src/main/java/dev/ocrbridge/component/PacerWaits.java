package dev.ocrbridge.component;

import dev.ocrbridge.client.CallObserver;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The waits for a quota turn of one account's action, as its callers report them: the last one and the average since
 * start, for the {@code tencent-ocr} dev console. Counters only, so that every call can report without a lock.
 */
final class PacerWaits implements CallObserver {

    private final LongAdder turns = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong lastNanos = new AtomicLong();

    @Override
    public void waitedForTurn(long nanos) {
        lastNanos.set(nanos);
        totalNanos.add(nanos);
        turns.increment();
    }

    /** Turns taken since start. */
    long turns() {
        return turns.sum();
    }

    /** The latest turn's wait, in nanoseconds; 0 before the first. */
    long lastNanos() {
        return lastNanos.get();
    }

    /** The average wait per turn, in nanoseconds; 0 before the first. */
    long averageNanos() {
        long n = turns.sum();
        return n == 0 ? 0 : totalNanos.sum() / n;
    }
}
