package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single JVM's pacer: turns one interval apart, a quota's turns a period apart from the sends, and the
 * adaptive rate's decrease and probe. */
class LocalRequestPacerTest {

    private static final int RATE = 20;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1000) / RATE;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void turnsAreAtLeastOneIntervalApart() {
        LocalRequestPacer pacer = new LocalRequestPacer(RATE, 1000, 0);
        long previous = pacer.awaitSlot().at();
        for (int i = 0; i < 5; i++) {
            long next = pacer.awaitSlot().at();
            assertThat(next - previous).isGreaterThanOrEqualTo(INTERVAL_NANOS);
            previous = next;
        }
    }

    @Test
    void aLateSendHoldsTheTurnOneQuotaLaterUntilAPeriodAfterIt() {
        LocalRequestPacer pacer = new LocalRequestPacer(RATE, 1000, 0);
        LocalRequestPacer.Release first = pacer.awaitSlot();
        long lateness = TimeUnit.MILLISECONDS.toNanos(300);
        pacer.sent(first, lateness); // its last bytes left 300 ms after its turn
        LocalRequestPacer.Release previous = first;
        for (int i = 1; i < RATE; i++) {
            LocalRequestPacer.Release next = pacer.awaitSlot();
            pacer.sent(next, 0);
            assertThat(next.at() - previous.at()).isGreaterThanOrEqualTo(INTERVAL_NANOS);
            previous = next;
        }
        LocalRequestPacer.Release oneQuotaLater = pacer.awaitSlot();

        long allowance = (long) (PostgresRequestPacer.SEND_ALLOWANCE_MILLIS * TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(oneQuotaLater.at() - (first.at() + lateness))
                .as("the turn one quota after a late send waits a period, less the allowance, after that send")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000) - allowance);
    }

    @Test
    void aRefusalThatCountsTheOthersLowersTheRateUnderTheShareTheyLeave() {
        LocalRequestPacer pacer = new LocalRequestPacer(10, 1000, 0);
        List<LocalRequestPacer.Release> turns = turns(pacer, 10);
        LocalRequestPacer.Release refused = turns.get(turns.size() - 1);
        // its second held ocrbridge's requests of that second (all ten, unless the machine stalled) and the others'
        int own = (int) turns.stream().filter(t -> t.at() - (refused.at() - SECOND) > 0).count();
        pacer.limitExceeded(refused, new RequestLimitCount(own + 3, 10));

        assertThat(pacer.currentRate()).isCloseTo(AdaptiveRate.MARGIN * (10 - 3), offset(1e-9));
    }

    @Test
    void afterItsPeriodTheTurnRightAfterARegularOneIsTheProbeAndOnlyItsAdmissionLetsTheRateClimb() {
        LocalRequestPacer pacer = new LocalRequestPacer(10, 1000, 0);
        List<LocalRequestPacer.Release> turns = turns(pacer, 10);
        long decreased = System.nanoTime();
        // ocrbridge's ten requests of the second and one of someone else's
        pacer.limitExceeded(turns.get(turns.size() - 1), new RequestLimitCount(11, 10));
        double held = pacer.currentRate();
        assertThat(held).isLessThan(10);
        long interval = (long) (SECOND / held);

        LocalRequestPacer.Release previous = pacer.awaitSlot();
        LocalRequestPacer.Release probe = null;
        long deadline = decreased + TimeUnit.MILLISECONDS.toNanos((long) (1000 * AdaptiveRate.PROBE_AFTER_SECONDS))
                + 5 * SECOND;
        while (probe == null && System.nanoTime() - deadline < 0) {
            LocalRequestPacer.Release next = pacer.awaitSlot();
            if (next.at() - previous.at() < interval / 2) {
                probe = next;
            } else {
                previous = next;
            }
        }
        assertThat(probe).as("a turn given right after a regular one").isNotNull();
        assertThat((probe.at() - decreased) / 1e9).as("seconds from the decrease to the probe")
                .isGreaterThanOrEqualTo(AdaptiveRate.PROBE_AFTER_SECONDS);
        assertThat(pacer.awaitSlot().at() - previous.at()).as("the schedule runs on from the regular turn")
                .isGreaterThanOrEqualTo(interval - TimeUnit.MILLISECONDS.toNanos(1));

        pacer.admitted(previous);
        assertThat(pacer.currentRate()).as("a regular request's admission says nothing").isEqualTo(held);
        pacer.admitted(probe);
        await().atMost(Duration.ofSeconds(10)).until(() -> pacer.currentRate() == 10);
    }

    @Test
    void theProbeWaitsAPeriodAfterTheSendOneQuotaBeforeItLikeAnyTurn() {
        // a quota of 2 held at about 1/s: every request leaves 300 ms after its turn, so the probe right after a
        // regular turn comes less than a period after the send of the regular turn before that one
        LocalRequestPacer pacer = new LocalRequestPacer(2, 1000, 0);
        List<LocalRequestPacer.Release> turns = turns(pacer, 2);
        long decreased = System.nanoTime();
        pacer.limitExceeded(turns.get(1), new RequestLimitCount(3, 2));
        long interval = (long) (SECOND / pacer.currentRate());
        long lateness = TimeUnit.MILLISECONDS.toNanos(300);

        LocalRequestPacer.Release previous = pacer.awaitSlot();
        pacer.sent(previous, lateness);
        turns.add(previous);
        LocalRequestPacer.Release probe = null;
        long deadline = decreased + TimeUnit.MILLISECONDS.toNanos((long) (1000 * AdaptiveRate.PROBE_AFTER_SECONDS))
                + 5 * interval;
        while (probe == null && System.nanoTime() - deadline < 0) {
            LocalRequestPacer.Release next = pacer.awaitSlot();
            pacer.sent(next, lateness);
            turns.add(next);
            if (next.at() - previous.at() < interval / 2) {
                probe = next;
            } else {
                previous = next;
            }
        }
        assertThat(probe).as("a turn given right after a regular one").isNotNull();

        LocalRequestPacer.Release oneQuotaBefore = turns.get(turns.size() - 3);
        assertThat(oneQuotaBefore.number()).isEqualTo(probe.number() - 2);
        long allowance = (long) (PostgresRequestPacer.SEND_ALLOWANCE_MILLIS * TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(probe.at() - (oneQuotaBefore.at() + lateness))
                .as("the probe waits a period, less the allowance, after the send one quota before it")
                .isGreaterThanOrEqualTo(SECOND - allowance);
    }

    private static List<LocalRequestPacer.Release> turns(LocalRequestPacer pacer, int n) {
        List<LocalRequestPacer.Release> turns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            turns.add(pacer.awaitSlot());
        }
        return turns;
    }
}
