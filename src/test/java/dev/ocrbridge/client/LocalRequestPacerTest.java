package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single JVM's pacer: turns one interval apart, and the adaptive rate's decrease and probe. */
class LocalRequestPacerTest {

    private static final int RATE = 20;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1000) / RATE;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void turnsAreAtLeastOneIntervalApart() {
        LocalRequestPacer pacer = new LocalRequestPacer(RATE, 1000, 0);
        long previous = pacer.awaitSlot();
        for (int i = 0; i < 5; i++) {
            long next = pacer.awaitSlot();
            assertThat(next - previous).isGreaterThanOrEqualTo(INTERVAL_NANOS);
            previous = next;
        }
    }

    @Test
    void aRefusalThatCountsTheOthersLowersTheRateUnderTheShareTheyLeave() {
        LocalRequestPacer pacer = new LocalRequestPacer(10, 1000, 0);
        List<Long> slots = slots(pacer, 10);
        long refused = slots.get(slots.size() - 1);
        // its second held ocrbridge's requests of that second (all ten, unless the machine stalled) and the others'
        int own = (int) slots.stream().filter(s -> s - (refused - SECOND) > 0).count();
        pacer.limitExceeded(refused, new RequestLimitCount(own + 3, 10));

        assertThat(pacer.currentRate()).isCloseTo(AdaptiveRate.MARGIN * (10 - 3), offset(1e-9));
    }

    @Test
    void afterItsPeriodTheTurnRightAfterARegularOneIsTheProbeAndOnlyItsAdmissionLetsTheRateClimb() {
        LocalRequestPacer pacer = new LocalRequestPacer(10, 1000, 0);
        List<Long> slots = slots(pacer, 10);
        long decreased = System.nanoTime();
        // ocrbridge's ten requests of the second and one of someone else's
        pacer.limitExceeded(slots.get(slots.size() - 1), new RequestLimitCount(11, 10));
        double held = pacer.currentRate();
        assertThat(held).isLessThan(10);
        long interval = (long) (SECOND / held);

        long previous = pacer.awaitSlot();
        long probe = 0;
        long deadline = decreased + TimeUnit.MILLISECONDS.toNanos((long) (1000 * AdaptiveRate.PROBE_AFTER_SECONDS))
                + 5 * SECOND;
        while (probe == 0 && System.nanoTime() - deadline < 0) {
            long next = pacer.awaitSlot();
            if (next - previous < interval / 2) {
                probe = next;
            } else {
                previous = next;
            }
        }
        assertThat(probe).as("a turn given right after a regular one").isNotZero();
        assertThat((probe - decreased) / 1e9).as("seconds from the decrease to the probe")
                .isGreaterThanOrEqualTo(AdaptiveRate.PROBE_AFTER_SECONDS);
        assertThat(pacer.awaitSlot() - previous).as("the schedule runs on from the regular turn")
                .isGreaterThanOrEqualTo(interval - TimeUnit.MILLISECONDS.toNanos(1));

        pacer.admitted(previous);
        assertThat(pacer.currentRate()).as("a regular request's admission says nothing").isEqualTo(held);
        pacer.admitted(probe);
        await().atMost(Duration.ofSeconds(10)).until(() -> pacer.currentRate() == 10);
    }

    private static List<Long> slots(LocalRequestPacer pacer, int n) {
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.add(pacer.awaitSlot());
        }
        return slots;
    }
}
