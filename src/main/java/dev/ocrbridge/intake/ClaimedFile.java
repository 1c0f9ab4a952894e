package dev.ocrbridge.intake;

import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.recognition.SpooledImage;
import dev.ocrbridge.request.FileStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A file as it was when it was taken from an inbox: where it is, a private copy of the bytes that were read (which
 * are what gets recognized, sent and archived), or, for a file that could not be read, its identity on disk. The
 * source is settled against this, never against whatever the path holds by then.
 *
 * <p>The copy is spooled to disk ({@link ImageSpool}), hashed as it is written, instead of read into the heap: a
 * claimed image costs the heap at most {@link ImageSpool#IN_MEMORY_UP_TO} whatever its size, however many are in
 * flight (issue 13). Only the action's limit and one byte more are read: a larger file (a sparse 3 GiB one costs
 * nothing to drop) is known to be too large from that byte, and is told by its identity on disk like an unreadable
 * one.
 *
 * <p>Settling compares the file with the copy a block at a time, unless its status on disk proves it unchanged
 * ({@link #untouched()}): a large image's compare reads both files again, twice its size, for every image.
 *
 * @param image    the private copy of the bytes read, or null when the file could not be read
 * @param tooLarge whether the file held more than the limit: {@code image} then holds only its first bytes
 * @param status   the file's status when it was taken, when it proves that the copy holds exactly what the file
 *                 held and that any later change to the file shows in its status; null when it does not
 */
public record ClaimedFile(Path path, Object fileKey, long size, FileTime modified, SpooledImage image,
        boolean tooLarge, FileStatus status) {

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
     * @throws InterruptedIOException when the thread was interrupted (a forced stop) while it copied: the file is
     *                                not at fault either, nothing of it is held, and it stays where it is (the
     *                                thread's interrupt status is set)
     */
    public static ClaimedFile take(Path inboxReal, Path path, ImageSpool spool, long limit)
            throws ImageSpool.NotSpooled, InterruptedIOException {
        return take(inboxReal, path, spool, limit, Clock.systemUTC());
    }

    /** {@link #take(Path, Path, ImageSpool, long)} with the clock that tells how old the file's status is. */
    static ClaimedFile take(Path inboxReal, Path path, ImageSpool spool, long limit, Clock clock)
            throws ImageSpool.NotSpooled, InterruptedIOException {
        if (inboxReal == null || !InboxEntries.regularFileInside(inboxReal, path)) {
            return null;
        }
        Instant takenAt = clock.instant();
        FileStatus before = FileStatus.of(path);
        BasicFileAttributes attrs = InboxEntries.attributes(path);
        if (attrs == null) {
            return null;
        }
        SpooledImage image;
        try {
            image = spool.copyOf(path, limit);
        } catch (ImageSpool.NotSpooled e) {
            throw e; // the spool's disk is at fault, not the file: no claim, the caller halts
        } catch (ClosedByInterruptException e) {
            // an interrupt closed the file's channel mid-copy: the bytes read so far say nothing of the file
            InterruptedIOException stopped = new InterruptedIOException("interrupted while the file was copied");
            stopped.initCause(e);
            throw stopped;
        } catch (IOException e) {
            image = null;
        }
        boolean tooLarge = image != null && image.size() > limit;
        // the same status after the copy as before it, older than the doubt: nothing changed the file while it was
        // read, and any change from now on shows
        boolean proves = image != null && !tooLarge && before != null && before.size() == image.size()
                && before.olderThan(takenAt.minus(TIMESTAMP_DOUBT)) && before.equals(FileStatus.of(path));
        FileStatus status = proves ? before : null;
        return new ClaimedFile(path, attrs.fileKey(), attrs.size(), attrs.lastModifiedTime(), image, tooLarge, status);
    }

    public boolean readable() {
        return image != null;
    }

    /** The first 12 hex digits of the content's SHA-256: how logs and generated names refer to the file. */
    public String shortHash() {
        return image == null ? "unreadable" : image.shortHash();
    }

    /**
     * Whether the file at the claimed path is, by its status on disk alone, the version that was taken: the same
     * file (device and inode), size, modification time and change time as when it was taken, for a claim whose
     * status proves its content ({@link #status()}). Asked before the file is moved (a rename sets the change
     * time), and handed to {@link #heldBy(Path, boolean)} for where it landed.
     */
    public boolean untouched() {
        return status != null && status.equals(FileStatus.of(path));
    }

    /**
     * Whether {@code file} still holds what was claimed: the same bytes, or, for a file that could not be read or
     * was read only up to the limit, the same file on disk with the same size and modification time.
     */
    public boolean heldBy(Path file) {
        return heldBy(file, file.equals(path) && untouched());
    }

    /**
     * {@link #heldBy(Path)} for a file that was moved from the claimed path to {@code file}: when it was {@link
     * #untouched()} right before the move, and is still the same file with the same size and modification time,
     * it holds the claimed bytes without either file being read; otherwise the two are compared. Not seen either
     * way: a write that also sets the modification time back, made in the instant between the look before the move
     * and the move (a compare does not see a write made right after it either).
     */
    public boolean heldBy(Path file, boolean untouchedBeforeMove) {
        BasicFileAttributes attrs = InboxEntries.attributes(file);
        if (attrs == null || !attrs.isRegularFile()) {
            return false;
        }
        if (image == null || tooLarge) {
            return Objects.equals(fileKey, attrs.fileKey()) && size == attrs.size()
                    && modified.equals(attrs.lastModifiedTime());
        }
        if (untouchedBeforeMove && status != null) {
            FileStatus now = FileStatus.of(file);
            if (now != null && now.sameFileAndContentTimes(status)) {
                return true;
            }
        }
        return attrs.size() == image.size() && image.sameContentAs(file);
    }

    /** Removes the private copy: the claim is settled (or given up, for a halt). */
    public void release() {
        if (image != null) {
            image.delete();
        }
    }

    /**
     * How much older than the moment a file is taken its last change must be for its status to prove its content:
     * any later change then gets a modification and change time of its own. A change in the same tick of the file
     * system's clock as the one before it keeps the times as they were; 2 s is the coarsest tick of a file system
     * Linux mounts (FAT's modification time) and covers a file server's clock that many seconds behind this one's.
     */
    static final Duration TIMESTAMP_DOUBT = Duration.ofSeconds(2);
}
