package dev.ocrbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.support.ScheduledPollConsumer;
import org.awaitility.Awaitility;

/**
 * Samples a condition all through a channel's outage, as a monitor would at any moment, until the failing consumer
 * has gone through one whole back-off (it skips polls after its error threshold) and failed once more after it:
 * the stretch where a state that tracks polls could slip.
 */
final class BackOffSampler {

    private BackOffSampler() {
    }

    static void holdsThroughABackOff(ScheduledPollConsumer consumer, String what, Callable<Boolean> condition) {
        AtomicBoolean backingOff = new AtomicBoolean();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(condition.call()).as(what).isTrue();
            if (consumer.getBackoffCounter() > 0) {
                backingOff.set(true);
            }
            // the back-off ends by clearing its counters; the poll after it counts a new error
            return backingOff.get() && consumer.getBackoffCounter() == 0 && consumer.getErrorCounter() > 0;
        });
    }
}
