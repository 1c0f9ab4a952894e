package dev.ocrbridge.main;

import java.io.PrintStream;
import java.util.OptionalDouble;

/**
 * The recognize command's progress on standard error: on a terminal one line redrawn in place, with the count and
 * the time left at the quota (or at the pace so far, when that is slower); otherwise one plain line per image.
 */
final class Progress {

    private final PrintStream err;
    private final boolean terminal;
    private final int total;
    private final long started = System.nanoTime();
    private int done;

    Progress(PrintStream err, boolean terminal, int total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
    }

    void done(RecognizeCommand.Row row, OptionalDouble rate) {
        done++;
        if (!terminal) {
            err.println("[" + done + "/" + total + "] " + (row.code() == null ? "recognized" : row.code()));
            return;
        }
        double perImage = (System.nanoTime() - started) / 1e9 / done;
        if (rate.isPresent() && rate.getAsDouble() > 0) {
            perImage = Math.max(perImage, 1 / rate.getAsDouble());
        }
        long eta = Math.round((total - done) * perImage);
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + "  ETA "
                + eta + "s ");
        err.flush();
    }

    void finish() {
        if (terminal) {
            err.println();
        }
    }
}
