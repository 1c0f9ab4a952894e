package dev.ocrbridge.recognition;

import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where the images in flight are kept instead of the heap: each one copied, as it is taken, to a private file
 * ({@link SpooledImage}) while its SHA-256 is computed, in one pass with a 64 KiB buffer. Images up to
 * {@link #IN_MEMORY_UP_TO} stay in memory.
 *
 * <p>Each process spools into a folder of its own under {@code <data-dir>/.ocrbridge/spool/}, holding a lock on it
 * while it runs; the folders of processes that are gone (a crash, a kill) are removed when a process starts to
 * spool, so copies of people's images do not outlive their process. Several nodes may share the data folder: a
 * folder whose lock is held belongs to a live process and is left alone.
 */
public final class ImageSpool {

    private static final int BLOCK = 64 * 1024;
    private static final String LOCK = ".lock";
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Images up to this size stay in memory (as Camel's stream caching keeps streams under its spool threshold):
     * a few dozen in flight cost a few MB, and a small image costs no file operations, which at a full quota of
     * small images would cost more CPU than the image itself.
     */
    public static final int IN_MEMORY_UP_TO = 128 * 1024;

    private final Path root;
    private final int inMemoryUpTo;
    private Path dir;
    private FileChannel lockChannel;

    public ImageSpool(Path root) {
        this(root, IN_MEMORY_UP_TO);
    }

    /** @param inMemoryUpTo the largest image kept in memory instead of a file (0: every non-empty one spooled) */
    public ImageSpool(Path root, int inMemoryUpTo) {
        this.root = root.toAbsolutePath().normalize();
        this.inMemoryUpTo = inMemoryUpTo;
    }

    /**
     * Copies a file without following a link at its last step ({@code O_NOFOLLOW}): a file swapped for a link after
     * it was checked is refused, not followed.
     */
    public SpooledImage copyOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = Channels.newInputStream(channel)) {
            return copy(in);
        }
    }

    /**
     * Copies the stream to its end (the caller closes it).
     *
     * @throws NotSpooled when the copy cannot be written (a full disk): the source is not at fault
     * @throws IOException when the stream cannot be read
     */
    public SpooledImage copy(InputStream in) throws IOException {
        return copy(in, Long.MAX_VALUE);
    }

    /**
     * Copies the stream up to {@code limit} bytes and one more (the caller closes it): a copy whose size is over
     * {@code limit} tells the caller the source is larger, without spooling an endless stream.
     */
    public SpooledImage copy(InputStream in, long limit) throws IOException {
        int want = (int) Math.min(inMemoryUpTo, limit) + 1;
        byte[] head = in.readNBytes(want);
        if (head.length < want || want - 1L == limit) {
            return SpooledImage.of(head); // small (or already past a small limit): held as it is, no file
        }
        Path target;
        OutputStream file;
        try {
            target = folder().resolve(UUID.randomUUID() + ".img");
            file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new NotSpooled(e);
        }
        MessageDigest sha256 = Tc3Signer.newSha256();
        long size = 0;
        boolean done = false;
        try (OutputStream out = new DigestOutputStream(file, sha256)) {
            try {
                out.write(head);
            } catch (IOException e) {
                throw new NotSpooled(e);
            }
            size = head.length;
            byte[] block = new byte[BLOCK];
            int n;
            // never more than one byte past the limit (no overflow near Long.MAX_VALUE: limit - size >= 0 here)
            while (size <= limit && (n = in.read(block, 0, (int) Math.min(BLOCK - 1, limit - size) + 1)) >= 0) {
                try {
                    out.write(block, 0, n);
                } catch (IOException e) {
                    throw new NotSpooled(e);
                }
                size += n;
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        return new SpooledImage(target, size, HEX.formatHex(sha256.digest()));
    }

    /** The spool itself failed (its disk is full or unwritable), not the image's source. */
    public static final class NotSpooled extends IOException {
        NotSpooled(IOException cause) {
            super("the image could not be spooled (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    /** This process's folder, made (and the folders of dead processes removed) on first use. */
    private synchronized Path folder() throws IOException {
        if (dir != null && Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(root);
        removeOrphans();
        Path mine = root.resolve(UUID.randomUUID().toString());
        Files.createDirectory(mine);
        FileChannel channel = FileChannel.open(mine.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (channel.tryLock() == null) {
            channel.close();
            throw new IOException("the spool folder could not be locked");
        }
        if (lockChannel != null) {
            lockChannel.close();
        }
        lockChannel = channel; // held (and the lock with it) until the process ends
        dir = mine;
        return mine;
    }

    /** Removes the folders whose lock nobody holds: their process is gone, and so are the images it had in flight. */
    private void removeOrphans() throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                if (folder.equals(dir) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (unlocked(folder)) {
                    deleteTree(folder);
                }
            }
        }
    }

    private static boolean unlocked(Path folder) {
        try (FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by another service of this same JVM
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // tried again at the next start
        }
    }
}
