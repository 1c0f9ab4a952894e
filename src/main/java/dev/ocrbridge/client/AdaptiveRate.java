package dev.ocrbridge.client;

/**
 * How fast to send when someone else may be using the same quota. ocrbridge cannot see another application's
 * requests on the account, only the {@code RequestLimitExceeded} answers they cause; so, like TCP's congestion
 * control, it lowers its rate on such an answer and probes back up while the answers stay away.
 *
 * <p>The curve is CUBIC's (RFC 9438), applied to a request rate instead of a congestion window: after an overload
 * met at rate {@code R}, the rate drops to {@code DECREASE × R}, climbs back quickly, levels off just under
 * {@code R} (at {@code PLATEAU × R}, where the free share of the quota probably is) for several seconds, then
 * accelerates again, up to the configured rate. Why not plain additive increase: a step small enough to meet an
 * overload rarely (the issue allows {@code RequestLimitExceeded} on 2 % of requests) takes minutes to climb back
 * once the other application stops; the cubic stays long near the last overload and recovers fast away from it.
 * With another application using 3/s of a 10/s quota, the curve runs at ~96 % of the 7/s left with
 * {@code RequestLimitExceeded} on ~1 % of requests, and climbs back to the full quota ~10–25 s after it stops
 * (a simulation with 500 ms answers; {@code bench/cluster.sh} measures it).
 *
 * <p>The first overload met at the configured rate drops deeper, to {@code FIRST_DECREASE × R} (CUBIC's own
 * multiplicative decrease, 0.7): an overload at the ceiling says that someone else has started to use the quota, not
 * how much of it, and the 10 % steps alone take several round trips (each answer arrives one latency after its
 * request) to come down from the full rate, meeting {@code RequestLimitExceeded} all the way. Measured with a
 * foreign load of 3/s on a quota of 10/s, 500 ms answers: 10 of 423 requests refused over the foreign load's first
 * 60 s with 0.9 (2.36 %), most in its first seconds; a simulation of the same puts 0.7 at ~1.5 % with the same
 * steady rate. The plateau stays at {@code PLATEAU × R}: the curve still probes back up to where the overload was.
 *
 * <p>Everything is relative to the configured rate (the ceiling), so a quota of 10/s and one of 400/s adapt on the
 * same time scale. The state is three values (when the rate was lowered, the plateau, the time to reach it), so
 * that a cluster keeps it in its pacing row and computes the rate in SQL from the same constants
 * ({@link PostgresRequestPacer}). Pure arithmetic: the callers keep the state and the clock.
 */
public final class AdaptiveRate {

    /** After {@code RequestLimitExceeded} at rate R, the rate starts again from this share of R. */
    public static final double DECREASE = 0.9;
    /** After the first {@code RequestLimitExceeded} met at the configured rate, the rate starts from this share. */
    public static final double FIRST_DECREASE = 0.7;
    /** The curve levels off at this share of the rate that met {@code RequestLimitExceeded}. */
    public static final double PLATEAU = 0.97;
    /**
     * The cubic's coefficient, as a share of the configured rate per second³: ~8 s from the decrease to the
     * plateau, then ~15 s more from a plateau of 70 % to the full rate.
     */
    public static final double GROWTH = 1e-4;
    /** The rate never drops under this share of the configured rate, so that the account is probed again. */
    public static final double FLOOR = 0.05;

    private AdaptiveRate() {
    }

    /**
     * The state after a decrease.
     *
     * @param plateau where the curve levels off, requests per second
     * @param k       seconds from the decrease to the plateau
     */
    public record Decrease(double plateau, double k) {
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
        double t = secondsSinceDecrease - decrease.k();
        double r = decrease.plateau() + GROWTH * ceiling * t * t * t;
        return Math.min(ceiling, Math.max(FLOOR * ceiling, r));
    }

    /** The state after {@code RequestLimitExceeded} met at {@code rateNow}. */
    public static Decrease decreaseFrom(double rateNow, double ceiling) {
        double decrease = rateNow >= ceiling ? FIRST_DECREASE : DECREASE;
        return new Decrease(PLATEAU * rateNow, Math.cbrt((PLATEAU - decrease) * rateNow / (GROWTH * ceiling)));
    }
}
