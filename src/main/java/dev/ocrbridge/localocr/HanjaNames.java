package dev.ocrbridge.localocr;

import java.util.ArrayList;
import java.util.List;

/**
 * The Hanja of a Korean name, given what the engine read and how the printed glyphs look. Each Hanja of a name reads
 * as the Hangul syllable in the same position ({@code 홍길동 (洪吉童)}), so where the engine's character does not
 * read so (蚊 for 旼 in 김민서, 上 for 朴 in 박환임: a character outside its model, or a misread), the printed glyph is
 * compared with the Hanja that do ({@link HanjaReadings}) and the best one replaces it, but only when it is clearly
 * better than the engine's own character and than the next candidate; a character that does read so is replaced
 * only by one that looks far more like the glyph (蛾 for 娥). Never invents: when unsure, or with no candidates, what
 * the engine read stays. Pure: the glyph comparison comes in as a {@link Similarity}.
 */
final class HanjaNames {

    /** Below this correlation a candidate does not look like the glyph at all (a wrong cut, a smudge). */
    static final double MIN_SIMILARITY = 0.55;
    /** How much better than the engine's own character a candidate must look to replace it. */
    static final double OVER_ENGINE = 0.05;
    /** How much better than the next candidate the chosen one must look. */
    static final double OVER_NEXT = 0.03;
    /**
     * How much better a candidate must look to replace an engine's character that does read as the syllable (蛾 for
     * 娥, both 아): by far, since such a read is plausible.
     */
    static final double OVER_READING = 0.12;
    /** A character that reads as the syllable and looks at least this much like the glyph stays unchallenged. */
    static final double LOOKS_RIGHT = 0.80;

    /** How much the glyph at a position of the name looks like a Hanja, -1..1. */
    interface Similarity {
        double of(int position, int hanja);
    }

    private HanjaNames() {
    }

    /**
     * The Hangul name with a syllable the engine misread put right by the Hanja beside it: where a Hanja does not
     * read as the syllable in its place but its reading differs from it in one letter only (항 for 皇 황, 히 for 許
     * 허, 공 for 宮 궁: a serif face's vowel strokes misread), its reading replaces the syllable. Only where the
     * Hanja are trusted: as many as the syllables, and at least half of them (one at least) reading as theirs
     * already; a syllable two letters or more away from its Hanja's reading is left (then the Hanja is as likely the
     * misread).
     */
    static String hangul(String hangul, String hanja, HanjaReadings readings) {
        int[] syllables = hangul.codePoints().toArray();
        int[] han = hanja.codePoints().toArray();
        if (readings.isEmpty() || syllables.length != han.length || syllables.length == 0) {
            return hangul;
        }
        int agreeing = 0;
        for (int i = 0; i < han.length; i++) {
            agreeing += readings.readsAs(han[i], syllables[i]) ? 1 : 0;
        }
        if (agreeing == 0 || agreeing * 2 < han.length) {
            return hangul;
        }
        int[] out = syllables.clone();
        for (int i = 0; i < han.length; i++) {
            int written = readings.reading(han[i]);
            if (written < 0 || readings.readsAs(han[i], syllables[i])) {
                continue;
            }
            int initial = HanjaReadings.initialSound(written);
            // A name reads by the initial-sound rule (李 이, not 리): that form first.
            if (KoreanCardLayout.lettersApart(initial, syllables[i]) == 1) {
                out[i] = initial;
            } else if (KoreanCardLayout.lettersApart(written, syllables[i]) == 1) {
                out[i] = written;
            }
        }
        return new String(out, 0, out.length);
    }

    /**
     * @param hangul the name in Hangul as read (one syllable per Hanja)
     * @param read the Hanja the engine read ("" for none)
     * @param similarity the glyph comparison, or {@code null} when the glyphs could not be cut out (then only the
     *     engine's reading counts)
     * @return the Hanja to answer: {@code read}, corrected where the check above is sure
     */
    static String choose(String hangul, String read, HanjaReadings readings, Similarity similarity) {
        int[] syllables = hangul.codePoints().toArray();
        int[] hanja = read.codePoints().toArray();
        if (readings.isEmpty() || syllables.length == 0 || hanja.length == 0) {
            return read;
        }
        boolean aligned = hanja.length == syllables.length;
        if (similarity == null) {
            return read;
        }
        int[] out = aligned ? hanja.clone() : new int[syllables.length];
        for (int i = 0; i < syllables.length; i++) {
            if (aligned && readings.readsAs(hanja[i], syllables[i]) && similarity.of(i, hanja[i]) >= LOOKS_RIGHT) {
                // A plausible read that looks like the glyph: kept without comparing the other candidates (each
                // Hanja not compared before costs a rendering in every face).
                continue;
            }
            List<Integer> candidates = new ArrayList<>(readings.candidates(syllables[i]));
            if (!aligned) {
                // Too many or too few characters: which one is where is unknown, but each the engine read is a
                // candidate for every position (昀, outside the table's 윤, is still seen where it stands).
                for (int h : hanja) {
                    if (!candidates.contains(h)) {
                        candidates.add(h);
                    }
                }
            }
            int best = -1;
            double bestScore = -2;
            double nextScore = -2;
            for (int candidate : candidates) {
                double score = similarity.of(i, candidate);
                if (score > bestScore) {
                    nextScore = bestScore;
                    bestScore = score;
                    best = candidate;
                } else if (score > nextScore) {
                    nextScore = score;
                }
            }
            boolean sure = best >= 0 && bestScore >= MIN_SIMILARITY && bestScore - nextScore >= OVER_NEXT;
            if (aligned && best != hanja[i]) {
                double over = readings.readsAs(hanja[i], syllables[i]) ? OVER_READING : OVER_ENGINE;
                sure &= bestScore - similarity.of(i, hanja[i]) >= over;
            }
            if (sure) {
                out[i] = best;
            } else if (!aligned) {
                // Too few or too many characters and one position unsure: no partial guess.
                return read;
            }
        }
        return new String(out, 0, out.length);
    }
}
