package dev.ocrbridge.bench;

import dev.ocrbridge.client.AdaptiveRate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A simulation of the adaptive rate against another application on the same account, without a loaded machine's
 * noise: the sandbox's sliding one-second windows (refused requests do not count), ocrbridge spaced evenly at the
 * adapted rate (period 1020 ms, 0–4 ms of arrival jitter), answers one latency after arrival, a
 * {@code RequestLimitExceeded} answer to a request sent after the last decrease lowering the rate; a foreign
 * application sending evenly from a random phase, never retrying. Prints, over many seeds, ocrbridge's refused share
 * during the foreign load, the account's (both applications') refused and admitted shares, and the time back to 95 %
 * of the quota after it stops (11 consecutive arrivals at ≥ 9.5/s, as {@code ClusterBench} measures it). A second
 * scenario, the cluster alone, has no foreign application and one request stamped late (a stall of the endpoint, as
 * on a loaded machine): the rate kept over 30 s after that refusal.
 *
 * <p>{@code -Dsim.curve=share} (the default) is {@link AdaptiveRate}'s curve: it holds {@code -Dsim.margin} of the
 * free share estimated from the refused request's second ({@code -Dsim.estimate=message}: the answer's count of the
 * second's requests less ocrbridge's own; {@code admitted}: ocrbridge's admitted ones; {@code cut}: the old
 * multiplicative cut), sends one probe right after a regular request {@code -Dsim.hold} seconds after a decrease
 * ({@code -Dsim.probe=false}: no probe, the climb starts then), and climbs by {@code -Dsim.climb} of the quota per
 * second once the probe is admitted; refusals of requests sent within {@code -Dsim.settle} seconds after a decrease
 * do not lower it again. {@code -Dsim.ownCount=rate} counts ocrbridge's own requests from its rate, as a cluster
 * does; {@code -Dsim.drainSeconds} and {@code -Dsim.drainShare} send at that share of the held rate for as long
 * after a cut. {@code -Dsim.curve=cubic} is main's curve before issue 23 (CUBIC's shape) with {@code -Dsim.growth},
 * {@code -Dsim.growthAfterPlateau}, {@code -Dsim.firstDecrease}, {@code -Dsim.decrease} and {@code -Dsim.plateau}.
 * {@code -Dsim.foreignSeconds} (20), {@code -Dsim.stopJitter} (0: the foreign phase lasts up to that many seconds
 * more, so that the stop falls anywhere in the probes' period), {@code -Dsim.foreign} (3/s), {@code -Dsim.seeds}
 * (40), {@code -Dsim.trace} (a seed: print its arrivals and rates).
 */
public final class AdaptiveRateSim {

    private static final int QUOTA = 10;
    private static final double PERIOD = 1.02;
    private static final double LATENCY = 0.5;
    private static final double FOREIGN = Double.parseDouble(System.getProperty("sim.foreign", "3"));
    private static final double ALONE = 10;
    /** The foreign phase's first seconds, whose refusals are counted apart (the rate coming down). */
    private static final double FIRST_SECONDS = 3;
    private static final double AFTER = 30;
    /** The cluster-alone scenario: one request stamped this late, this long into the run. */
    private static final double STALL = 0.12;
    private static final double STALL_AT = 5;

    private static final String CURVE = System.getProperty("sim.curve", "share");
    private static final double GROWTH = Double.parseDouble(System.getProperty("sim.growth",
            "1e-4"));
    private static final double GROWTH_AFTER = Double.parseDouble(System.getProperty("sim.growthAfterPlateau",
            Double.toString(GROWTH)));
    private static final double FIRST = Double.parseDouble(System.getProperty("sim.firstDecrease",
            Double.toString(AdaptiveRate.FIRST_DECREASE)));
    private static final double DECREASE = Double.parseDouble(System.getProperty("sim.decrease",
            Double.toString(AdaptiveRate.DECREASE)));
    private static final double PLATEAU = Double.parseDouble(System.getProperty("sim.plateau", "0.97"));
    private static final String ESTIMATE = System.getProperty("sim.estimate", "message");
    private static final boolean OWN_FROM_RATE = "rate".equals(System.getProperty("sim.ownCount", "exact"));
    private static final double MARGIN = Double.parseDouble(System.getProperty("sim.margin",
            Double.toString(AdaptiveRate.MARGIN)));
    private static final double HOLD = Double.parseDouble(System.getProperty("sim.hold",
            Double.toString(AdaptiveRate.PROBE_AFTER_SECONDS)));
    private static final double CLIMB = Double.parseDouble(System.getProperty("sim.climb",
            Double.toString(AdaptiveRate.CLIMB)));
    private static final boolean PROBE = Boolean.parseBoolean(System.getProperty("sim.probe", "true"));
    private static final double PROBE_GAP = 0.001;
    private static final double SETTLE = Double.parseDouble(System.getProperty("sim.settle",
            Double.toString(AdaptiveRate.SETTLE_SECONDS)));
    private static final boolean SETTLE_AFTER_CUT_ONLY = Boolean.parseBoolean(System.getProperty("sim.settleAfterCutOnly",
            "false"));
    private static final double STOP_JITTER = Double.parseDouble(System.getProperty("sim.stopJitter", "0"));
    private static final boolean NO_OTHERS_CLIMB = Boolean.parseBoolean(System.getProperty("sim.noOthersClimb",
            "true"));
    private static final double DRAIN_SECONDS = Double.parseDouble(System.getProperty("sim.drainSeconds", "0"));
    private static final double DRAIN_SHARE = Double.parseDouble(System.getProperty("sim.drainShare", "0.5"));
    private static final long TRACE = Long.getLong("sim.trace", -1);

    private AdaptiveRateSim() {
    }

    /** What ocrbridge knows when a refusal's answer comes back, about the window the refused request ended. */
    record Refusal(double at, double sentAt, double rateAtSend, int ownAttempts, int ownAdmitted, int timesInSecond) {
    }

    /** A rate curve: the rate at {@code t}, and what a refusal of a request sent after the last decrease does. */
    interface Curve {
        double rate(double t);

        /** Whether a refusal of a request sent at {@code sentAt} still lowers the rate. */
        boolean counts(double sentAt);

        void refused(Refusal r);

        /** A probe to send right after the regular request sent at {@code t}: none by default. */
        default boolean probeAfter(double t) {
            return false;
        }

        /** The answer to a request sent at {@code sentAt} came back admitted. */
        default void admitted(double sentAt, double at) {
        }
    }

    /** The CUBIC-shaped curve ({@link AdaptiveRate}'s, with the parameters above). */
    static final class Cubic implements Curve {
        private double[] decrease; // plateau, k, when

        @Override
        public double rate(double t) {
            if (decrease == null) {
                return QUOTA;
            }
            double x = t - decrease[2] - decrease[1];
            double r = decrease[0] + (x < 0 ? GROWTH : GROWTH_AFTER) * QUOTA * x * x * x;
            return Math.min(QUOTA, Math.max(AdaptiveRate.FLOOR * QUOTA, r));
        }

        @Override
        public boolean counts(double sentAt) {
            return decrease == null || sentAt >= decrease[2];
        }

        @Override
        public void refused(Refusal f) {
            double r = rate(f.at());
            double d = r >= QUOTA ? FIRST : DECREASE;
            decrease = new double[] {PLATEAU * r, Math.cbrt((PLATEAU - d) * r / (GROWTH * QUOTA)), f.at()};
        }
    }

    /** Holds just under the free share the refusal shows, then climbs back steadily. */
    static final class Share implements Curve {
        private double held = Double.NaN;
        private double when;

        private double probedAt = Double.NaN;
        private double climbFrom = Double.NaN;
        private boolean draining;

        @Override
        public double rate(double t) {
            if (Double.isNaN(held)) {
                return QUOTA;
            }
            if (draining && t - when < DRAIN_SECONDS) {
                return held * DRAIN_SHARE;
            }
            double x = t - (PROBE ? climbFrom : when + HOLD);
            return Math.min(QUOTA, held + (x > 0 ? CLIMB * QUOTA * x : 0));
        }

        @Override
        public boolean probeAfter(double t) {
            if (PROBE && !Double.isNaN(held) && Double.isNaN(probedAt) && Double.isNaN(climbFrom) && t >= when + HOLD) {
                probedAt = t + PROBE_GAP;
                return true;
            }
            return false;
        }

        @Override
        public void admitted(double sentAt, double at) {
            if (sentAt == probedAt && Double.isNaN(climbFrom)) {
                climbFrom = at;
            }
        }

        @Override
        public boolean counts(double sentAt) {
            return Double.isNaN(held) || sentAt >= when + (draining || !SETTLE_AFTER_CUT_ONLY ? SETTLE : 0);
        }

        @Override
        public void refused(Refusal f) {
            boolean probe = f.sentAt() == probedAt;
            int own = OWN_FROM_RATE ? (int) Math.ceil(f.rateAtSend() / PERIOD - 1e-9) + (probe ? 1 : 0)
                    : f.ownAttempts();
            double free;
            if ("message".equals(ESTIMATE)) {
                free = MARGIN * (QUOTA - (f.timesInSecond() - own));
            } else if ("admitted".equals(ESTIMATE)) {
                free = MARGIN * f.ownAdmitted();
            } else {
                free = (f.rateAtSend() >= QUOTA ? FIRST : DECREASE) * f.rateAtSend();
            }
            held = Math.max(AdaptiveRate.FLOOR * QUOTA, Math.min(f.rateAtSend(), free));
            // the second still holds the requests sent at the higher rate: fewer for as long, while they leave it
            draining = f.rateAtSend() > held / MARGIN;
            when = f.at();
            probedAt = Double.NaN;
            // nobody else in the second: nothing to probe for, the climb starts when the probe would have gone
            climbFrom = NO_OTHERS_CLIMB && "message".equals(ESTIMATE) && f.timesInSecond() <= own ? when + HOLD
                    : Double.NaN;
        }
    }

    private record Event(double at, int kind, double sentAt, double rate, Refusal refusal) implements Comparable<Event> {
        static final int SEND = 0;
        static final int ARRIVE = 1;
        static final int ANSWER = 2;
        static final int FOREIGN = 3;
        static final int ANSWER_OK = 4;

        @Override
        public int compareTo(Event o) {
            return Double.compare(at, o.at);
        }
    }

    private record Arrival(double at, boolean own, boolean admitted) {
    }

    /**
     * One run. With {@code foreignSeconds > 0}: {ocrbridge's refused share, the account's refused share, the
     * account's admitted share of the quota, seconds back to 95 % (NaN: not within the run)}, all over the foreign
     * phase. With 0 (the cluster alone, one late stamp): {refused, -, the admitted share of the quota over 30 s, -}.
     */
    static double[] run(long seed, double foreignSeconds) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean alone = foreignSeconds == 0;
        // the stop at any moment of the probes' period, not always the same one
        foreignSeconds += alone ? 0 : random.nextDouble() * STOP_JITTER;
        double foreignOff = ALONE + foreignSeconds;
        double end = alone ? AFTER : foreignOff + AFTER;
        Curve curve = "share".equals(CURVE) ? new Share() : new Cubic();
        List<Double> admitted = new ArrayList<>();
        List<Double> attempts = new ArrayList<>();
        List<Arrival> own = new ArrayList<>();
        PriorityQueue<Event> events = new PriorityQueue<>();
        events.add(new Event(0, Event.SEND, 0, 0, null));
        if (!alone) {
            events.add(new Event(ALONE + random.nextDouble() / FOREIGN, Event.FOREIGN, 0, 0, null));
        }
        boolean stalled = false;
        int ownSent = 0;
        int ownRefused = 0;
        int ownRefusedFirst = 0;
        int foreignSent = 0;
        int foreignRefused = 0;
        int aloneAdmitted = 0;
        List<Double> after = new ArrayList<>();
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.at() > end) {
                break;
            }
            double t = e.at();
            switch (e.kind()) {
                case Event.SEND -> {
                    double lag = random.nextDouble() * 0.004;
                    if (alone && !stalled && t >= STALL_AT) {
                        stalled = true;
                        lag += STALL;
                    }
                    double r = curve.rate(t);
                    events.add(new Event(t + lag, Event.ARRIVE, t, r, null));
                    if (e.sentAt() == 0) {
                        events.add(new Event(t + PERIOD / r, Event.SEND, 0, 0, null));
                        if (curve.probeAfter(t)) {
                            events.add(new Event(t + PROBE_GAP, Event.SEND, 1, 0, null));
                        }
                    }
                }
                case Event.ARRIVE -> {
                    int times = insertAndCount(attempts, t);
                    boolean ok = admit(admitted, t);
                    own.add(new Arrival(t, true, ok));
                    if (TRACE == seed) {
                        System.out.printf(Locale.ROOT, "%8.3f %s rate %.2f%n", t, ok ? "ok     " : "REFUSED", e.rate());
                    }
                    if (alone || (t >= ALONE && t < foreignOff)) {
                        ownSent++;
                        ownRefused += ok ? 0 : 1;
                        ownRefusedFirst += ok || t >= ALONE + FIRST_SECONDS ? 0 : 1;
                    }
                    if (ok && alone) {
                        aloneAdmitted++;
                    }
                    if (ok && !alone && t >= foreignOff) {
                        after.add(t);
                    }
                    if (ok) {
                        events.add(new Event(t + LATENCY, Event.ANSWER_OK, e.sentAt(), e.rate(), null));
                    } else {
                        int ownAttempts = 0;
                        int ownAdmitted = 0;
                        for (int i = own.size() - 1; i >= 0 && own.get(i).at() > t - 1; i--) {
                            ownAttempts++;
                            ownAdmitted += own.get(i).admitted() ? 1 : 0;
                        }
                        events.add(new Event(t + LATENCY, Event.ANSWER, e.sentAt(), e.rate(),
                                new Refusal(t + LATENCY, e.sentAt(), e.rate(), ownAttempts, ownAdmitted, times)));
                    }
                }
                case Event.ANSWER -> {
                    if (curve.counts(e.sentAt())) {
                        curve.refused(e.refusal());
                    }
                }
                case Event.ANSWER_OK -> curve.admitted(e.sentAt(), t);
                default -> {
                    if (t < foreignOff) {
                        insertAndCount(attempts, t);
                        boolean ok = admit(admitted, t);
                        foreignSent++;
                        foreignRefused += ok ? 0 : 1;
                        if (TRACE == seed && !ok) {
                            System.out.printf(Locale.ROOT, "%8.3f foreign REFUSED%n", t);
                        }
                        // at least 1/N apart, as the sandbox's load: summed in floating point, three thirds of a
                        // second can fall short of one and put a fourth request in a second
                        events.add(new Event(t + 1 / FOREIGN + 1e-9, Event.FOREIGN, 0, 0, null));
                    }
                }
            }
        }
        if (alone) {
            return new double[] {(double) ownRefused / ownSent, Double.NaN, aloneAdmitted / (QUOTA * AFTER), Double.NaN};
        }
        double back = Double.NaN;
        for (int k = 0; k + QUOTA < after.size(); k++) {
            if (QUOTA / (after.get(k + QUOTA) - after.get(k)) >= 0.95 * QUOTA) {
                back = after.get(k) - foreignOff;
                break;
            }
        }
        return new double[] {(double) ownRefused / ownSent,
                (double) (ownRefused + foreignRefused) / (ownSent + foreignSent),
                (ownSent - ownRefused + foreignSent - foreignRefused) / (QUOTA * foreignSeconds), back,
                ownRefused, ownRefusedFirst, foreignRefused};
    }

    /** Every attempt, admitted or not, as the sandbox counts them in its message: the count in (t − 1 s, t]. */
    private static int insertAndCount(List<Double> attempts, double t) {
        attempts.add(t);
        int n = 0;
        for (int i = attempts.size() - 1; i >= 0 && attempts.get(i) > t - 1; i--) {
            n++;
        }
        return n;
    }

    /** Sliding windows (end − 1 s, end]: admitted when, with it, none holds more than the quota. */
    private static boolean admit(List<Double> admitted, double t) {
        int inWindow = 0;
        for (int i = admitted.size() - 1; i >= 0 && admitted.get(i) > t - 1; i--) {
            inWindow++;
        }
        if (inWindow < QUOTA) {
            admitted.add(t);
            return true;
        }
        return false;
    }

    public static void main(String[] args) {
        double foreignSeconds = Double.parseDouble(System.getProperty("sim.foreignSeconds", "20"));
        int seeds = Integer.getInteger("sim.seeds", 40);
        double refused = 0;
        double worstRefused = 0;
        double accountRefused = 0;
        double account = 0;
        List<Double> back = new ArrayList<>();
        double[] counts = new double[3];
        for (int s = 0; s < seeds; s++) {
            double[] r = run(s, foreignSeconds);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += r[4 + i] / seeds;
            }
            refused += r[0];
            worstRefused = Math.max(worstRefused, r[0]);
            accountRefused += r[1];
            account += r[2];
            back.add(Double.isNaN(r[3]) ? Double.POSITIVE_INFINITY : r[3]);
        }
        Collections.sort(back);
        double aloneRefused = 0;
        double aloneRate = 0;
        for (int s = 0; s < seeds; s++) {
            double[] r = run(s, 0);
            aloneRefused += r[0];
            aloneRate += r[2];
        }
        System.out.printf(Locale.ROOT, "%s: foreign %.0f/s for %.0f s, %d seeds:%n  ocrbridge refused %.2f %% (worst"
                        + " %.2f %%), the account refused %.2f %%, admitted %.1f %%, back to >= 95 %% after %.1f s"
                        + " (median), %.1f s (worst)%n  alone with one late stamp: %.1f %% of the quota over %.0f s,"
                        + " refused %.2f %%%n", describe(), FOREIGN, foreignSeconds, seeds, 100 * refused / seeds,
                100 * worstRefused, 100 * accountRefused / seeds, 100 * account / seeds, back.get(seeds / 2),
                back.get(seeds - 1), 100 * aloneRate / seeds, AFTER, 100 * aloneRefused / seeds);
        System.out.printf(Locale.ROOT, "  per run: ocrbridge refused %.2f (%.2f of them in the first %.0f s), the other"
                + " application %.2f%n", counts[0], counts[1], FIRST_SECONDS, counts[2]);
    }

    private static String describe() {
        if ("share".equals(CURVE)) {
            return String.format(Locale.ROOT, "share (estimate %s, own counted %s, margin %s, hold %s s, climb %s)",
                    ESTIMATE, OWN_FROM_RATE ? "from the rate" : "exactly", MARGIN, HOLD, CLIMB);
        }
        return String.format(Locale.ROOT, "cubic (growth %s, after the plateau %s, decreases %s / %s, plateau %s)",
                GROWTH, GROWTH_AFTER, FIRST, DECREASE, PLATEAU);
    }
}
