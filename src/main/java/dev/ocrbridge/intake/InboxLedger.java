package dev.ocrbridge.intake;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the file drop remembers about inbox entries between polls, so that an entry it cannot deal with is
 * reported once instead of on every poll: entries already reported, files held back because settling them
 * failed (they are not taken again until they change, or until a restart), and images still being written, held
 * back until they change or until a given time.
 */
public class InboxLedger {

    private record Version(Object fileKey, long size, long modified) {
        static Version of(BasicFileAttributes attrs) {
            return new Version(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime().toMillis());
        }
    }

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private record Hold(Version version, long untilMillis) {
    }

    private final Map<Path, Hold> heldBack = new ConcurrentHashMap<>();

    /** True the first time a key is seen since it was last forgotten: the caller then logs its one line. */
    public boolean firstReport(String key) {
        return reported.add(key);
    }

    /** Forgets the reports of a folder whose entries are no longer there, so that one coming back is reported again. */
    public void retainReports(String prefix, Collection<String> stillThere) {
        reported.removeIf(k -> k.startsWith(prefix) && !stillThere.contains(k));
    }

    /** Holds a file back in the version it has now. */
    public void holdBack(Path file, BasicFileAttributes attrs) {
        holdBack(file, attrs, Long.MAX_VALUE);
    }

    /** Holds a file back in the version it has now, until it changes or the clock reaches {@code untilMillis}. */
    public void holdBack(Path file, BasicFileAttributes attrs, long untilMillis) {
        if (attrs != null) {
            heldBack.put(file, new Hold(Version.of(attrs), untilMillis));
        }
    }

    /** Whether the file is held back in exactly this version; a changed file, or one whose time is up, is released. */
    public boolean isHeldBack(Path file, BasicFileAttributes attrs) {
        Hold held = heldBack.get(file);
        if (held == null) {
            return false;
        }
        if (attrs != null && Objects.equals(held.version(), Version.of(attrs))
                && System.currentTimeMillis() < held.untilMillis()) {
            return true;
        }
        heldBack.remove(file, held);
        return false;
    }
}
