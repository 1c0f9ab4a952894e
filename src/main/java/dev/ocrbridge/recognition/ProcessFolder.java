package dev.ocrbridge.recognition;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A folder of this process's own below a shared one (the spool, the staging area of atomic writes, the SFTP
 * downloads), so that what a process leaves behind when it is killed can be told from the work of a live one:
 * each process holds a lock on a file in its folder for as long as it runs. A folder whose lock nobody holds
 * belongs to a process that is gone, and {@link #removeOrphans} removes it; several nodes may share the data
 * folder, and the folders of the live ones are left alone.
 *
 * <p>One folder per shared folder and JVM: every service of a JVM writes into the same one, and a lock a JVM holds
 * is never tested by that JVM (closing any channel of a locked file would drop the JVM's lock on it).
 */
public final class ProcessFolder {

    private static final String LOCK = ".lock";
    /** The folders this JVM owns, by the shared folder they are in. */
    private static final Map<Path, ProcessFolder> OWNED = new ConcurrentHashMap<>();
    private static final Set<Path> OWNED_PATHS = ConcurrentHashMap.newKeySet();

    private final Path root;
    private Path dir;
    private FileChannel lockChannel;

    private ProcessFolder(Path root) {
        this.root = root;
    }

    /** This JVM's folder below {@code root}; made (with its lock) on the first {@link #path()}. */
    public static ProcessFolder in(Path root) {
        return OWNED.computeIfAbsent(root.toAbsolutePath().normalize(), ProcessFolder::new);
    }

    /** The folder itself, made private (0700) with its lock the first time, and again if it was removed. */
    public synchronized Path path() throws IOException {
        if (dir != null && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return dir;
        }
        PrivateFiles.createDirectories(root);
        Path mine = root.resolve(UUID.randomUUID().toString());
        PrivateFiles.createDirectories(mine);
        // locked under another name first: a sweep by another process sees no lock file (and leaves the folder
        // alone) or a held one, never one that is not held yet
        Path unheld = mine.resolve(LOCK + ".new");
        FileChannel channel = FileChannel.open(unheld, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PrivateFiles.fileAttributes(mine));
        try {
            if (channel.tryLock() == null) {
                throw new IOException("a folder of this process could not be locked");
            }
            Files.move(unheld, mine.resolve(LOCK));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lockChannel != null) {
            lockChannel.close();
        }
        lockChannel = channel; // held (and the lock with it) until the process ends
        OWNED_PATHS.add(mine);
        dir = mine;
        return mine;
    }

    /**
     * Removes what processes that are gone left below {@code root}: each folder whose lock nobody holds, and any
     * loose file directly in {@code root} (no live process writes there). Folders of this JVM and of live
     * processes stay.
     *
     * @return how many entries were removed
     */
    public static int removeOrphans(Path root) {
        Path shared = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(shared, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(shared)) {
            for (Path entry : entries) {
                if (OWNED_PATHS.contains(entry)) {
                    continue;
                }
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    removed += Files.deleteIfExists(entry) ? 1 : 0;
                } else if (unlocked(entry) && deleteTree(entry)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // tried again at the next start
        }
        return removed;
    }

    private static boolean unlocked(Path folder) {
        Path lock = folder.resolve(LOCK);
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            return false; // being made by a process starting now (or empty: a process killed as it made it)
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return false;
            }
            held.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this same JVM
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean deleteTree(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException e) {
            return false; // tried again at the next start
        }
    }
}
