package dev.ocrbridge.client;

import java.util.concurrent.Semaphore;

/**
 * What both pacers share: the configured rate, the {@link RequestPacer#BODIES_IN_WAITING} permits and the turn that
 * holds one. A subclass
 * says how a slot is taken ({@link #awaitSlot()}) and what a {@code RequestLimitExceeded} answer to it does. The turn
 * keeps the slot it took, of the subclass's own type {@code S}, and hands it back with the send and the answer.
 */
abstract class SlotPacer<S> implements RequestPacer {

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
     * @return the slot, with whatever {@link #limitExceeded} and {@link #sent} need of it
     */
    abstract S awaitSlot();

    /**
     * A request released at {@code slot} was answered {@code RequestLimitExceeded}, with what the answer said of its
     * second (null when it said nothing).
     */
    abstract void limitExceeded(S slot, RequestLimitCount count);

    /** The request released at {@code slot} passed the quota: the API answered it otherwise. */
    abstract void admitted(S slot);

    /**
     * The request released at {@code slot} has left, {@code nanosAfterSlot} (System.nanoTime) after
     * {@link #awaitSlot()} returned it.
     */
    void sent(S slot, long nanosAfterSlot) {
    }

    private final class PermitTurn implements Turn {
        private boolean permitHeld = true;
        /** Null until a slot is taken. */
        private S slot;
        private long slotTakenAt;

        @Override
        public long await() {
            long start = System.nanoTime();
            try {
                S taken = awaitSlot();
                slotTakenAt = System.nanoTime();
                slot = taken;
                return slotTakenAt - start;
            } finally {
                close();
            }
        }

        @Override
        public void sent() {
            if (slot != null) {
                SlotPacer.this.sent(slot, System.nanoTime() - slotTakenAt);
            }
        }

        @Override
        public void limitExceeded(RequestLimitCount count) {
            if (slot != null) {
                SlotPacer.this.limitExceeded(slot, count);
            }
        }

        @Override
        public void admitted() {
            if (slot != null) {
                SlotPacer.this.admitted(slot);
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
