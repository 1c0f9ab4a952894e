package dev.ocrbridge.localocr;

import java.text.Normalizer;

/** Clean-up of what the engine read, shared by the layout parsers. */
final class Texts {

    private Texts() {
    }

    /**
     * NFKC (full-width digits, letters, colons and brackets become ASCII), no spaces between two CJK characters
     * (the engine separates ideographs it reads one by one), single spaces elsewhere, trimmed.
     */
    static String normalize(String s) {
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).replace('\u3000', ' ').strip();
        t = t.replaceAll("\\s+", " ");
        // Twice: "王 * 一" needs both gaps closed, and a match consumes the character it closes up to.
        for (int i = 0; i < 2; i++) {
            t = t.replaceAll("(?<=[\\p{IsHan}*:])\\s+(?=[\\p{IsHan}*:])", "");
        }
        return t;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    static boolean isHangul(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL;
    }
}
