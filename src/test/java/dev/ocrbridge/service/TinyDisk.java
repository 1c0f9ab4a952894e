package dev.ocrbridge.service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system (tmpfs) mounted for one test, so that "disk full" is the kernel's ENOSPC and not a
 * simulation. Mounting needs root (CI runs as root); without it the test is skipped with the reason.
 */
final class TinyDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private TinyDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code mountPoint} (created if missing), or skips the test. */
    static TinyDisk mount(Path mountPoint, int megabytes) throws Exception {
        Files.createDirectories(mountPoint);
        Process p = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                mountPoint.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean finished = p.waitFor(30, TimeUnit.SECONDS);
        Assumptions.assumeTrue(finished && p.exitValue() == 0,
                "a tmpfs could not be mounted (needs root, as in CI): " + out);
        return new TinyDisk(mountPoint);
    }

    /** Fills what is left with one file until the kernel says no space is left. */
    void fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    /** Frees the space {@link #fill()} took. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws Exception {
        // lazy: a file the JVM still has open must not keep the mount (and the test's temporary folder) busy
        new ProcessBuilder(List.of("umount", "-l", mountPoint.toString())).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
