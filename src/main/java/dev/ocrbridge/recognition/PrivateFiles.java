package dev.ocrbridge.recognition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The modes of everything ocrbridge creates or moves under the data folder: folders 0700, files 0600, whatever
 * the umask. The images, results and records there are personal data (PRODUCT.md: readable by the service's user
 * only), and a mode set when a file is made leaves no moment in which another local user could open it. On a file
 * system without POSIX modes these do nothing.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

    private PrivateFiles() {
    }

    /** Makes the missing folders of {@code dir}, each 0700 (the umask only takes bits away); existing ones stay. */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, posix(dir) ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(FOLDER)} : NONE);
    }

    /** The attributes that make a new file in {@code dir} 0600 from its creation. */
    public static FileAttribute<?>[] fileAttributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : NONE;
    }

    /** Sets 0600 on a file that came from elsewhere (an original moved in from an inbox keeps its dropper's mode). */
    public static void restrict(Path file) throws IOException {
        if (posix(file) && !Files.isSymbolicLink(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
