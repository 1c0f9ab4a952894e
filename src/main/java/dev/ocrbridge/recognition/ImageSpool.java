package dev.ocrbridge.recognition;

import dev.ocrbridge.request.FileStatus;
import dev.ocrbridge.request.ImageDigests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;

/**
 * Where the images in flight are kept instead of the heap: each one copied, as it is taken, to a private file
 * ({@link SpooledImage}) while its SHA-256 and its request body's hash are computed ({@link ImageDigests}), in one
 * pass with a 64 KiB buffer. Images up to {@link #IN_MEMORY_UP_TO} stay in memory.
 *
 * <p>Each process spools into a folder of its own under {@code <data-dir>/.ocrbridge/spool/} ({@link ProcessFolder});
 * the folders of processes that are gone (a crash, a kill) are removed at start-up and again when a process starts
 * to spool, so copies of people's images do not outlive their process. Copies are 0600 in a 0700 folder.
 */
public final class ImageSpool {

    private static final int BLOCK = 64 * 1024;
    /** One direct block per copying thread: what the kernel reads into is what it writes from. */
    private static final ThreadLocal<ByteBuffer> BLOCKS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BLOCK));

    /**
     * Images up to this size stay in memory (as Camel's stream caching keeps streams under its spool threshold):
     * a few dozen in flight cost a few MB, and a small image costs no file operations, which at a full quota of
     * small images would cost more CPU than the image itself.
     */
    public static final int IN_MEMORY_UP_TO = 128 * 1024;

    private final Path root;
    private final int inMemoryUpTo;
    private boolean orphansRemoved;

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
     * it was checked is refused, not followed. At most {@code limit} bytes and one more are read, whatever the
     * file's size: a copy over {@code limit} tells the caller the file is larger.
     *
     * @throws NotSpooled when the copy cannot be written (a full disk): the source is not at fault
     */
    public SpooledImage copyOf(Path file, long limit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return copy(channel, limit);
        }
    }

    /**
     * {@link #copy(InputStream, long)} from a channel: its blocks go through one direct buffer, read into it, hashed
     * from it and written from it (a file's without passing through the heap at all).
     */
    private SpooledImage copy(ReadableByteChannel in, long limit) throws IOException {
        int want = (int) Math.min(inMemoryUpTo, limit) + 1;
        byte[] head = Channels.newInputStream(in).readNBytes(want);
        if (head.length < want || want - 1L == limit) {
            return SpooledImage.of(head); // small (or already past a small limit): held as it is, no file
        }
        Path target;
        FileChannel out;
        try {
            Path folder = folder();
            target = folder.resolve(UUID.randomUUID() + ".img");
            out = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PrivateFiles.fileAttributes(folder));
        } catch (IOException e) {
            throw new NotSpooled(e);
        }
        ImageDigests digests = new ImageDigests();
        digests.update(head, 0, head.length);
        long size = head.length;
        boolean done = false;
        try (out) {
            writeFully(out, ByteBuffer.wrap(head));
            ByteBuffer block = BLOCKS.get();
            // never more than one byte past the limit (no overflow near Long.MAX_VALUE: limit - size >= 0 here)
            while (size <= limit) {
                block.clear().limit((int) Math.min(BLOCK - 1, limit - size) + 1);
                if (in.read(block) < 0) {
                    break;
                }
                block.flip();
                size += block.remaining();
                digests.update(block.duplicate());
                writeFully(out, block);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        ImageDigests.Result hashed = digests.finish();
        return new SpooledImage(target, size, hashed.imageSha256(), hashed.payload(), FileStatus.of(target));
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (ClosedByInterruptException e) {
            throw e; // a stop, not the disk: no storage failure to halt for
        } catch (IOException e) {
            throw new NotSpooled(e);
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
        return copy(Channels.newChannel(in), limit);
    }

    /** The spool itself failed (its disk is full or unwritable), not the image's source. */
    public static final class NotSpooled extends IOException {
        NotSpooled(IOException cause) {
            super("the image could not be spooled (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    /** This process's folder, made (and the folders of dead processes removed) on first use. */
    private synchronized Path folder() throws IOException {
        if (!orphansRemoved) {
            ProcessFolder.removeOrphans(root);
            orphansRemoved = true;
        }
        return ProcessFolder.in(root).path();
    }
}
