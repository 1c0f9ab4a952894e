package dev.ocrbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The least CPU any client and any server can spend on one image body: SHA-256 of the image, its Base64, SHA-256
 * of the Base64. Measured as this thread's CPU time (not wall time: the machine is shared), in the JVM of the run
 * it is printed beside, so both figures come from the same machine in the same state.
 */
final class Floor {

    private static final int WARM_UPS = 5;
    private static final int RUNS = 15;

    private Floor() {
    }

    /** The median CPU time of one floor pass over {@code image}, in nanoseconds. */
    static long medianNanos(byte[] image) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long[] runs = new long[RUNS];
        byte sink = 0;
        for (int i = -WARM_UPS; i < RUNS; i++) {
            long start = threads.getCurrentThreadCpuTime();
            sink ^= sha256.digest(image)[0];
            byte[] base64 = Base64.getEncoder().encode(image);
            sink ^= sha256.digest(base64)[0];
            long spent = threads.getCurrentThreadCpuTime() - start;
            if (i >= 0) {
                runs[i] = spent;
            }
        }
        if (sink == 42) {
            System.out.print(""); // keeps the digests from being optimised away
        }
        Arrays.sort(runs);
        return runs[RUNS / 2];
    }
}
