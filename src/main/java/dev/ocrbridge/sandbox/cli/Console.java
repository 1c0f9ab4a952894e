package dev.ocrbridge.sandbox.cli;

import java.io.PrintStream;

/**
 * The standalone sandbox's console: the one place that prints, including the throwaway credential it generates
 * when none is given (a sandbox-only key, printed once at start so a user can configure a client with it).
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;

    public Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The process's standard output and error. */
    public static Console system() {
        return new Console(System.out, System.err);
    }

    public void info(String line) {
        out.println(line);
        out.flush();
    }

    public void error(String line) {
        err.println(line);
        err.flush();
    }
}
