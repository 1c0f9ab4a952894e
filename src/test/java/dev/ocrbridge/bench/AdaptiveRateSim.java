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
 * during the foreign load, the account's admitted share, and the time back to 95 % of the quota after it stops
 * (11 consecutive arrivals at ≥ 9.5/s, as {@code ClusterBench} measures it).
 *
 * <p>The curve is {@link AdaptiveRate}'s; {@code -Dsim.growth}, {@code -Dsim.growthAfterPlateau},
 * {@code -Dsim.firstDecrease}, {@code -Dsim.decrease} and {@code -Dsim.plateau} try others (the growth after the
 * plateau is the same as before it unless given). {@code -Dsim.foreignSeconds} (20), {@code -Dsim.seeds} (40).
 */
public final class AdaptiveRateSim {

    private static final int QUOTA = 10;
    private static final double PERIOD = 1.02;
    private static final double LATENCY = 0.5;
    private static final double FOREIGN = 3;
    private static final double ALONE = 10;

    private static final double GROWTH = Double.parseDouble(System.getProperty("sim.growth",
            Double.toString(AdaptiveRate.GROWTH)));
    private static final double GROWTH_AFTER = Double.parseDouble(System.getProperty("sim.growthAfterPlateau",
            Double.toString(GROWTH)));
    private static final double FIRST = Double.parseDouble(System.getProperty("sim.firstDecrease",
            Double.toString(AdaptiveRate.FIRST_DECREASE)));
    private static final double DECREASE = Double.parseDouble(System.getProperty("sim.decrease",
            Double.toString(AdaptiveRate.DECREASE)));
    private static final double PLATEAU = Double.parseDouble(System.getProperty("sim.plateau",
            Double.toString(AdaptiveRate.PLATEAU)));

    private AdaptiveRateSim() {
    }

    private record Event(double at, int kind, double sentAt) implements Comparable<Event> {
        static final int SEND = 0;
        static final int ARRIVE = 1;
        static final int ANSWER = 2;
        static final int FOREIGN = 3;

        @Override
        public int compareTo(Event o) {
            return Double.compare(at, o.at);
        }
    }

    /** ocrbridge's refused share, the account's admitted share, seconds back to 95 % (NaN: not within the run). */
    static double[] run(long seed, double foreignSeconds) {
        SplittableRandom random = new SplittableRandom(seed);
        double foreignOff = ALONE + foreignSeconds;
        double end = foreignOff + 30;
        List<Double> admitted = new ArrayList<>();
        double[] decrease = null; // plateau, k, when
        PriorityQueue<Event> events = new PriorityQueue<>();
        events.add(new Event(0, Event.SEND, 0));
        events.add(new Event(ALONE + random.nextDouble() / FOREIGN, Event.FOREIGN, 0));
        int own = 0;
        int ownRefused = 0;
        int foreignAdmitted = 0;
        List<Double> after = new ArrayList<>();
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.at() > end) {
                break;
            }
            double t = e.at();
            switch (e.kind()) {
                case Event.SEND -> {
                    events.add(new Event(t + random.nextDouble() * 0.004, Event.ARRIVE, t));
                    events.add(new Event(t + PERIOD / rate(decrease, t), Event.SEND, 0));
                }
                case Event.ARRIVE -> {
                    boolean ok = admit(admitted, t);
                    if (t >= ALONE && t < foreignOff) {
                        own++;
                        ownRefused += ok ? 0 : 1;
                    }
                    if (ok && t >= foreignOff) {
                        after.add(t);
                    }
                    if (!ok) {
                        events.add(new Event(t + LATENCY, Event.ANSWER, e.sentAt()));
                    }
                }
                case Event.ANSWER -> {
                    if (decrease == null || e.sentAt() >= decrease[2]) {
                        double r = rate(decrease, t);
                        double d = r >= QUOTA ? FIRST : DECREASE;
                        decrease = new double[] {PLATEAU * r, Math.cbrt((PLATEAU - d) * r / (GROWTH * QUOTA)), t};
                    }
                }
                default -> {
                    if (t < foreignOff) {
                        foreignAdmitted += admit(admitted, t) ? 1 : 0;
                        events.add(new Event(t + 1 / FOREIGN, Event.FOREIGN, 0));
                    }
                }
            }
        }
        double back = Double.NaN;
        for (int k = 0; k + QUOTA < after.size(); k++) {
            if (QUOTA / (after.get(k + QUOTA) - after.get(k)) >= 0.95 * QUOTA) {
                back = after.get(k) - foreignOff;
                break;
            }
        }
        return new double[] {(double) ownRefused / own,
                (own - ownRefused + foreignAdmitted) / (QUOTA * foreignSeconds), back};
    }

    private static double rate(double[] decrease, double t) {
        if (decrease == null) {
            return QUOTA;
        }
        double x = t - decrease[2] - decrease[1];
        double r = decrease[0] + (x < 0 ? GROWTH : GROWTH_AFTER) * QUOTA * x * x * x;
        return Math.min(QUOTA, Math.max(AdaptiveRate.FLOOR * QUOTA, r));
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
        double account = 0;
        List<Double> back = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            double[] r = run(s, foreignSeconds);
            refused += r[0];
            worstRefused = Math.max(worstRefused, r[0]);
            account += r[1];
            back.add(Double.isNaN(r[2]) ? Double.POSITIVE_INFINITY : r[2]);
        }
        Collections.sort(back);
        System.out.printf(Locale.ROOT, "growth %s (after the plateau %s), decreases %s / %s, plateau %s; foreign %.0f/s"
                        + " for %.0f s, %d seeds:%n  ocrbridge refused %.2f %% (worst %.2f %%), account admitted %.1f %%,"
                        + " back to >= 95 %% after %.1f s (median), %.1f s (worst)%n", GROWTH, GROWTH_AFTER, FIRST,
                DECREASE, PLATEAU, FOREIGN, foreignSeconds, seeds, 100 * refused / seeds, 100 * worstRefused,
                100 * account / seeds, back.get(seeds / 2), back.get(seeds - 1));
    }
}
