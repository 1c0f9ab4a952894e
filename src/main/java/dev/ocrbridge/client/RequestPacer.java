package dev.ocrbridge.client;

/**
 * Keeps one account's requests for one action to its quota: one instance per (SecretId, action), shared by
 * everything that calls that action with that account, in one JVM ({@link LocalRequestPacer}) or across a cluster
 * ({@link PostgresRequestPacer}).
 *
 * <p>A request takes its turn in two steps. {@link #reserve()} waits until it may start sending its body: at most
 * {@link #BODIES_IN_WAITING} requests per pacer are on the wire waiting for their turn (their bodies streamed up to
 * the last bytes, see {@code PacedBodyEntity}), so connections held open while waiting stay few whatever the queue,
 * and a cluster node never holds slots far ahead. {@link Turn#await()}, right before the last bytes, waits for the
 * request's slot: requests are spaced evenly, so that no sliding second holds more than the quota.
 *
 * <p>The period is 1020 ms by default (2 % under the quota). The first {@code rate} requests after start-up can
 * share a cold-start allowance, 0 by default since turns are taken right before the last bytes: a fresh JVM's late
 * first calls are late before their turn, not after it.
 *
 * <p>The rate is adaptive: another application using the same account's quota shows only as
 * {@code RequestLimitExceeded} answers, reported with {@link Turn#limitExceeded()}. The pacer then lowers its rate
 * and recovers it over the following seconds ({@link AdaptiveRate}), never above the configured {@link #rate()}.
 */
public interface RequestPacer {

    /** Requests allowed on the wire waiting for their turn: one waiting, one streaming its body. */
    int BODIES_IN_WAITING = 2;

    /** The configured rate: the account's quota for the action, requests per second, the most the pacer sends. */
    int rate();

    /**
     * Lowers the configured rate when another caller of the same account and action configured a lower one: the
     * account's quota is one, so the most careful setting wins and the sum of all callers never exceeds it.
     *
     * @return true when the rate changed
     */
    boolean lowerRateTo(int newRate);

    /**
     * The rate the pacer spaces requests by at the moment (requests per second), at most {@link #rate()}: lower for
     * a while after {@code RequestLimitExceeded} answers. A cluster pacer tells the rate of its latest turn.
     */
    double currentRate();

    /**
     * The action is halted for this account: a pacer shared beyond this JVM grants no turn to anyone from now on
     * (its turns fail with {@link dev.ocrbridge.errors.HaltRefusal}), so that every node stops at its next turn,
     * without waiting to hear of the halt another way. Nothing to do for a pacer of one JVM, whose callers ask their
     * own {@link SendGate}.
     *
     * @param code the halt's code, given with every refused turn
     */
    default void halt(String code) {
    }

    /** The halt is lifted: turns are granted again. */
    default void resume() {
    }

    /**
     * Waits until this request may start sending its body (see the class comment). Close the returned turn in a
     * {@code finally}: it gives the permit back if {@link Turn#await()} was never reached.
     */
    Turn reserve() throws InterruptedException;

    /** One request's place: sign, stream the body, {@link #await()} before its last bytes, finish the send. */
    interface Turn extends AutoCloseable {

        /**
         * Blocks until the request's slot and gives the permit back.
         *
         * @return nanoseconds waited
         */
        long await();

        /**
         * The request's last bytes have been written and flushed. A cluster's pacer learns how late after its turn
         * the request left (a node descheduled between its turn and the send), so that the turn one quota later
         * comes at least a period after the send; see {@link PostgresRequestPacer}. Nothing happens when the turn
         * was never awaited.
         */
        default void sent() {
        }

        /**
         * The request sent on this turn was answered {@code RequestLimitExceeded}: someone else uses the quota too.
         * Lowers the rate once per overload (answers to requests sent before the last decrease do not count again),
         * to under the share the others leave when the answer counted the second's requests. Nothing happens when
         * the turn was never awaited.
         *
         * @param count what the answer said of the second it met; null when it said nothing
         */
        void limitExceeded(RequestLimitCount count);

        /** As {@link #limitExceeded(RequestLimitCount)}, from an answer that did not count the second's requests. */
        default void limitExceeded() {
            limitExceeded(null);
        }

        /**
         * The request sent on this turn passed the quota (the API answered it with anything but
         * {@code RequestLimitExceeded}): when it was the adaptive rate's probe, the rate climbs back.
         */
        void admitted();

        /** Gives the permit back if {@link #await()} was never reached; idempotent. */
        @Override
        void close();
    }
}
