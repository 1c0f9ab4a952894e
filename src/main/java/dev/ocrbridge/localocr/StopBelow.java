package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tesseract.CANCEL_FUNC;
import org.bytedeco.tesseract.ETEXT_DESC;
import org.bytedeco.tesseract.PROGRESS_FUNC2;

/**
 * A Tesseract progress monitor that ends a recognition at the first word whose middle lies below a given height of
 * the page. The words above it are read exactly as a whole-page read gives them (same layout, same row statistics,
 * same line images); the words below are left unread, which is what makes the read shorter. Tesseract recognises
 * words in reading order and, before each, reports its box and then asks whether to cancel. The height may be given
 * after the recognition has started ({@link #stopAt}); until then, nothing stops it.
 *
 * <p>A JavaCPP callback is a scarce native resource (a handful per class), so one pair of callbacks serves every
 * monitor and finds its monitor's state by the monitor's address.
 */
final class StopBelow implements AutoCloseable {

    private static final Map<Long, StopBelow> OPEN = new ConcurrentHashMap<>();

    /** Tesseract's boxes count y upwards from the page's bottom edge. */
    private static final PROGRESS_FUNC2 BEFORE_EACH_WORD = new PROGRESS_FUNC2() {
        @Override
        public boolean call(ETEXT_DESC monitor, int left, int right, int top, int bottom) {
            StopBelow stop = OPEN.get(monitor.address());
            if (stop != null && stop.reachedAt == null && (left | right | top | bottom) != 0
                    && stop.pageHeight - (top + bottom) / 2 >= stop.stopY) {
                stop.reachedAt = new Rectangle(left, stop.pageHeight - top, right - left, top - bottom);
            }
            return true;
        }
    };

    private static final CANCEL_FUNC CANCEL = new CANCEL_FUNC() {
        @Override
        public boolean call(Pointer cancelThis, int words) {
            StopBelow stop = OPEN.get(cancelThis.address());
            return stop != null && stop.reachedAt != null;
        }
    };

    private final ETEXT_DESC monitor = new ETEXT_DESC();
    private final int pageHeight;
    private volatile int stopY = Integer.MAX_VALUE;
    private volatile Rectangle reachedAt;

    StopBelow(int pageHeight) {
        this.pageHeight = pageHeight;
        monitor.progress_callback2(BEFORE_EACH_WORD);
        monitor.cancel(CANCEL);
        monitor.cancel_this(monitor);
        OPEN.put(monitor.address(), this);
    }

    /** From now on, the recognition ends at the first word whose middle is at {@code y} or below. */
    void stopAt(int y) {
        stopY = y;
    }

    ETEXT_DESC monitor() {
        return monitor;
    }

    /** True once a word below the line was met: the recognition was ended on purpose, not by a failure. */
    boolean reached() {
        return reachedAt != null;
    }

    /** The box of the first word met below the line (page coordinates), or null if none was. */
    Rectangle reachedAt() {
        return reachedAt;
    }

    @Override
    public void close() {
        OPEN.remove(monitor.address());
        monitor.deallocate();
    }
}
