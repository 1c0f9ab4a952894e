package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single JVM's pacer: turns one interval apart, and a quota's turns a period apart from the sends. */
class LocalRequestPacerTest {

    private static final int RATE = 20;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1000) / RATE;

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
}
