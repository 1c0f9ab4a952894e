package dev.ocrbridge.component;

import dev.ocrbridge.client.RequestPacer;
import dev.ocrbridge.client.SendGate;
import dev.ocrbridge.errors.HaltRefusal;
import java.time.Instant;

/**
 * What every endpoint of a CamelContext that calls one action with one account shares: the action's request pacer
 * (the quota is the account's) and whether the action is halted (a closed service, an auth failure is the account's
 * too, whichever endpoint met it).
 *
 * <p>A halt stops every send of the action at once: this state is the {@link SendGate} of every caller of the
 * action with the account, asked at the moment of sending. It lasts until {@link #resume()}: an answer that arrives
 * after the halt (a request that was already on the wire) does not lift it, since the account's problem is still
 * there until someone fixes it.
 */
final class AccountActionState implements SendGate {

    /** A halt: the code and RequestId of the answer that raised it (no RequestId when raised locally), and when. */
    record Halt(String code, String requestId, Instant since) {

        Halt(String code, String requestId) {
            this(code, requestId, Instant.now());
        }
    }

    private final RequestPacer pacer;
    private final PacerWaits waits = new PacerWaits();
    private volatile Halt halt;
    private int halts;

    AccountActionState(RequestPacer pacer) {
        this.pacer = pacer;
    }

    RequestPacer pacer() {
        return pacer;
    }

    Halt halt() {
        return halt;
    }

    /** How many times the action was halted for this account since this context made the state. */
    synchronized int halts() {
        return halts;
    }

    /** The waits for a quota turn of every call of the action with the account (the dev console's). */
    PacerWaits waits() {
        return waits;
    }

    @Override
    public void checkOpen() {
        Halt h = halt;
        if (h != null) {
            throw new HaltRefusal(h.code(), "known on this node");
        }
    }

    /**
     * Halts the action for this account (the first halt's code and RequestId are kept) and tells the pacer, so that
     * a cluster's other nodes are granted no turn for it either.
     *
     * @return true when this call halted it
     */
    boolean halted(String code, String requestId) {
        synchronized (this) {
            if (halt != null) {
                return false;
            }
            halt = new Halt(code, requestId);
            halts++;
        }
        pacer.halt(code);
        return true;
    }

    /**
     * Lifts the halt, here and in the pacer (every node of a cluster may be granted turns again).
     *
     * @return true when the action was halted
     */
    boolean resume() {
        Halt was;
        synchronized (this) {
            was = halt;
            halt = null;
        }
        pacer.resume();
        return was != null;
    }
}
