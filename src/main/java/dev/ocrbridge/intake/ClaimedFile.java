package dev.ocrbridge.intake;

import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file as it was when it was taken from an inbox: where it is, the bytes that were read (which are what gets
 * recognized), or, for a file that could not be read, its identity on disk. The source is settled against this,
 * never against whatever the path holds by then.
 *
 * <p>No hash is taken here: recognition hashes the bytes once for the job, and settling compares bytes, which
 * costs less than hashing them again (this runs for every image).
 *
 * @param bytes the bytes read, or null when the file could not be read
 */
public record ClaimedFile(Path path, Object fileKey, long size, FileTime modified, byte[] bytes) {

    private static final int COMPARE_BLOCK = 64 * 1024;

    /** Exchange property holding the claim of a file taken from an inbox. */
    public static final String PROPERTY = "CamelOcrBridgeClaimedFile";

    /**
     * Reads the file if it is a regular file directly inside the inbox, without following a link at the last
     * step ({@code O_NOFOLLOW}), so a file swapped for a link after it was listed is not followed either.
     *
     * @return the claim, or null when the path is not (or no longer) a regular file inside the inbox
     */
    public static ClaimedFile take(Path inboxReal, Path path) {
        if (inboxReal == null || !InboxEntries.regularFileInside(inboxReal, path)) {
            return null;
        }
        BasicFileAttributes attrs = InboxEntries.attributes(path);
        if (attrs == null) {
            return null;
        }
        byte[] bytes = read(path);
        return new ClaimedFile(path, attrs.fileKey(), attrs.size(), attrs.lastModifiedTime(), bytes);
    }

    public boolean readable() {
        return bytes != null;
    }

    /**
     * The first 12 hex digits of the content's SHA-256: how logs and generated names refer to the file. Computed
     * when asked, on the rare paths that log or rename.
     */
    public String shortHash() {
        return bytes == null ? "unreadable" : Tc3Signer.sha256Hex(bytes, 0, bytes.length).substring(0, 12);
    }

    /**
     * Whether {@code file} still holds what was claimed: the same bytes, or, for a file
     * that could not be read, the same file on disk with the same size and modification time.
     */
    public boolean heldBy(Path file) {
        BasicFileAttributes attrs = InboxEntries.attributes(file);
        if (attrs == null || !attrs.isRegularFile()) {
            return false;
        }
        if (bytes == null) {
            return Objects.equals(fileKey, attrs.fileKey()) && size == attrs.size()
                    && modified.equals(attrs.lastModifiedTime());
        }
        if (attrs.size() != bytes.length) {
            return false;
        }
        return sameContent(file, bytes);
    }

    /**
     * Compares the file with {@code expected} a block at a time: a second whole copy of a multi-megabyte image per
     * settle would be garbage of image size for every image, which a small heap feels at full rate.
     */
    private static boolean sameContent(Path file, byte[] expected) {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] block = new byte[COMPARE_BLOCK];
            int at = 0;
            int n;
            while ((n = in.read(block, 0, Math.min(block.length, Math.max(1, expected.length - at)))) > 0) {
                if (at + n > expected.length || !Arrays.equals(block, 0, n, expected, at, at + n)) {
                    return false;
                }
                at += n;
            }
            return at == expected.length;
        } catch (IOException e) {
            return false;
        }
    }

    /** The whole file, read straight into an array of its size (not through a list of small buffers copied after). */
    static byte[] read(Path path) {
        try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS); InputStream in = Channels.newInputStream(channel)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                return null;
            }
            byte[] bytes = new byte[(int) size];
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n < bytes.length) {
                return Arrays.copyOf(bytes, n); // shrank since its size was read
            }
            // a file that grew since its size was read: the rest is read too, as readAllBytes would
            byte[] more = in.readAllBytes();
            if (more.length == 0) {
                return bytes;
            }
            byte[] all = Arrays.copyOf(bytes, bytes.length + more.length);
            System.arraycopy(more, 0, all, bytes.length, more.length);
            return all;
        } catch (IOException e) {
            return null;
        }
    }
}
