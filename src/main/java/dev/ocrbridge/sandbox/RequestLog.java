package dev.ocrbridge.sandbox;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The observed requests (the most recent {@code capacity}) and exact counters per action and per code. */
final class RequestLog {

    static final String SUCCESS = "Success";
    static final String NO_ACTION = "(none)";

    private final int capacity;
    private final ArrayDeque<ObservedRequest> requests = new ArrayDeque<>();
    private final Map<String, Long> byAction = new TreeMap<>();
    private final Map<String, Long> byCode = new TreeMap<>();
    private long total;

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ObservedRequest request) {
        if (requests.size() == capacity) {
            requests.pollFirst();
        }
        requests.addLast(request);
        total++;
        byAction.merge(request.action() == null ? NO_ACTION : request.action(), 1L, Long::sum);
        byCode.merge(request.errorCode() == null ? SUCCESS : request.errorCode(), 1L, Long::sum);
    }

    synchronized List<ObservedRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
        byAction.clear();
        byCode.clear();
        total = 0;
    }

    synchronized Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("byAction", new LinkedHashMap<>(byAction));
        m.put("byCode", new LinkedHashMap<>(byCode));
        return m;
    }
}
