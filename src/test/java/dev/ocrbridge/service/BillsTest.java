package dev.ocrbridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.sandbox.ObservedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kill tests' count of double bills: per image, each second bill one of that image's answers lost at a kill. */
class BillsTest {

    private static final Instant KILL = Instant.parse("2026-12-01T08:00:10Z");
    private static final List<Instant[]> KILLS = List.<Instant[]>of(new Instant[] {KILL, KILL.plusMillis(20)});

    @Test
    void anImageBilledTwiceWithoutAnAnswerOfItsOwnLostAtAKillIsNamedEvenWhenTheTotalsMatch() {
        List<ObservedRequest> requests = List.of(
                // "a": answered on the wire at the kill, and sent again by the next run: explained
                ok("a", KILL.minusMillis(100), KILL.minusMillis(50)),
                ok("a", KILL.plusSeconds(5), KILL.plusSeconds(5)),
                // "b": answered on the wire at the kill too, but never sent again
                ok("b", KILL.minusMillis(90), KILL.minusMillis(40)),
                // "c": answered long before the kill, and paid for again anyway
                ok("c", KILL.minusSeconds(8), KILL.minusSeconds(8)),
                ok("c", KILL.plusSeconds(6), KILL.plusSeconds(6)));

        // the totals cannot tell: two second bills, two answers in flight at the kill
        assertThat(Bills.billedTwice(requests)).isEqualTo(2);
        assertThat(Bills.inFlightAt(requests, KILLS.get(0)[0], KILLS.get(0)[1])).isEqualTo(2);
        assertThat(Bills.unexplainedBills(requests, KILLS)).containsExactly(Map.entry(sha("c"), 2L));
    }

    @Test
    void eachSecondBillNeedsItsOwnLostAnswer() {
        List<ObservedRequest> requests = List.of(
                ok("a", KILL.minusMillis(100), KILL.minusMillis(50)),
                ok("a", KILL.plusSeconds(5), KILL.plusSeconds(5)),
                ok("a", KILL.plusSeconds(7), KILL.plusSeconds(7)));
        assertThat(Bills.unexplainedBills(requests, KILLS)).containsExactly(Map.entry(sha("a"), 3L));
        assertThat(Bills.unexplainedBills(requests.subList(0, 2), KILLS)).isEmpty();
    }

    private static ObservedRequest ok(String image, Instant arrival, Instant answered) {
        return new ObservedRequest("RecognizeHealthCodeOCR", PipelineHarness.SECRET_ID, arrival.getEpochSecond(),
                arrival, null, "req-" + image + arrival.toEpochMilli(), 100, "ap-guangzhou", sha(image), answered,
                Set.of());
    }

    private static String sha(String image) {
        return image.repeat(64);
    }
}
