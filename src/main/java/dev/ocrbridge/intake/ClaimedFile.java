package dev.ocrbridge.intake;

import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.recognition.SpooledImage;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A file as it was when it was taken from an inbox: where it is, a private copy of the bytes that were read (which
 * are what gets recognized, sent and archived), or, for a file that could not be read, its identity on disk. The
 * source is settled against this, never against whatever the path holds by then.
 *
 * <p>The copy is spooled to disk ({@link ImageSpool}), hashed as it is written, instead of read into the heap: a
 * claimed image costs the heap at most {@link ImageSpool#IN_MEMORY_UP_TO} whatever its size, however many are in
 * flight (issue 13). Settling compares the file with the copy a block at a time. Only the action's limit and one
 * byte more are read: a larger file (a sparse 3 GiB one costs nothing to drop) is known to be too large from that
 * byte, and is told by its identity on disk like an unreadable one.
 *
 * @param image    the private copy of the bytes read, or null when the file could not be read
 * @param tooLarge whether the file held more than the limit: {@code image} then holds only its first bytes
 */
public record ClaimedFile(Path path, Object fileKey, long size, FileTime modified, SpooledImage image,
        boolean tooLarge) {

    /** Exchange property holding the claim of a file taken from an inbox. */
    public static final String PROPERTY = "CamelOcrBridgeClaimedFile";

    /**
     * Copies the file to the spool if it is a regular file directly inside the inbox, without following a link at
     * the last step ({@code O_NOFOLLOW}), so a file swapped for a link after it was listed is not followed either.
     *
     * @param limit the most bytes an image of the action may have; at most one more is read
     * @return the claim, or null when the path is not (or no longer) a regular file inside the inbox
     * @throws ImageSpool.NotSpooled when the spool cannot take the copy (a full disk): the file is not at fault, and
     *                               nothing of it is held
     */
    public static ClaimedFile take(Path inboxReal, Path path, ImageSpool spool, long limit)
            throws ImageSpool.NotSpooled {
        if (inboxReal == null || !InboxEntries.regularFileInside(inboxReal, path)) {
            return null;
        }
        BasicFileAttributes attrs = InboxEntries.attributes(path);
        if (attrs == null) {
            return null;
        }
        SpooledImage image;
        try {
            image = spool.copyOf(path, limit);
        } catch (ImageSpool.NotSpooled e) {
            throw e; // the spool's disk is at fault, not the file: no claim, the caller halts
        } catch (IOException e) {
            image = null;
        }
        boolean tooLarge = image != null && image.size() > limit;
        return new ClaimedFile(path, attrs.fileKey(), attrs.size(), attrs.lastModifiedTime(), image, tooLarge);
    }

    public boolean readable() {
        return image != null;
    }

    /** The first 12 hex digits of the content's SHA-256: how logs and generated names refer to the file. */
    public String shortHash() {
        return image == null ? "unreadable" : image.shortHash();
    }

    /**
     * Whether {@code file} still holds what was claimed: the same bytes, or, for a file that could not be read or
     * was read only up to the limit, the same file on disk with the same size and modification time.
     */
    public boolean heldBy(Path file) {
        BasicFileAttributes attrs = InboxEntries.attributes(file);
        if (attrs == null || !attrs.isRegularFile()) {
            return false;
        }
        if (image == null || tooLarge) {
            return Objects.equals(fileKey, attrs.fileKey()) && size == attrs.size()
                    && modified.equals(attrs.lastModifiedTime());
        }
        return attrs.size() == image.size() && image.sameContentAs(file);
    }

    /** Removes the private copy: the claim is settled (or given up, for a halt). */
    public void release() {
        if (image != null) {
            image.delete();
        }
    }
}
