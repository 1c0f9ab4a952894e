package dev.ocrbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A process's CPU time by thread group, from {@code /proc/<pid>/task/<tid>/stat} (user and system ticks, all
 * threads, the JVM's own included: GC workers, JIT compilers): where the CPU per image goes, which the process
 * total does not say. A thread's group is its name with digits and separators dropped ("Camel (x) thread #12 -
 * file://..." becomes one group per route endpoint kind; "GC Thread#1" becomes "GC Thread"). Threads that ended
 * between two snapshots take their time with them: the breakdown is a lower bound, the process total is exact.
 * Linux only; elsewhere the snapshot is empty.
 */
final class ThreadCpu {

    /** Clock ticks per second of {@code /proc}'s stat fields: 100 on every Linux the JDK runs on. */
    private static final double TICK_MS = 10.0;

    private final Map<String, long[]> byThread; // tid -> {user ticks, system ticks}; plus the tid's group
    private final Map<String, String> groups;

    private ThreadCpu(Map<String, long[]> byThread, Map<String, String> groups) {
        this.byThread = byThread;
        this.groups = groups;
    }

    static ThreadCpu of(long pid) {
        Map<String, long[]> ticks = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path task : s.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // after the name: state(0) ... utime is field 14 of stat, index 11 here; stime index 12
                    ticks.put(task.getFileName().toString(), new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])});
                    groups.put(task.getFileName().toString(), group(name));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while listed
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return new ThreadCpu(ticks, groups);
    }

    /** The kernel's 15-character thread name without digits, so a pool's threads are one group. */
    static String group(String name) {
        return name.replaceAll("[0-9#-]+", " ").replaceAll("\\s+", " ").trim();
    }

    /** Prints each group's CPU per image since {@code before} (user + system, system apart), largest first. */
    String since(ThreadCpu before, int images) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Map.Entry<String, long[]> e : byThread.entrySet()) {
            long[] was = before.byThread.getOrDefault(e.getKey(), new long[2]);
            long[] sum = sums.computeIfAbsent(groups.get(e.getKey()), k -> new long[2]);
            sum[0] += e.getValue()[0] - was[0];
            sum[1] += e.getValue()[1] - was[1];
        }
        StringBuilder out = new StringBuilder();
        sums.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %-16s %6.2f ms (system %5.2f)%n", e.getKey(),
                        (e.getValue()[0] + e.getValue()[1]) * TICK_MS / images, e.getValue()[1] * TICK_MS / images)));
        return out.toString();
    }

    /** CPU per image since {@code before}, in ms, of the groups whose name contains {@code part}, and their system part. */
    double[] groupSince(ThreadCpu before, String part, int images) {
        long user = 0;
        long system = 0;
        for (Map.Entry<String, long[]> e : byThread.entrySet()) {
            if (groups.get(e.getKey()).contains(part)) {
                long[] was = before.byThread.getOrDefault(e.getKey(), new long[2]);
                user += e.getValue()[0] - was[0];
                system += e.getValue()[1] - was[1];
            }
        }
        return new double[] {(user + system) * TICK_MS / images, system * TICK_MS / images};
    }

    /** The whole process's user and system time so far, ms ({@code /proc/<pid>/stat}; ended threads included). */
    static double[] processTimes(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new double[] {Long.parseLong(f[11]) * TICK_MS, Long.parseLong(f[12]) * TICK_MS};
        } catch (IOException | RuntimeException e) {
            return new double[2]; // not Linux
        }
    }
}
