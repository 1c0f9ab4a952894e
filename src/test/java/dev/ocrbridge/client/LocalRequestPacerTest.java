package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single JVM's pacer: turns one interval apart. */
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
}
