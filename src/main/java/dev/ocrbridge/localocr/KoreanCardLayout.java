package dev.ocrbridge.localocr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Korean resident registration card from its text lines. The card's order is fixed by law: title
 * (주민등록증), name, resident number, address (one or more lines), date of issue, issuing authority. The resident
 * number anchors everything: the name is the line above it, the address the lines between it and the date; when it
 * cannot be read, the title does, and without either the address above the date or the issuer.
 * {@code Birthday} and {@code Sex} are not printed: they follow from the number, whose 7th digit gives the century
 * and the sex (1/2: 1900s, 3/4: 2000s, 5-8 the same for foreigners, 9/0: 1800s; odd male). The check digit of
 * numbers issued before October 2020 is evidence, not a rule ({@link #checkDigitHolds}): numbers issued since have
 * none. Pure: no engine, testable on strings.
 */
final class KoreanCardLayout {

    private static final Pattern NUMBER = Pattern.compile("(\\d{6})\\s*[-~—–]\\s*(\\d{7})");
    private static final Pattern ISSUED = Pattern.compile("((?:19|20)\\d\\d)\\s*[.,]\\s*(\\d{1,2})\\s*[.,]\\s*(\\d{1,2})");
    private static final Pattern NAME = Pattern.compile("([\\p{IsHangul}]{2,5})\\s*(?:[(\\[{]\\s*([\\p{IsHan}\\s]{1,8})\\s*[)\\]}]?)?");
    private static final Pattern AUTHORITY = Pattern.compile("(청장|시장|군수|구청장|도지사)\\s*$");

    /** A lone Hangul letter (jamo), which is what {@code kor} makes of a Latin letter it has no model of (ᄋ for C). */
    private static final String JAMO = "[\\u1100-\\u11FF\\u3131-\\u318E]";

    /**
     * A word of an address that numbers a building, a unit or a floor ({@code 101동}, {@code N동}, {@code 1203호},
     * {@code 7층}): its mark is what stands before the suffix, digits or Latin letters that {@code kor} (no Latin
     * letters) may have misread ({@code N동} as {@code 4동}, {@code (동}, {@code \동}, {@code ᄋ동}) or dropped ({@code 동}). An opening
     * parenthesis before a mark is kept ({@code (5동)}); alone before the suffix it is the misread mark. 농 right after
     * a mark, ending the word, is a misread 동 (no address word is so); it becomes 동 when the mark is read again.
     */
    private static final Pattern BUILDING_WORD = Pattern.compile(
            "(\\((?=[^\\p{IsHangul}(]{1,4}[동호층]))?((?:[^\\p{IsHangul}]|" + JAMO + "){0,4})([동호층]|(?<=[A-Z0-9])농)([)\\],.]*)");
    private static final Pattern BUILDING_MARK = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,4}");

    /**
     * A mark with a letter: the letters lead ({@code N}, {@code B1}, {@code A-3}); no building is numbered {@code 10L},
     * which is a digit read as a letter.
     */
    private static final Pattern LETTERED_MARK = Pattern.compile("[A-Z]{1,2}(?:-?[0-9]{1,3})?");

    /**
     * What the layout found: the fields, where the name line is (to read its Hanja again) and which of the lines
     * (indexes into the parsed list) make up the address.
     */
    record Parsed(Map<String, String> fields, TextLine nameLine, boolean looksLikeCard, List<Integer> addressLines,
                  TextLine numberLine) {
    }

    private KoreanCardLayout() {
    }

    static Parsed parse(List<TextLine> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : new String[] {"ID", "Name", "Address", "DateOfIssue", "Birthday", "Sex"}) {
            out.put(f, "");
        }
        List<String> texts = new ArrayList<>();
        for (TextLine l : lines) {
            texts.add(Texts.normalize(fixDigits(l.text())));
        }
        int numberAt = -1;
        for (int i = 0; i < texts.size() && numberAt < 0; i++) {
            Matcher m = NUMBER.matcher(texts.get(i).replace(" ", ""));
            if (m.find()) {
                out.put("ID", m.group(1) + "-" + m.group(2));
                numberAt = i;
            }
        }
        int titleAt = -1;
        for (int i = 0; i < texts.size() && titleAt < 0; i++) {
            titleAt = isTitle(texts.get(i)) ? i : -1;
        }
        int addressAt = numberAt < 0 && titleAt < 0 ? addressAboveIssue(texts) : -1;
        if (numberAt < 0 && titleAt < 0 && addressAt < 0) {
            return new Parsed(out, null, false, List.of(), null);
        }
        // Without a number that could be read, the title anchors what else can be: the name is the first line below
        // it that holds one, the address follows the name. Without the title either, the address does: lines that
        // name places, above an issue date or an issuer; the name is the nearest line above them that holds one.
        int anchor = numberAt;
        TextLine nameLine = null;
        if (numberAt >= 0) {
            String[] derived = derived(out.get("ID"));
            out.put("Birthday", derived[0]);
            out.put("Sex", derived[1]);
            for (int i = numberAt - 1; i >= 0; i--) {
                String name = name(texts.get(i));
                if (!name.isEmpty() && !isTitle(texts.get(i))) {
                    out.put("Name", name);
                    nameLine = lines.get(i);
                    break;
                }
            }
        } else if (titleAt >= 0) {
            anchor = titleAt;
            for (int i = titleAt + 1; i < texts.size() && nameLine == null; i++) {
                String name = name(texts.get(i));
                if (!name.isEmpty()) {
                    out.put("Name", name);
                    nameLine = lines.get(i);
                    anchor = i;
                }
            }
        } else {
            anchor = addressAt - 1;
            for (int i = addressAt - 1; i >= 0 && nameLine == null; i--) {
                String name = name(texts.get(i));
                if (!name.isEmpty()) {
                    out.put("Name", name);
                    nameLine = lines.get(i);
                }
            }
        }
        List<String> address = new ArrayList<>();
        List<Integer> addressLines = new ArrayList<>();
        java.awt.Rectangle previous = null;
        for (int i = anchor + 1; i < texts.size(); i++) {
            String t = texts.get(i);
            java.awt.Rectangle box = lines.get(i).box();
            // The address is one block: it ends at the first gap wider than a line (the space before the issue
            // date), whatever the lines below it hold.
            if (previous != null && box.y - (previous.y + previous.height) > Math.max(box.height, previous.height)) {
                break;
            }
            Matcher m = ISSUED.matcher(t);
            if (m.find()) {
                out.put("DateOfIssue", issued(m));
                break;
            }
            if (AUTHORITY.matcher(t).find()) {
                break;
            }
            // An address line names places: at least two Hangul syllables (a line of digits is a misread date).
            if (t.codePoints().filter(KoreanCardLayout::syllable).count() >= 2) {
                address.add(address.isEmpty() ? withProvince(addressLine(t)) : addressLine(t));
                addressLines.add(i);
                previous = box;
            }
        }
        out.put("Address", String.join(" ", address));
        if (out.get("DateOfIssue").isEmpty()) {
            for (String t : texts) {
                Matcher m = ISSUED.matcher(t);
                if (m.find() && !NUMBER.matcher(t.replace(" ", "")).find()) {
                    out.put("DateOfIssue", issued(m));
                    break;
                }
            }
        }
        return new Parsed(out, nameLine, true, addressLines, numberAt < 0 ? null : lines.get(numberAt));
    }

    /**
     * True for the card's title, 주민등록증, also when the engine misread a syllable or two of it (주민동록증, 주민등록중)
     * or spaced it: at least three of its five syllables in their order, on a line of at most seven.
     */
    static boolean isTitle(String text) {
        String t = text.replace(" ", "");
        if (t.contains("주민등록")) {
            return true;
        }
        if (t.codePoints().filter(KoreanCardLayout::syllable).count() > 7) {
            return false;
        }
        String title = "주민등록증";
        int found = 0;
        int from = 0;
        for (int k = 0; k < title.length(); k++) {
            int at = t.indexOf(title.charAt(k), from);
            if (at >= 0) {
                found++;
                from = at + 1;
            }
        }
        return found >= 3;
    }

    /**
     * The first line of an address, found without the number or the title: the first line naming two places or
     * more ({@link #namesPlaces}) that stands above an issue date or an issuer's line; -1 when there is none.
     */
    private static int addressAboveIssue(List<String> texts) {
        int issueAt = -1;
        for (int i = texts.size() - 1; i >= 0 && issueAt < 0; i--) {
            issueAt = ISSUED.matcher(texts.get(i)).find() || AUTHORITY.matcher(texts.get(i)).find() ? i : -1;
        }
        for (int i = 0; i < issueAt; i++) {
            if (namesPlaces(texts.get(i)) && !AUTHORITY.matcher(texts.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True for a line with two words or more that name a place by their ending (시, 도, 구, 군, 읍, 면, 동, 로, 길:
     * 서울특별시 강남구 테헤란로): an address line, or an issuer's.
     */
    static boolean namesPlaces(String text) {
        int places = 0;
        for (String word : text.split(" ")) {
            long syllables = word.codePoints().filter(KoreanCardLayout::syllable).count();
            if (syllables >= 2 && word.matches(".*[시도구군읍면동로길]")) {
                places++;
            }
        }
        return places >= 2;
    }

    /**
     * True for a resident number that can be one: 13 digits, a date of birth that exists, a 7th digit of 1-8 (9 and
     * 0 are for people born in the 1800s, none of whom holds a card). A number that fails was misread.
     */
    static boolean plausible(String id) {
        return id.matches("\\d{6}-[1-8]\\d{6}") && !derived(id)[0].isEmpty();
    }

    /** Weights of the first twelve digits in the check digit of numbers issued before October 2020. */
    private static final int[] CHECK_WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

    /**
     * True when the 13th digit is the check digit of the first twelve (weights 2-9, 2-5; (11 - sum mod 11) mod 10),
     * as on every number issued before October 2020. A number that fails it may still be right (issued since), but
     * one misread digit almost always makes a number with a check fail it.
     */
    static boolean checkDigitHolds(String id) {
        if (!id.matches("\\d{6}-\\d{7}")) {
            return false;
        }
        String digits = id.replace("-", "");
        int sum = 0;
        for (int i = 0; i < CHECK_WEIGHTS.length; i++) {
            sum += CHECK_WEIGHTS[i] * (digits.charAt(i) - '0');
        }
        return (11 - sum % 11) % 10 == digits.charAt(12) - '0';
    }

    /**
     * The number to answer from several reads of the same printed number, the page's first: the first plausible read,
     * unless its check digit fails and the other reads show one digit of its first twelve otherwise such that the
     * check holds (and the date stays one), and only one such: that number then (a digit misread by one read and
     * right in another). A number issued since October 2020 has no check digit, so a failed check alone changes
     * nothing; nor does a read that differs only in the check digit itself (any twelve digits have a thirteenth that
     * fits them), or in more digits than one (another misread as likely). "" when no read is plausible.
     */
    static String chooseNumber(List<String> reads) {
        List<String> plausible = reads.stream().filter(KoreanCardLayout::plausible).toList();
        if (plausible.isEmpty()) {
            return "";
        }
        String first = plausible.get(0);
        if (checkDigitHolds(first)) {
            return first;
        }
        Set<String> holding = new LinkedHashSet<>();
        for (String other : plausible) {
            // Up to index 12: index 13 is the check digit (6 the hyphen, the same in every plausible read).
            for (int i = 0; i < 13; i++) {
                if (other.charAt(i) != first.charAt(i)) {
                    String one = first.substring(0, i) + other.charAt(i) + first.substring(i + 1);
                    if (plausible(one) && checkDigitHolds(one)) {
                        holding.add(one);
                    }
                }
            }
        }
        return holding.size() == 1 ? holding.iterator().next() : first;
    }

    /** The resident number in a line read with digits and hyphens only, or "". */
    static String number(String text) {
        Matcher m = NUMBER.matcher(text.replace(" ", ""));
        return m.find() ? m.group(1) + "-" + m.group(2) : "";
    }

    /**
     * The line without what stands right of a gap wider than two of its characters (a mark of the photo or the
     * card's pattern beside the text), or the line itself when there is no such gap. {@code words}: the line's words.
     */
    static TextLine beforeWideGap(TextLine line, List<TextLine> words) {
        List<TextLine> mine = new ArrayList<>();
        for (TextLine w : words) {
            if (line.box().contains(w.box().getCenterX(), w.box().getCenterY())) {
                mine.add(w);
            }
        }
        mine.sort((a, b) -> Integer.compare(a.box().x, b.box().x));
        for (int k = 1; k < mine.size(); k++) {
            java.awt.Rectangle left = mine.get(k - 1).box();
            if (mine.get(k).box().x - (left.x + left.width) > 2 * line.box().height) {
                List<TextLine> kept = mine.subList(0, k);
                StringBuilder text = new StringBuilder();
                java.awt.Rectangle box = new java.awt.Rectangle(kept.get(0).box());
                for (TextLine w : kept) {
                    text.append(text.length() == 0 ? "" : " ").append(w.text());
                    box = box.union(w.box());
                }
                return new TextLine(text.toString(), box, line.confidence());
            }
        }
        return line;
    }

    /** True for an address word whose building, unit or floor mark is worth reading again ({@link #BUILDING_WORD}). */
    static boolean isBuildingWord(String word) {
        return BUILDING_WORD.matcher(Texts.normalize(word)).matches();
    }

    /** True for a building word whose mark was read as one or two digits, worth a read three times as large. */
    static boolean isShortMark(String word) {
        Matcher m = BUILDING_WORD.matcher(Texts.normalize(word));
        return m.matches() && (m.group(2).matches("\\d{1,2}") || m.group(2).matches("\\d?" + JAMO));
    }

    /**
     * The word with its mark replaced by what a second read (Latin capitals, digits and hyphens only) saw there, or
     * the word as it was when that read is not a mark. {@code kor} reads digits and hyphens well and Latin letters
     * not at all, so a first read that already is a mark ({@code 202}, {@code 5}) is replaced only by a read with a
     * letter, of the same length ({@code 4} by {@code N}): a small crop's read that lost, added or changed a digit
     * ({@code 2}, {@code 5-}, {@code 1507}) does not undo it; a hyphen the first read saw is kept where it was
     * ({@code ^-3} and {@code A3} give {@code A-3}).
     */
    static String withBuildingMark(String word, String reread) {
        Matcher m = BUILDING_WORD.matcher(Texts.normalize(word));
        String mark = reread == null ? "" : reread.replaceAll("\\s+", "");
        if (!m.matches()) {
            return word;
        }
        String first = m.group(2);
        mark = withHyphensOf(first, mark);
        if (!BUILDING_MARK.matcher(mark).matches()
                || mark.chars().anyMatch(c -> c >= 'A' && c <= 'Z') && !LETTERED_MARK.matcher(mark).matches()) {
            return word;
        }
        if (BUILDING_MARK.matcher(first).matches()
                && (first.length() != mark.length() || mark.chars().noneMatch(c -> c >= 'A' && c <= 'Z'))) {
            return word;
        }
        return (m.group(1) == null ? "" : m.group(1)) + mark + m.group(3).replace('농', '동') + m.group(4);
    }

    /**
     * The word with its mark replaced by what a read of the mark three times as large saw, by the rules of
     * {@link #withBuildingMark}, and also when that read is one capital letter where the first read saw one or two
     * digits: {@code kor} reads a serif {@code B} as {@code 8} or {@code 78}, and one glyph enlarged is read whole.
     */
    static String withEnlargedMark(String word, String reread) {
        String again = withBuildingMark(word, reread);
        Matcher m = BUILDING_WORD.matcher(Texts.normalize(word));
        String mark = reread == null ? "" : reread.replaceAll("\\s+", "");
        if (!again.equals(word) || !m.matches() || !isShortMark(word) || !mark.matches("[A-Z]")) {
            return again;
        }
        return (m.group(1) == null ? "" : m.group(1)) + mark + m.group(3).replace('농', '동') + m.group(4);
    }

    /** {@code mark} with the hyphens of {@code first} put back where they were, if that is all it lacks. */
    private static String withHyphensOf(String first, String mark) {
        long hyphens = first.chars().filter(c -> c == '-').count();
        if (hyphens == 0 || mark.indexOf('-') >= 0 || mark.length() + hyphens != first.length()) {
            return mark;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int i = 0; i < first.length(); i++) {
            out.append(first.charAt(i) == '-' ? '-' : mark.charAt(at++));
        }
        return out.toString();
    }

    private static boolean syllable(int cp) {
        return cp >= 0xAC00 && cp <= 0xD7A3;
    }

    /**
     * One address line without the specks the engine reads as stray marks (tokens with no syllable, digit or
     * letter: "ᅵ", "』", ":"), with a misread opening brace as a parenthesis and one space after each comma.
     */
    static String addressLine(String line) {
        StringBuilder out = new StringBuilder();
        for (String token : line.replaceAll(",\\s*", ", ").split(" ")) {
            boolean meaningful = token.codePoints().anyMatch(cp -> syllable(cp) || Character.isLetterOrDigit(cp)
                    && !Texts.isHangul(cp));
            if (!meaningful) {
                continue;
            }
            String t = token.startsWith("{") || token.startsWith("[") ? "(" + token.substring(1) : token;
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(t);
        }
        return out.toString();
    }

    /**
     * A name set with its syllables wide apart ({@code 홍 길 동}), which the engine reads as words of one syllable or
     * two, or parts kept apart by marks it saw in the gaps ({@code 곽,도/현}): two to five syllables in such parts at
     * the start of the line, one part of a lone syllable at least, up to what is not Hangul or the line's end.
     */
    private static final Pattern SPACED_NAME = Pattern.compile(
            "^((?:[\\p{IsHangul}]{1,4}[\\s,./·'`]+){1,4}[\\p{IsHangul}]{1,4})(?=[\\s,./·'`]*(?:[^\\p{IsHangul}\\s]|$))");

    /**
     * Korea's top-level divisions, the first word of every address: a closed list, so a syllable misread by one
     * letter there can be put right.
     */
    private static final List<String> PROVINCES = List.of("서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시",
            "대전광역시", "울산광역시", "세종특별자치시", "경기도", "강원도", "강원특별자치도", "충청북도", "충청남도", "전라북도",
            "전북특별자치도", "전라남도", "경상북도", "경상남도", "제주특별자치도");

    /**
     * The address line with its first word put right when it is not a top-level division but one syllable of exactly
     * one of them, misread by one letter ({@code 서물특별시}, {@code 인전광역시}); the line as it was otherwise.
     */
    static String withProvince(String line) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        if (PROVINCES.contains(first)) {
            return line;
        }
        int[] read = first.codePoints().toArray();
        String match = null;
        for (String province : PROVINCES) {
            int[] p = province.codePoints().toArray();
            if (p.length != read.length) {
                continue;
            }
            int apart = 0;
            for (int i = 0; i < p.length && apart <= 1; i++) {
                apart += p[i] == read[i] ? 0 : lettersApart(p[i], read[i]) == 1 ? 1 : 2;
            }
            if (apart == 1) {
                if (match != null) {
                    return line;
                }
                match = province;
            }
        }
        return match == null ? line : match + line.substring(first.length());
    }

    /**
     * How many of the three letters (initial, vowel, final) two syllables differ in; 3 for what is not a syllable.
     * Syllables run from U+AC00 by initial, each with 21 vowels × 28 finals (none the first): 588 per initial.
     */
    static int lettersApart(int a, int b) {
        if (!syllable(a) || !syllable(b)) {
            return 3;
        }
        int x = a - 0xAC00;
        int y = b - 0xAC00;
        return (x / 588 != y / 588 ? 1 : 0) + (x % 588 / 28 != y % 588 / 28 ? 1 : 0) + (x % 28 != y % 28 ? 1 : 0);
    }

    /** "홍길동 (洪吉童)" as Tencent writes it, or the Hangul alone; "" when the line holds no name. */
    static String name(String text) {
        String t = Texts.normalize(text).strip();
        Matcher spaced = SPACED_NAME.matcher(t);
        if (spaced.find()) {
            String[] parts = spaced.group(1).split("[\\s,./·'`]+");
            String joined = String.join("", parts);
            int syllables = joined.codePointCount(0, joined.length());
            if (syllables <= 5 && java.util.Arrays.stream(parts).anyMatch(part -> part.codePointCount(0, part.length()) == 1)) {
                t = joined + " " + t.substring(spaced.end()).replaceFirst("^[\\s,./·'`]+", "");
            }
        }
        Matcher m = NAME.matcher(t);
        if (!m.find()) {
            return "";
        }
        String hanja = m.group(2) == null ? "" : m.group(2).replaceAll("\\s+", "");
        return hanja.isEmpty() ? m.group(1) : m.group(1) + " (" + hanja + ")";
    }

    /** Birthday (dd/mm/yyyy) and sex (男/女) from the number; "" for a date that does not exist. */
    static String[] derived(String id) {
        char code = id.charAt(7);
        int century = switch (code) {
            case '1', '2', '5', '6' -> 1900;
            case '3', '4', '7', '8' -> 2000;
            default -> 1800;
        };
        int year = century + Integer.parseInt(id.substring(0, 2));
        try {
            LocalDate date = LocalDate.of(year, Integer.parseInt(id.substring(2, 4)), Integer.parseInt(id.substring(4, 6)));
            String birthday = String.format(java.util.Locale.ROOT, "%02d/%02d/%04d", date.getDayOfMonth(),
                    date.getMonthValue(), date.getYear());
            return new String[] {birthday, (code - '0') % 2 == 1 ? "男" : "女"};
        } catch (DateTimeException e) {
            return new String[] {"", ""};
        }
    }

    /** The date of issue in a line ("2021. 11. 2."), as dd/mm/yyyy, or "". */
    static String dateOfIssue(String text) {
        Matcher m = ISSUED.matcher(Texts.normalize(text));
        return m.find() ? issued(m) : "";
    }

    /**
     * True for a line that may be the date of issue misread (low contrast, small print): mostly digits, no
     * resident number. Read again with digits only.
     */
    static boolean mayBeDate(String text) {
        String t = text.replace(" ", "");
        long digits = t.chars().filter(Character::isDigit).count();
        return digits >= 4 && digits * 2 >= t.length() && !NUMBER.matcher(t).find();
    }

    private static String issued(Matcher m) {
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return String.format(java.util.Locale.ROOT, "%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
        } catch (DateTimeException e) {
            return "";
        }
    }

    /** Letters the engine reads for digits inside a digit run (O for 0, l or I for 1). */
    private static String fixDigits(String s) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            boolean digitNear = (i > 0 && Character.isDigit(b.charAt(i - 1)))
                    || (i + 1 < b.length() && Character.isDigit(b.charAt(i + 1)));
            if (digitNear) {
                if (c == 'O' || c == 'o') {
                    b.setCharAt(i, '0');
                } else if (c == 'l' || c == 'I' || c == '|') {
                    b.setCharAt(i, '1');
                }
            }
        }
        return b.toString();
    }
}
