package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single JVM's pacer: turns one interval apart, and a late send spacing the next turn from itself. */
class LocalRequestPacerTest {

    private static final int RATE = 20;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1000) / RATE;

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
    void aRequestSentLateSpacesTheNextTurnFromItsSend() {
        LocalRequestPacer pacer = new LocalRequestPacer(RATE, 1000, 0);
        long late = TimeUnit.MILLISECONDS.toNanos(60);

        long first = pacer.awaitSlot();
        // its last bytes left 60 ms after the turn (a peer slow to read the body)
        pacer.sent(first, late);
        long next = pacer.awaitSlot();

        // without the late send the next turn would come one interval after the first
        assertThat(next - first).isGreaterThanOrEqualTo(
                late - TimeUnit.MILLISECONDS.toNanos(LocalRequestPacer.LATE_SEND_MILLIS) + INTERVAL_NANOS);
    }

    @Test
    void aPunctualSendKeepsTheSchedule() {
        LocalRequestPacer pacer = new LocalRequestPacer(RATE, 1000, 0);
        long first = pacer.awaitSlot();
        pacer.sent(first, TimeUnit.MILLISECONDS.toNanos(1));
        long next = pacer.awaitSlot();
        assertThat(next - first).isGreaterThanOrEqualTo(INTERVAL_NANOS)
                .isLessThan(INTERVAL_NANOS + TimeUnit.MILLISECONDS.toNanos(LocalRequestPacer.LATE_SEND_MILLIS));
    }
}
