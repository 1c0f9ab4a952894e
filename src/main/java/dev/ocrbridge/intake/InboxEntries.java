package dev.ocrbridge.intake;

import dev.ocrbridge.recognition.SafeNames;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The rules that decide what in an inbox folder may be taken, shared by the listing filter, the sweeper and the
 * claim, so that all three agree.
 */
public final class InboxEntries {

    /** Longest name, in UTF-8 bytes, that can be taken as it is: the same for every channel. */
    public static final int MAX_NAME_BYTES = SafeNames.MAX_NAME_BYTES;

    /** Camel's file consumer never lists names with this suffix (its read-lock markers), whatever the options say. */
    static final String CAMEL_LOCK_SUFFIX = ".camelLock";

    private InboxEntries() {
    }

    /**
     * Why a name cannot be taken as it is, or empty when it can. Camel's file consumer turns {@code \} into
     * {@code /} (so the name would address another file), logs names (a control character forges a log line),
     * reads names through {@code java.io.File} (bytes that are not UTF-8 do not survive), and never lists its
     * own marker suffix.
     */
    public static Optional<String> unacceptableName(String name) {
        if (name.indexOf('\\') >= 0) {
            return Optional.of("it contains a backslash");
        }
        if (name.codePoints().anyMatch(InboxEntries::isControl)) {
            return Optional.of("it contains a control character");
        }
        if (name.indexOf('\uFFFD') >= 0) {
            return Optional.of("it is not valid UTF-8");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return Optional.of("it is longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (name.endsWith(CAMEL_LOCK_SUFFIX)) {
            return Optional.of("it ends in " + CAMEL_LOCK_SUFFIX + ", which Camel's file consumer never takes");
        }
        return Optional.empty();
    }

    /** C0, DEL, C1 and the bidirectional overrides that make a log line read other than it is. */
    private static boolean isControl(int cp) {
        return Character.isISOControl(cp) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** The entry's own attributes (a link is not followed), or null when it is gone. */
    public static BasicFileAttributes attributes(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether {@code path} is a regular file (not a link) directly inside the inbox, judged by where it really
     * is: its real path's parent is the inbox's real path. A {@code ..}, a link to a directory or a link as the
     * file itself all fail this.
     */
    public static boolean regularFileInside(Path inboxReal, Path path) {
        BasicFileAttributes attrs = attributes(path);
        if (attrs == null || !attrs.isRegularFile() || hasOtherNames(path)) {
            return false;
        }
        try {
            Path real = path.toRealPath();
            return inboxReal.equals(real.getParent());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a regular file has other names (hard links): one in the inbox may be another name of any file on
     * the same disk, which whoever made the link need not be able to read.
     */
    public static boolean hasOtherNames(Path path) {
        try {
            return ((Number) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() > 1;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no such attribute on this file system: no hard links to worry about
        } catch (IOException e) {
            return true;
        }
    }

    /** The inbox's real path, or null when it is missing or not a directory. */
    public static Path realInbox(Path inbox) {
        try {
            Path real = inbox.toRealPath();
            return Files.isDirectory(real) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the entry has not changed for {@code settleMillis}: the rule of the file consumer's read lock. */
    public static boolean settled(BasicFileAttributes attrs, long settleMillis, long nowMillis) {
        return attrs.lastModifiedTime().toMillis() < nowMillis - settleMillis;
    }

    /** A short, stable stand-in for a name in a log line: the first 12 hex digits of its SHA-256. */
    public static String nameHash(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return Tc3Signer.sha256Hex(bytes, 0, bytes.length).substring(0, 12);
    }
}
