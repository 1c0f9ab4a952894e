package dev.ocrbridge.localocr;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Set;

/** The CJK fonts the generator draws with: Noto CJK from Debian's fonts-noto-cjk, which .ci/run installs. */
public final class CjkFonts {

    static final String SANS_SC = "Noto Sans CJK SC";
    static final String SANS_KR = "Noto Sans CJK KR";
    static final String SERIF_KR = "Noto Serif CJK KR";

    private CjkFonts() {
    }

    /** True when every family the generator uses is installed. */
    public static boolean available() {
        Set<String> families = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        return families.contains(SANS_SC) && families.contains(SANS_KR) && families.contains(SERIF_KR);
    }

    public static String missingMessage() {
        return "CJK fonts missing (" + SANS_SC + ", " + SANS_KR + ", " + SERIF_KR
                + "): apt-get install fonts-noto-cjk, as .ci/run does";
    }

    static Font font(String family, int style, int size) {
        return new Font(family, style, size);
    }
}
