package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Turns a name from outside (a mail attachment's file name, a remote file) into one that is safe as a single
 * path segment: no directories, no {@code ..}, no control characters, no lone surrogate (a path cannot encode
 * one), no leading dot, bounded length. Letters of any script are kept, so a Korean or Chinese file name stays
 * readable.
 *
 * <p>The bound is {@link #MAX_NAME_BYTES} bytes of UTF-8, not characters: file systems count bytes (255), a Hangul
 * syllable is three of them, and every name ocrbridge derives from an image's name must fit too.
 */
public final class SafeNames {

    /**
     * Longest image name, in UTF-8 bytes: 255 (the file systems' limit) less the longest suffix ocrbridge adds to a
     * name it derives from it, {@code .<12 hex>} when the name is taken and then {@code .error.json}. The others
     * are shorter: {@code .<12 hex>.json}, {@code .<12 hex>.photo.jpg} on the name without its extension; staging
     * and spool files have names of their own.
     */
    public static final int MAX_NAME_BYTES = 255 - 13 - 11;

    /** Extensions longer than this are cut with the rest of the name rather than kept whole. */
    private static final int MAX_KEPT_EXTENSION_BYTES = 16;
    private static final int HEAD_BYTES = 12; // the longest magic number ImageFormat reads

    private SafeNames() {
    }

    /** {@link #clean} cut to {@link #MAX_NAME_BYTES} on a character boundary, the extension kept when it is short. */
    public static String safe(String name) {
        String s = clean(name);
        return fits(s) ? s : cut(s);
    }

    /** Whether the name, made safe, is longer than {@link #MAX_NAME_BYTES}: it cannot be taken as it is. */
    public static boolean tooLong(String name) {
        return !fits(clean(name));
    }

    /**
     * The name an image gets when its own cannot be taken: the first 12 hex digits of its SHA-256 and an extension
     * by its magic bytes, as the file drop names such a file.
     */
    public static String generated(SpooledImage image) {
        ImageFormat format = ImageFormat.UNKNOWN;
        try (InputStream in = image.open()) {
            format = ImageFormat.detect(in.readNBytes(HEAD_BYTES));
        } catch (IOException e) {
            // named as unknown
        }
        return image.shortHash() + format.fileExtension();
    }

    /** The name as a single path segment, of any length. */
    static String clean(String name) {
        if (name == null) {
            return "unnamed";
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().forEach(cp -> {
            boolean bad = Character.isISOControl(cp) || cp == ':' || cp == '*' || cp == '?' || cp == '"'
                    || cp == '<' || cp == '>' || cp == '|' || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE;
            sb.appendCodePoint(bad ? '_' : cp);
        });
        String s = sb.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s.isEmpty() ? "unnamed" : s;
    }

    private static boolean fits(String name) {
        return utf8Length(name) <= MAX_NAME_BYTES;
    }

    private static String cut(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && utf8Length(name.substring(dot)) <= MAX_KEPT_EXTENSION_BYTES
                ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        return prefixOfAtMost(stem, MAX_NAME_BYTES - utf8Length(extension)).strip() + extension;
    }

    /** The longest prefix of whole code points whose UTF-8 fits in {@code maxBytes}. */
    public static String prefixOfAtMost(String s, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /** The name's length in UTF-8 bytes, as file systems count it. */
    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
