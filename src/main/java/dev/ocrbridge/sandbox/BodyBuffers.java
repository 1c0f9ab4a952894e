package dev.ocrbridge.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Arrays for large request bodies, lent for one request's reading and checks and taken back after them, so that a
 * 7 MB body is read into an array an earlier body used instead of a new one: a new array of that size is zeroed
 * first (one more pass over its 7 MB, often over pages the process touches for the first time) and is garbage
 * for the collector after every request. A lent array holds the body in its first bytes; what follows them is an
 * earlier body's, so its reader must be given the body's length.
 *
 * <p>Bodies under {@link #LENT_FROM} get a new array of their size, as before: one that small comes from the
 * thread's own allocation buffer. At most {@link #KEPT} arrays are kept between requests (a few requests are read
 * and checked at once on a few cores; a request's injected latency is served after its array is given back), so
 * what the sandbox holds for them is bounded by {@code KEPT} times the largest body it accepts.
 */
final class BodyBuffers {

    /** Bodies from this size on are read into a lent array. */
    static final int LENT_FROM = 1 << 20;
    static final int KEPT = 4;
    /** A lent array's size is the body's rounded up to this, so bodies of about the same size share arrays. */
    private static final int GRAIN = 1 << 16;

    private final List<byte[]> kept = new ArrayList<>(KEPT);

    /** An array of at least {@code size} bytes: a kept one if one is large enough, else a new one. */
    byte[] lend(int size) {
        if (size >= LENT_FROM) {
            synchronized (kept) {
                for (int i = kept.size() - 1; i >= 0; i--) {
                    if (kept.get(i).length >= size) {
                        return kept.remove(i);
                    }
                }
            }
            long rounded = ((long) size + GRAIN - 1) / GRAIN * GRAIN;
            return new byte[(int) Math.min(rounded, Integer.MAX_VALUE - 8)];
        }
        return new byte[size];
    }

    /**
     * Takes back an array from {@link #lend} once nothing reads it any more. A small one is dropped; with
     * {@link #KEPT} kept already, it takes the place of the smallest if it is larger, else it is dropped.
     */
    void giveBack(byte[] array) {
        if (array.length < LENT_FROM) {
            return;
        }
        synchronized (kept) {
            if (kept.size() < KEPT) {
                kept.add(array);
                return;
            }
            int smallest = 0;
            for (int i = 1; i < kept.size(); i++) {
                if (kept.get(i).length < kept.get(smallest).length) {
                    smallest = i;
                }
            }
            if (kept.get(smallest).length < array.length) {
                kept.set(smallest, array);
            }
        }
    }
}
