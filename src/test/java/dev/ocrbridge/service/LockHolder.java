package dev.ocrbridge.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A process that holds the lock of a folder the way a live ocrbridge process holds its own (a process-wide
 * {@code fcntl} lock through {@link FileChannel#lock}) until its standard input closes: another live node, as far as
 * the folders of a shared data folder go.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            channel.lock();
            System.out.println("locked");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** Starts a holder of {@code lock} in a child JVM and returns once it holds it. */
    static Process hold(Path lock) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lock.toString()).redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"locked".equals(line)) {
            p.destroyForcibly();
            throw new IOException("the lock holder did not start: " + line);
        }
        return p;
    }
}
