package dev.ocrbridge.outbox;

import java.text.Normalizer;

/**
 * Turns a name from outside (a mail attachment's file name, a remote file) into one that is safe as a single
 * path segment: no directories, no {@code ..}, no control characters, no leading dot, bounded length.
 * Letters of any script are kept, so a Korean or Chinese file name stays readable.
 */
public final class SafeNames {

    private static final int MAX_LENGTH = 150;

    private SafeNames() {
    }

    public static String safe(String name) {
        if (name == null) {
            return "unnamed";
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().forEach(cp -> {
            boolean bad = Character.isISOControl(cp) || cp == ':' || cp == '*' || cp == '?' || cp == '"'
                    || cp == '<' || cp == '>' || cp == '|' || Character.getType(cp) == Character.FORMAT;
            sb.appendCodePoint(bad ? '_' : cp);
        });
        String s = sb.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        return s.isEmpty() ? "unnamed" : s;
    }
}
