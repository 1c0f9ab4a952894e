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
import java.nio.file.Files;
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

    private static void write(Path staging, Path target, Content content, boolean forceDirectory)
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
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
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
