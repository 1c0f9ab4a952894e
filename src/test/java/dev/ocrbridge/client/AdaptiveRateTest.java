package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * The curve of the adaptive rate: down to under the share the others leave on an overload, level there until a probe
 * is admitted, then back up to the ceiling.
 */
class AdaptiveRateTest {

    private static final double CEILING = 10;
    /** ocrbridge's own ten requests of the second and three of another application's, with a quota of ten. */
    private static final RequestLimitCount THREE_OTHERS = new RequestLimitCount(13, 10);

    @Test
    void withoutAnOverloadTheRateIsTheConfiguredOne() {
        assertThat(AdaptiveRate.rate(CEILING, null, 1_000)).isEqualTo(CEILING);
        assertThat(AdaptiveRate.probeDue(null, 1_000)).isFalse();
    }

    @Test
    void anOverloadThatCountsTheOthersHoldsTheRateUnderTheShareTheyLeaveUntilAProbeIsAdmitted() {
        AdaptiveRate.Decrease d = AdaptiveRate.decreaseFrom(CEILING, CEILING, 10, THREE_OTHERS);

        double held = AdaptiveRate.MARGIN * (10 - 3);
        for (double t = 0; t < 600; t += 0.5) {
            assertThat(AdaptiveRate.rate(CEILING, d, t)).as("at %s s", t).isCloseTo(held, offset(1e-9));
        }
    }

    @Test
    void aRefusalWithNobodyElseInItsSecondLowersTheRateByTheMarginOnly() {
        // eleven of ocrbridge's own requests in the second (one stamped late beside the next): nobody else
        AdaptiveRate.Decrease d = AdaptiveRate.decreaseFrom(CEILING, CEILING, 11, new RequestLimitCount(11, 10));

        assertThat(AdaptiveRate.rate(CEILING, d, 0)).isCloseTo(AdaptiveRate.MARGIN * CEILING, offset(1e-9));
        // and nobody else's share to probe for: back to the ceiling after the probe's period, without one
        assertThat(AdaptiveRate.probeDue(d, AdaptiveRate.PROBE_AFTER_SECONDS)).isFalse();
        assertThat(AdaptiveRate.rate(CEILING, d, AdaptiveRate.PROBE_AFTER_SECONDS + 1)).isEqualTo(CEILING);
    }

    @Test
    void refusalsOfRequestsSentInTheSecondAfterADecreaseDoNotLowerItAgain() {
        // their second still holds the requests sent at the rate before the decrease
        assertThat(AdaptiveRate.lowersAgain(-0.1)).isFalse();
        assertThat(AdaptiveRate.lowersAgain(AdaptiveRate.SETTLE_SECONDS - 0.01)).isFalse();
        assertThat(AdaptiveRate.lowersAgain(AdaptiveRate.SETTLE_SECONDS)).isTrue();
    }

    @Test
    void theHeldRateIsNeverAboveTheRateTheRefusedRequestWasSentAt() {
        // the count leaves 9/s, yet a request sent at 5/s was refused: 5/s is what is known to be too much
        AdaptiveRate.Decrease d = AdaptiveRate.decreaseFrom(5, CEILING, 10, new RequestLimitCount(11, 10));

        assertThat(AdaptiveRate.rate(CEILING, d, 0)).isEqualTo(5);
    }

    @Test
    void withoutACountTheRateIsCutDeeperAtTheCeilingThanUnderIt() {
        assertThat(AdaptiveRate.rate(CEILING, AdaptiveRate.decreaseFrom(CEILING, CEILING, 10, null), 0))
                .isCloseTo(AdaptiveRate.FIRST_DECREASE * CEILING, offset(1e-9));
        assertThat(AdaptiveRate.rate(CEILING, AdaptiveRate.decreaseFrom(8, CEILING, 8, null), 0))
                .isCloseTo(AdaptiveRate.DECREASE * 8, offset(1e-9));
    }

    @Test
    void theProbeIsDueAfterItsPeriodAndOnceAdmittedTheRateClimbsToTheCeiling() {
        AdaptiveRate.Decrease d = AdaptiveRate.decreaseFrom(CEILING, CEILING, 10, THREE_OTHERS);
        double due = AdaptiveRate.PROBE_AFTER_SECONDS;

        assertThat(AdaptiveRate.probeDue(d, due - 0.01)).isFalse();
        assertThat(AdaptiveRate.probeDue(d, due)).isTrue();

        AdaptiveRate.Decrease climbing = d.probeAdmitted(due + 0.5);
        assertThat(AdaptiveRate.probeDue(climbing, due + 1)).as("no second probe once one was admitted").isFalse();
        assertThat(AdaptiveRate.rate(CEILING, climbing, due + 0.5)).isEqualTo(AdaptiveRate.rate(CEILING, d, 0));
        double previous = 0;
        for (double t = due + 0.5; t < due + 10; t += 0.1) {
            double r = AdaptiveRate.rate(CEILING, climbing, t);
            assertThat(r).as("at %s s", t).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(CEILING);
            previous = r;
        }
        double held = AdaptiveRate.rate(CEILING, d, 0);
        double secondsToCeiling = (CEILING - held) / (AdaptiveRate.CLIMB * CEILING);
        assertThat(AdaptiveRate.rate(CEILING, climbing, due + 0.5 + secondsToCeiling + 0.01)).isEqualTo(CEILING);
        // an admitted answer reported late, after a sooner one, does not move the climb's start
        assertThat(climbing.probeAdmitted(due + 3)).isEqualTo(climbing);
    }

    @Test
    void repeatedOverloadsNeverStopTheRate() {
        AdaptiveRate.Decrease others = AdaptiveRate.decreaseFrom(CEILING, CEILING, 1, new RequestLimitCount(40, 10));
        assertThat(AdaptiveRate.rate(CEILING, others, 0)).isEqualTo(AdaptiveRate.FLOOR * CEILING).isPositive();
        double r = CEILING;
        for (int i = 0; i < 100; i++) {
            r = AdaptiveRate.rate(CEILING, AdaptiveRate.decreaseFrom(r, CEILING, (int) r, null), 0);
        }
        assertThat(r).isEqualTo(AdaptiveRate.FLOOR * CEILING).isPositive();
    }

    @Test
    void theTimeScaleDoesNotDependOnTheQuota() {
        AdaptiveRate.Decrease small = AdaptiveRate.decreaseFrom(10, 10, 10, new RequestLimitCount(13, 10))
                .probeAdmitted(7);
        AdaptiveRate.Decrease large = AdaptiveRate.decreaseFrom(400, 400, 400, new RequestLimitCount(520, 400))
                .probeAdmitted(7);
        for (double t = 0; t < 30; t += 0.5) {
            assertThat(AdaptiveRate.rate(400, large, t) / 400).isCloseTo(AdaptiveRate.rate(10, small, t) / 10,
                    offset(1e-9));
        }
    }
}
