package dev.ocrbridge.client;

import java.util.concurrent.Semaphore;

/**
 * What both pacers share: the configured rate, the {@link RequestPacer#BODIES_IN_WAITING} permits and the turn that
 * holds one. A subclass
 * says how a slot is taken ({@link #awaitSlot()}) and what a {@code RequestLimitExceeded} answer to it does.
 */
abstract class SlotPacer implements RequestPacer {

    private final Semaphore sendPermits = new Semaphore(BODIES_IN_WAITING, true);
    /** The configured rate: the most this pacer sends, whatever the adaptive rate says. */
    private volatile int rate;

    SlotPacer(int rate) {
        this.rate = rate;
    }

    @Override
    public final int rate() {
        return rate;
    }

    @Override
    public final synchronized boolean lowerRateTo(int newRate) {
        if (newRate > 0 && newRate < rate) {
            rate = newRate;
            return true;
        }
        return false;
    }

    @Override
    public final Turn reserve() throws InterruptedException {
        sendPermits.acquire();
        return new PermitTurn();
    }

    /**
     * Blocks until the next free slot and takes it.
     *
     * @return the slot, in the pacer's own time scale, for {@link #limitExceeded(long)} and {@link #sent}
     */
    abstract long awaitSlot();

    /** A request released at {@code slot} was answered {@code RequestLimitExceeded}. */
    abstract void limitExceeded(long slot);

    /**
     * The request released at {@code slot} has left, {@code nanosAfterSlot} (System.nanoTime) after
     * {@link #awaitSlot()} returned it; called on the thread that took the slot.
     */
    void sent(long slot, long nanosAfterSlot) {
    }

    private final class PermitTurn implements Turn {
        private boolean permitHeld = true;
        private boolean slotTaken;
        private long slot;
        private long slotTakenAt;

        @Override
        public long await() {
            long start = System.nanoTime();
            try {
                slot = awaitSlot();
                slotTakenAt = System.nanoTime();
                slotTaken = true;
                return slotTakenAt - start;
            } finally {
                close();
            }
        }

        @Override
        public void sent() {
            if (slotTaken) {
                SlotPacer.this.sent(slot, System.nanoTime() - slotTakenAt);
            }
        }

        @Override
        public void limitExceeded() {
            if (slotTaken) {
                SlotPacer.this.limitExceeded(slot);
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
}
