package dev.ocrbridge.request;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A file's status on disk, read in one call without following a link: device, inode, size, modification and change
 * time. The change time moves with every write, truncation, mode or time change and no caller can set it back, so
 * the same status twice means nobody changed the file in between, except within one tick of the file system's
 * clock (a few ms) of the change before.
 */
public record FileStatus(Object device, Object inode, long size, FileTime modified, FileTime changed) {

    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";

    /**
     * The file's status, or null when it is gone. Where the file system has no {@code unix} view, the file's key,
     * size and modification time alone, with no change time.
     */
    public static FileStatus of(Path file) {
        try {
            try {
                Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return new FileStatus(a.get("dev"), a.get("ino"), (Long) a.get("size"),
                        (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"));
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return new FileStatus(a.fileKey(), null, a.size(), a.lastModifiedTime(), null);
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether its modification and change time are both before {@code instant}; false without a change time. */
    public boolean olderThan(Instant instant) {
        return changed != null && modified.toInstant().isBefore(instant) && changed.toInstant().isBefore(instant);
    }

    /** The same file, size and modification time: what a rename keeps (it sets the change time). */
    public boolean sameFileAndContentTimes(FileStatus other) {
        return Objects.equals(device, other.device) && Objects.equals(inode, other.inode) && size == other.size
                && modified.equals(other.modified);
    }
}
