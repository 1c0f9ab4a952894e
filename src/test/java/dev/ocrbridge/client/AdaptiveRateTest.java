package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The curve of the adaptive rate: down on an overload, level near it for a while, back up to the ceiling. */
class AdaptiveRateTest {

    private static final double CEILING = 10;

    @Test
    void withoutAnOverloadTheRateIsTheConfiguredOne() {
        assertThat(AdaptiveRate.rate(CEILING, null, 1_000)).isEqualTo(CEILING);
    }

    @Test
    void anOverloadLowersTheRateWhichClimbsBackLevelsOffUnderTheOverloadAndThenReachesTheCeiling() {
        double overloadedAt = 7;
        AdaptiveRate.Decrease d = AdaptiveRate.decreaseFrom(overloadedAt, CEILING);

        assertThat(AdaptiveRate.rate(CEILING, d, 0)).isLessThan(overloadedAt);
        double previous = 0;
        for (double t = 0; t < 120; t += 0.25) {
            double r = AdaptiveRate.rate(CEILING, d, t);
            assertThat(r).as("at %s s", t).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(CEILING);
            previous = r;
        }
        // the plateau: just under the rate that met the overload, where the free quota probably ends
        assertThat(AdaptiveRate.rate(CEILING, d, d.k())).isLessThan(overloadedAt)
                .isGreaterThan(AdaptiveRate.rate(CEILING, d, 0));
        assertThat(AdaptiveRate.rate(CEILING, d, 120)).isEqualTo(CEILING);
    }

    @Test
    void theFirstOverloadAtTheConfiguredRateDropsDeeperAndStillLevelsOffUnderIt() {
        AdaptiveRate.Decrease first = AdaptiveRate.decreaseFrom(CEILING, CEILING);
        double below = CEILING - 0.01;
        AdaptiveRate.Decrease later = AdaptiveRate.decreaseFrom(below, CEILING);

        assertThat(AdaptiveRate.rate(CEILING, first, 0)).isCloseTo(AdaptiveRate.FIRST_DECREASE * CEILING,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(AdaptiveRate.rate(CEILING, later, 0)).isCloseTo(AdaptiveRate.DECREASE * below,
                org.assertj.core.data.Offset.offset(1e-9));
        // both level off just under where they met the overload, the first one later (it starts lower)
        assertThat(AdaptiveRate.rate(CEILING, first, first.k())).isCloseTo(AdaptiveRate.PLATEAU * CEILING,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.k()).isGreaterThan(later.k());
    }

    @Test
    void repeatedOverloadsNeverStopTheRate() {
        double r = CEILING;
        for (int i = 0; i < 100; i++) {
            r = AdaptiveRate.rate(CEILING, AdaptiveRate.decreaseFrom(r, CEILING), 0);
        }
        assertThat(r).isEqualTo(AdaptiveRate.FLOOR * CEILING).isPositive();
    }

    @Test
    void theTimeScaleDoesNotDependOnTheQuota() {
        AdaptiveRate.Decrease small = AdaptiveRate.decreaseFrom(7, 10);
        AdaptiveRate.Decrease large = AdaptiveRate.decreaseFrom(280, 400);
        for (double t = 0; t < 60; t += 1) {
            assertThat(AdaptiveRate.rate(400, large, t) / 400).isCloseTo(AdaptiveRate.rate(10, small, t) / 10,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
