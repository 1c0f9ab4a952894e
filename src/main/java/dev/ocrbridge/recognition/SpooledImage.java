package dev.ocrbridge.recognition;

import dev.ocrbridge.request.FileStatus;
import dev.ocrbridge.request.HashedImageFile;
import dev.ocrbridge.request.ImageDigests;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one image in flight, as they were taken: a private copy on disk ({@link ImageSpool}), with its size,
 * its SHA-256 and its request body's hash taken while it was written. Pre-checking, sending and archiving all
 * stream from this copy, so an image in flight costs the heap a few buffers, not its size (issue 13), and what is
 * sent is what was taken whatever happens to the source meanwhile (issue 9). Nothing else writes to the copy; it is deleted when
 * its image is settled.
 *
 * <p>An image given as a {@code byte[]} (a body of an integrator's own route) is held as it is instead.
 */
public final class SpooledImage {

    private static final int BLOCK = 64 * 1024;
    /** Two direct blocks per comparing thread, read into and compared in place. */
    private static final ThreadLocal<ByteBuffer[]> BLOCKS = ThreadLocal.withInitial(
            () -> new ByteBuffer[] {ByteBuffer.allocateDirect(BLOCK), ByteBuffer.allocateDirect(BLOCK)});

    private final Path file;
    private final byte[] bytes;
    private final long size;
    private final String sha256;
    private final ImageDigests.PayloadHash payload;
    private final FileStatus written;

    /**
     * @param payload the request body's hash up to the end of the image's Base64, taken as the copy was written
     * @param written the copy's status once written (null when it cannot tell): the hash holds while it is the same
     */
    SpooledImage(Path file, long size, String sha256, ImageDigests.PayloadHash payload, FileStatus written) {
        this.file = file;
        this.bytes = null;
        this.size = size;
        this.sha256 = sha256;
        this.payload = payload;
        this.written = written;
    }

    private SpooledImage(byte[] bytes) {
        this.file = null;
        this.bytes = bytes;
        this.size = bytes.length;
        this.sha256 = Tc3Signer.sha256Hex(bytes, 0, bytes.length);
        this.payload = null;
        this.written = null;
    }

    /** An image held in memory as it is (not copied). */
    public static SpooledImage of(byte[] bytes) {
        return new SpooledImage(bytes);
    }

    public long size() {
        return size;
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public String sha256() {
        return sha256;
    }

    /** The first 12 hex digits of the SHA-256: how logs and generated names refer to the image. */
    public String shortHash() {
        return sha256.substring(0, 12);
    }

    /** The private copy on disk, or null for an image held in memory. */
    public Path file() {
        return file;
    }

    /**
     * The private copy as the tencent-ocr component takes it, a file streamed on every attempt, carrying its request
     * body's hash as taken while it was written (signed without another pass); null for an image held in memory.
     */
    public File asFile() {
        if (file == null) {
            return null;
        }
        return payload != null && written != null ? new HashedImageFile(file, payload, written) : file.toFile();
    }

    /** The bytes held in memory, or null for a spooled image. */
    public byte[] inMemory() {
        return bytes;
    }

    public InputStream open() throws IOException {
        return file == null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** The whole image in one array: only for the rare paths that must hand bytes over (a dead letter's body). */
    public byte[] readAllBytes() throws IOException {
        if (file == null) {
            return bytes;
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /**
     * Whether {@code other} holds exactly these bytes, compared a block at a time (neither side is read whole), and
     * without following a link at its last step: a link to the same bytes elsewhere does not hold them. Both files
     * are read into direct blocks and compared there, with no copy of either into the heap.
     */
    public boolean sameContentAs(Path other) {
        try (FileChannel theirs = FileChannel.open(other, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             ReadableByteChannel ours = file == null ? Channels.newChannel(new ByteArrayInputStream(bytes))
                     : FileChannel.open(file, StandardOpenOption.READ)) {
            if (theirs.size() != size) {
                return false;
            }
            ByteBuffer[] blocks = BLOCKS.get();
            ByteBuffer a = blocks[0];
            ByteBuffer b = blocks[1];
            long at = 0;
            while (at < size) {
                int n = fill(theirs, a.clear());
                int m = fill(ours, b.clear());
                if (n != m || n == 0 || a.flip().mismatch(b.flip()) >= 0) {
                    return false;
                }
                at += n;
            }
            return theirs.read(a.clear()) < 0 && ours.read(b.clear()) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads until the block is full or the file ends; how many bytes it holds. */
    private static int fill(ReadableByteChannel channel, ByteBuffer block) throws IOException {
        while (block.hasRemaining() && channel.read(block) >= 0) {
            // a read may return fewer bytes than asked
        }
        return block.position();
    }

    /** Removes the private copy; nothing to do for an image in memory. Safe to call more than once. */
    public void delete() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left for the spool's sweep at the next start
            }
        }
    }
}
