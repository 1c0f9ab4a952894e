package dev.ocrbridge.service;

import dev.ocrbridge.sandbox.ObservedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Counting from the sandbox's own request log what ocrbridge paid for: an OK answer is a bill. */
final class Bills {

    /**
     * How long after the sandbox wrote an answer ocrbridge may still be reading and recording it: an answer written
     * this long before a kill may have been lost with the process, "still on the wire" (read, parsed, being forced
     * to disk). Generous, for a machine shared by many processes; the kill loop prints both parts separately.
     */
    static final Duration ON_THE_WIRE = Duration.ofMillis(500);

    private Bills() {
    }

    /** Bills per image SHA-256. */
    static Map<String, Long> perImage(List<ObservedRequest> requests) {
        return requests.stream().filter(ObservedRequest::succeeded).map(ObservedRequest::imageSha256)
                .filter(Objects::nonNull).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    /** Bills beyond the first for each image. */
    static long billedTwice(List<ObservedRequest> requests) {
        return perImage(requests).values().stream().mapToLong(n -> n - 1).sum();
    }

    /**
     * OK answers whose request was in the sandbox while the kill was under way ({@code from} .. {@code to}), or whose
     * answer was on the wire then.
     */
    static long inFlightAt(List<ObservedRequest> requests, Instant from, Instant to) {
        return requests.stream().filter(r -> inFlightAt(r, from, to)).count();
    }

    /**
     * The images paid for more often than a kill can explain, with their bills: an image's bills beyond its first
     * must each be one of its own OK answers lost with a killed process (in flight at one of {@code kills}, each a
     * {@code from} .. {@code to} pair). Empty when every second bill is one the kills explain.
     */
    static Map<String, Long> unexplainedBills(List<ObservedRequest> requests, List<Instant[]> kills) {
        Map<String, Long> lostAtKills = requests.stream().filter(r -> r.imageSha256() != null)
                .filter(r -> kills.stream().anyMatch(k -> inFlightAt(r, k[0], k[1])))
                .collect(Collectors.groupingBy(ObservedRequest::imageSha256, Collectors.counting()));
        return perImage(requests).entrySet().stream()
                .filter(e -> e.getValue() - 1 > lostAtKills.getOrDefault(e.getKey(), 0L))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static boolean inFlightAt(ObservedRequest r, Instant from, Instant to) {
        return r.succeeded() && !r.arrival().isAfter(to) && !r.answered().isBefore(from.minus(ON_THE_WIRE));
    }
}
