package dev.ocrbridge.client;

/**
 * How fast to send when someone else may be using the same quota. ocrbridge cannot see another application's
 * requests on the account, only the {@code RequestLimitExceeded} answers they cause, and what such an answer says:
 * the account's requests in the second it met ({@link RequestLimitCount}). Three rules:
 *
 * <ol>
 *   <li><b>Hold under the free share.</b> On {@code RequestLimitExceeded}, the other applications' demand is the
 *       answer's count less ocrbridge's own requests of that second; the rate drops to {@link #MARGIN} of what they
 *       leave of the quota, and stays there. A blind multiplicative cut either stays above the free share and meets
 *       refusals one round trip after another (each answer comes a latency after its request), or falls far under it.
 *       A refusal of ocrbridge's own making (its own requests bunched, nobody else in the second) shows nobody else:
 *       the rate drops by the margin only, and climbs back without a probe. Refusals of requests sent in the
 *       {@link #SETTLE_SECONDS} after a decrease do not lower it again: their second still holds the requests sent
 *       before it. An answer without a count falls back on a cut ({@link #FIRST_DECREASE} at
 *       the configured rate, {@link #DECREASE} under it).</li>
 *   <li><b>Probe with one request.</b> {@link #PROBE_AFTER_SECONDS} after the decrease, one request goes right after
 *       a regular one, when ocrbridge's own share of the sliding second is at its largest: one more than the free
 *       share. While the other application keeps its rate, that request is the one refused (its answer's count
 *       renews the estimate), and only it: raising the whole rate instead costs a refusal per round trip until the
 *       answer comes back, and some of the other application's requests, refused unseen.</li>
 *   <li><b>Climb fast once a probe is admitted.</b> An admitted probe means the others left room; the rate climbs by
 *       {@link #CLIMB} of the configured rate per second, up to it, until the next refusal says where the free
 *       share ends now.</li>
 * </ol>
 *
 * <p>So the probe's period bounds both the cost (about one refusal per period while the other application runs)
 * and the time to climb back once it stops (the period, the probe's round trip and the climb). Chosen with
 * {@code AdaptiveRateSim} (the sandbox's sliding windows, 3/s of someone else on a quota of 10/s for 20 s, 500 ms
 * answers): back to 95 % of the quota within 10 s of the other application stopping, at about 2.8 % of the requests
 * refused over those 20 s; the figures are in BENCHMARKS.md.
 *
 * <p>Everything is relative to the configured rate (the ceiling), so a quota of 10/s and one of 400/s adapt on the
 * same time scale. The state is two values and the moment of the decrease, so that a cluster keeps it in its pacing
 * row and computes the rate in SQL from the same constants ({@link PostgresRequestPacer}). Pure arithmetic: the
 * callers keep the state, the probe's turn and the clock.
 */
public final class AdaptiveRate {

    /** The share of the free share held after {@code RequestLimitExceeded}. */
    public static final double MARGIN = 0.97;
    /** Without a count in the answer: the rate drops to this share of the rate the refused request was sent at. */
    public static final double DECREASE = 0.9;
    /** Without a count in the answer, at the configured rate: someone has started to use the quota, not how much. */
    public static final double FIRST_DECREASE = 0.7;
    /** Seconds from a decrease to its probe. */
    public static final double PROBE_AFTER_SECONDS = 7;
    /**
     * Refusals of requests sent within this long after a decrease do not lower the rate again: their second still
     * holds requests sent at the rate before it, and the count, read against the lowered rate, would overstate the
     * others.
     */
    public static final double SETTLE_SECONDS = 1;
    /** After an admitted probe, the rate climbs by this share of the configured rate per second. */
    public static final double CLIMB = 0.5;
    /** The rate never drops under this share of the configured rate, so that the account is probed again. */
    public static final double FLOOR = 0.05;

    private AdaptiveRate() {
    }

    /**
     * The state after a decrease.
     *
     * @param held       requests per second, from the decrease on
     * @param climbAfter seconds from the decrease to its probe's admitted answer, from when the rate climbs;
     *                   infinite until then
     */
    public record Decrease(double held, double climbAfter) {

        /** The decrease's probe was admitted {@code secondsSinceDecrease} after it: the climb starts. */
        public Decrease probeAdmitted(double secondsSinceDecrease) {
            return new Decrease(held, Math.min(climbAfter, secondsSinceDecrease));
        }

        /** Whether the probe was admitted already. */
        public boolean climbing() {
            return climbAfter != Double.POSITIVE_INFINITY;
        }
    }

    /**
     * The rate {@code secondsSinceDecrease} after {@code decrease}; the configured rate when there was none.
     *
     * @param ceiling the configured rate, requests per second
     */
    public static double rate(double ceiling, Decrease decrease, double secondsSinceDecrease) {
        if (decrease == null) {
            return ceiling;
        }
        double climbed = Math.max(0, secondsSinceDecrease - decrease.climbAfter());
        return Math.min(ceiling, Math.max(FLOOR * ceiling, decrease.held() + CLIMB * ceiling * climbed));
    }

    /** Whether the next request after a regular one is the probe of {@code decrease}, if it was not sent yet. */
    public static boolean probeDue(Decrease decrease, double secondsSinceDecrease) {
        return decrease != null && !decrease.climbing() && secondsSinceDecrease >= PROBE_AFTER_SECONDS;
    }

    /**
     * The state after {@code RequestLimitExceeded}.
     *
     * @param rateAtSend  the rate the refused request was sent at
     * @param ceiling     the configured rate
     * @param ownInSecond ocrbridge's requests in the second that ended with the refused one, itself included
     * @param count       what the answer said of that second; null when it did not say
     */
    public static Decrease decreaseFrom(double rateAtSend, double ceiling, int ownInSecond, RequestLimitCount count) {
        double held;
        double climbAfter = Double.POSITIVE_INFINITY;
        if (count != null) {
            int others = Math.max(0, count.timesInSecond() - ownInSecond);
            held = MARGIN * (count.limit() - others);
            if (others == 0) {
                // ocrbridge's own requests bunched: no share to probe for, the climb starts when the probe would go
                climbAfter = PROBE_AFTER_SECONDS;
            }
        } else {
            held = (rateAtSend >= ceiling ? FIRST_DECREASE : DECREASE) * rateAtSend;
        }
        return new Decrease(Math.max(FLOOR * ceiling, Math.min(rateAtSend, held)), climbAfter);
    }

    /** Whether a refusal of a request sent {@code secondsFromDecreaseToSend} after the last decrease lowers it again. */
    public static boolean lowersAgain(double secondsFromDecreaseToSend) {
        return secondsFromDecreaseToSend >= SETTLE_SECONDS;
    }
}
