package dev.ocrbridge.outbox;

import dev.ocrbridge.recognition.PrivateFiles;
import dev.ocrbridge.recognition.ProcessFolder;
import dev.ocrbridge.recognition.SpooledImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a file so that no reader ever sees it half written: to a staging file on the same disk, forced to disk,
 * then moved into place in one atomic step. The staging file is made 0600 and the folders 0700, whatever the
 * umask; it is written in this process's own folder below the staging folder ({@link ProcessFolder}), so that what
 * a killed process left there is told from the writes of a live one and removed at the next start.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * @param staging        the shared staging folder, on the same file system as {@code target}
     * @param forceDirectory also force the target's directory entry to disk: the rename itself then survives a
     *                       power cut, not only a killed process
     */
    public static void write(Path staging, Path target, byte[] content, boolean forceDirectory) throws IOException {
        write(staging, target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }, forceDirectory);
    }

    /**
     * {@link #write(Path, Path, byte[], boolean)} that never replaces: the file appears under {@code target} only if
     * no file has that name, decided in one step by the file system (a hard link, which fails on an existing name),
     * so also against another node writing to the same shared folder. On a file system without hard links it falls
     * back to a move that checks first (a window of microseconds between the check and the move).
     *
     * @return false, with nothing written, when {@code target} exists
     */
    public static boolean writeNew(Path staging, Path target, byte[] content) throws IOException {
        boolean[] created = {false};
        write(staging, target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }, tmp -> created[0] = placeNew(tmp, target), false);
        return created[0];
    }

    /** {@link #write(Path, Path, byte[], boolean)} of an image's bytes, streamed from where it is kept. */
    public static void write(Path staging, Path target, SpooledImage image, boolean forceDirectory)
            throws IOException {
        write(staging, target, channel -> {
            try (InputStream in = image.open()) {
                in.transferTo(Channels.newOutputStream(channel));
            }
        }, forceDirectory);
    }

    private interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** How the written staging file is put in place. */
    private interface Placement {
        void place(Path tmp) throws IOException;
    }

    private static void write(Path staging, Path target, Content content, boolean forceDirectory)
            throws IOException {
        write(staging, target, content, tmp -> {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }, forceDirectory);
    }

    /** Links {@code tmp} under {@code target} unless that name exists (the staging file is removed after). */
    private static boolean placeNew(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try {
                Files.move(tmp, target); // no REPLACE_EXISTING: fails on a name taken since the check
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    private static void write(Path staging, Path target, Content content, Placement placement, boolean forceDirectory)
            throws IOException {
        PrivateFiles.createDirectories(target.getParent());
        Path own = ProcessFolder.in(staging).path();
        Path tmp = own.resolve(UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PrivateFiles.fileAttributes(own))) {
                content.writeTo(channel);
                // before the move, so that a crash never leaves a renamed but empty file
                channel.force(true);
            }
            placement.place(tmp);
            if (forceDirectory) {
                try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                } catch (IOException | UnsupportedOperationException e) {
                    // some file systems cannot open a directory for reading; the file itself is on disk already
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
