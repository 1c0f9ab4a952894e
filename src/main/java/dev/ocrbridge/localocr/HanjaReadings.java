package dev.ocrbridge.localocr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hangul reading of each Hanja, to tell which Hanja can stand in a Korean name: a name's Hanja are printed
 * after its Hangul ({@code 홍길동 (洪吉童)}), and each reads as the syllable in the same position. The table is the
 * npm package {@code hanja}'s {@code hanjaeum.json} (one reading per character, MIT), which the build packs into the
 * jar. A reading counts in both its forms: as written ({@code 리} for 李) and with the initial-sound rule that names
 * follow ({@code 이}: ㄹ before i/y becomes ㅇ, before other vowels ㄴ; ㄴ before i/y becomes ㅇ).
 *
 * <p>Candidates are limited to the Hanja of KS X 1001, Korea's standard character set (4,620 unified ideographs,
 * those Java's EUC-KR encoder knows): the table also lists Chinese simplified forms (奂 beside 奐, 东 beside 東),
 * which a Korean card does not print and whose shapes are the nearest confusions of the traditional ones.
 */
final class HanjaReadings {

    static final String RESOURCE = "/dev/ocrbridge/localocr/hanja/hanjaeum.json";

    private static final int FIRST_SYLLABLE = 0xAC00;
    private static final int LAST_SYLLABLE = 0xD7A3;
    private static final int RIEUL = 5;
    private static final int NIEUN = 2;
    private static final int IEUNG = 11;

    /**
     * 金 reads 금, but 김 as the surname it mostly is on a card; the table holds one reading per character, 금. (The
     * index of candidates is left as it is: 金 is the one Hanja a card prints for 김, and the engine reads it well.)
     */
    private static final int[] SURNAME_KIM = {'金', '김'};

    private final Map<Integer, Integer> reading;
    private final Map<Integer, List<Integer>> bySyllable;

    private HanjaReadings(Map<Integer, Integer> reading) {
        this.reading = reading;
        CharsetEncoder korean = Charset.forName("EUC-KR").newEncoder();
        Map<Integer, List<Integer>> index = new HashMap<>();
        reading.forEach((hanja, syllable) -> {
            if (Character.isBmpCodePoint(hanja) && hanja >= 0x4E00 && hanja <= 0x9FFF
                    && korean.canEncode((char) hanja.intValue())) {
                index.computeIfAbsent(syllable, k -> new ArrayList<>()).add(hanja);
                int initial = initialSound(syllable);
                if (initial != syllable) {
                    index.computeIfAbsent(initial, k -> new ArrayList<>()).add(hanja);
                }
            }
        });
        index.values().forEach(list -> list.sort(Integer::compare));
        this.bySyllable = index;
    }

    /** The table packed in the jar; an empty one (no candidates, so no second pass) when the build packed none. */
    static HanjaReadings load() {
        try (InputStream in = HanjaReadings.class.getResourceAsStream(RESOURCE)) {
            return in == null ? new HanjaReadings(Map.of()) : new HanjaReadings(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hanja readings", e);
        }
    }

    /** For tests: a table of the given readings ({@code "李" -> "리"}). */
    static HanjaReadings of(Map<String, String> readings) {
        Map<Integer, Integer> table = new HashMap<>();
        readings.forEach((h, s) -> table.put(h.codePointAt(0), s.codePointAt(0)));
        return new HanjaReadings(table);
    }

    boolean isEmpty() {
        return reading.isEmpty();
    }

    /** The Korean-standard Hanja that read as {@code syllable} (either form of the reading), in code order. */
    List<Integer> candidates(int syllable) {
        return bySyllable.getOrDefault(syllable, List.of());
    }

    /** True when {@code hanja} reads as {@code syllable}, as written or by the initial-sound rule (and 金 as 김). */
    boolean readsAs(int hanja, int syllable) {
        Integer r = reading.get(hanja);
        return r != null && (r == syllable || initialSound(r) == syllable)
                || hanja == SURNAME_KIM[0] && syllable == SURNAME_KIM[1];
    }

    /** The syllable {@code hanja} reads as, as written ({@code 리} for 李), or -1 when the table has none. */
    int reading(int hanja) {
        Integer r = reading.get(hanja);
        return r == null ? -1 : r;
    }

    /** The syllable as it reads at the start of a word: 리 → 이, 라 → 나, 녀 → 여; others unchanged. */
    static int initialSound(int syllable) {
        if (syllable < FIRST_SYLLABLE || syllable > LAST_SYLLABLE) {
            return syllable;
        }
        int offset = syllable - FIRST_SYLLABLE;
        int initial = offset / (21 * 28);
        int vowel = offset % (21 * 28) / 28;
        int trailing = offset % 28;
        // ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: the vowels that begin with an i/y sound.
        boolean iotated = vowel == 2 || vowel == 6 || vowel == 7 || vowel == 12 || vowel == 17 || vowel == 20;
        int becomes;
        if (initial == RIEUL) {
            becomes = iotated ? IEUNG : NIEUN;
        } else if (initial == NIEUN && iotated) {
            becomes = IEUNG;
        } else {
            return syllable;
        }
        return FIRST_SYLLABLE + (becomes * 21 + vowel) * 28 + trailing;
    }

    private static Map<Integer, Integer> parse(InputStream in) throws IOException {
        Map<Integer, Integer> table = new HashMap<>(40_000);
        try (JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String hanja = p.currentName();
                p.nextToken();
                String syllable = p.getValueAsString();
                if (hanja.codePointCount(0, hanja.length()) == 1 && syllable != null
                        && syllable.codePointCount(0, syllable.length()) == 1) {
                    table.put(hanja.codePointAt(0), syllable.codePointAt(0));
                }
            }
        }
        return table;
    }
}
