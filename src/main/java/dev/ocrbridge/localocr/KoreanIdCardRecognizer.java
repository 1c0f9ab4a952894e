package dev.ocrbridge.localocr;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognizer.Recognizer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RecognizeKoreanIDCardOCR} on this machine: Tesseract's {@code kor} reads the card, {@link KoreanCardLayout}
 * finds the fields, the marks of buildings, units and floors in the address ({@code N동}) are read again with Latin
 * letters and digits only, and the name's Hanja are read with {@code chi_tra} and checked against the Hangul printed
 * before them ({@link HanjaNames}), because {@code kor} alone turns a Hanja name into Hangul look-alikes and
 * {@code chi_tra} does not know every Hanja of names. {@code Photo} is the face, cut out as a JPEG, only when asked
 * for.
 */
final class KoreanIdCardRecognizer implements Recognizer {

    /** Cards are scaled to about this width (an ID-1 card at ~250 dpi): glyphs of 25-45 px. */
    static final int WORKING_WIDTH = 900;

    /** How much larger the resident number is read by the second model ({@code chi_sim}): its digits read best so. */
    private static final double OTHER_MODEL_SCALE = 1.5;

    /** What a building, unit or floor mark is made of ({@code N}, {@code 101}, {@code B1}, {@code A-2}). */
    private static final String MARK_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

    private final OcrEngine engine;
    private final HanjaReadings readings;
    private final HanjaGlyphs glyphs;

    KoreanIdCardRecognizer(OcrEngine engine, HanjaReadings readings, HanjaGlyphs glyphs) {
        this.engine = engine;
        this.readings = readings;
        this.glyphs = glyphs;
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, Map<String, Object> parameters) {
        return recognize(action, image, Images.decode(action, image), parameters);
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, BufferedImage decoded,
                                         Map<String, Object> parameters) {
        double factor = Images.factor(decoded.getWidth(), WORKING_WIDTH);
        BufferedImage card = factor == 1.0 ? decoded : Images.scaleRgb(decoded, factor);
        GrayImage gray = GrayImage.of(card);
        // The photo, blanked, cannot merge into the text lines beside it.
        Rectangle face = KoreanCardPhoto.find(card);
        if (face != null) {
            gray = gray.blank(face);
        }
        OcrEngine.Page read = engine.page(gray, LocalRecognizers.KOREAN, OcrEngine.PSM_BLOCK);
        if (read.lines().isEmpty()) {
            throw OcrException.local(ErrorCodes.IMAGE_NO_TEXT, "no text found");
        }
        List<TextLine> lines = new ArrayList<>();
        for (TextLine line : read.lines()) {
            lines.add(KoreanCardLayout.beforeWideGap(line, read.words()));
        }
        OcrEngine.Page page = new OcrEngine.Page(lines, read.words(), read.symbols());
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(lines);
        String first = parsed.fields().get("ID");
        if (!KoreanCardLayout.plausible(first) || !KoreanCardLayout.checkDigitHolds(first)) {
            // Before Birthday and Sex are derived from it: a number that cannot be one, or whose check digit fails
            // (a misread digit, or a number issued since October 2020), is read again.
            List<TextLine> again = numberReadAgain(gray, lines, parsed.numberLine(), first);
            if (again != lines) {
                lines = again;
                page = new OcrEngine.Page(lines, read.words(), read.symbols());
                parsed = KoreanCardLayout.parse(lines);
            }
        }
        if (parsed.fields().get("ID").isEmpty() && !parsed.looksLikeCard()) {
            // Text, but no resident number, no card's title, no address above an issue date: not a card of this kind.
            // A card is answered with what could be read of it, as Tencent answers one.
            throw OcrException.local("FailedOperation.OcrFailed", "the document's fields could not be read");
        }
        List<TextLine> marked = buildingMarks(gray, page, parsed.addressLines());
        if (marked != lines) {
            parsed = KoreanCardLayout.parse(marked);
        }
        Map<String, String> fields = parsed.fields();
        if (fields.get("DateOfIssue").isEmpty()) {
            fields.put("DateOfIssue", dateOfIssue(gray, lines));
        }
        if (parsed.nameLine() != null && parsed.fields().get("Name").length() > 0) {
            String hangul = fields.get("Name").replaceFirst(" \\(.*$", "");
            String hanja = hanja(gray, parsed.nameLine().box(), within(page.symbols(), parsed.nameLine().box()), hangul);
            hangul = HanjaNames.hangul(hangul, hanja, readings);
            // Each syllable has its one Hanja: a read of another count is no name's (the card's pattern right of a
            // name printed without Hanja, read 三), and a name is better given without Hanja than with wrong ones.
            boolean oneEach = hanja.codePointCount(0, hanja.length()) == hangul.codePointCount(0, hangul.length());
            fields.put("Name", hanja.isEmpty() || !oneEach ? hangul : hangul + " (" + hanja + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", fields.get("ID"));
        out.put("Name", fields.get("Name"));
        out.put("Address", fields.get("Address"));
        out.put("DateOfIssue", fields.get("DateOfIssue"));
        out.put("Birthday", fields.get("Birthday"));
        out.put("Sex", fields.get("Sex"));
        if (Boolean.TRUE.equals(parameters.get("ReturnHeadImage"))) {
            out.put(OcrAction.PHOTO_FIELD, face == null ? "" : Images.jpegBase64(card, face));
        }
        return out;
    }

    /**
     * The lines with each address word that numbers a building, unit or floor re-read where its mark stands, with
     * capitals, digits and hyphens only ({@code chi_sim}, which has Latin letters; {@code kor} has none); the same
     * list when nothing changed. Only the mark is read again, not the line: {@code kor+eng} on the whole card reads
     * Hangul worse.
     */
    private List<TextLine> buildingMarks(GrayImage gray, OcrEngine.Page page, List<Integer> addressLines) {
        List<TextLine> out = null;
        for (int i : addressLines) {
            TextLine line = page.lines().get(i);
            // The line's characters, each with its box: the line's text less its spaces, one symbol per character.
            List<TextLine> symbols = within(page.symbols(), line.box());
            StringBuilder joined = new StringBuilder();
            symbols.forEach(sym -> joined.append(sym.text()));
            if (!joined.toString().equals(line.text().replace(" ", "")) || symbols.stream().anyMatch(
                    sym -> sym.text().codePointCount(0, sym.text().length()) != 1)) {
                continue;
            }
            String[] tokens = line.text().split(" ");
            boolean changed = false;
            int at = 0;
            for (int k = 0; k < tokens.length; k++) {
                int length = tokens[k].codePointCount(0, tokens[k].length());
                if (KoreanCardLayout.isBuildingWord(tokens[k])) {
                    Rectangle mark = markArea(symbols.subList(at, at + length), at == 0 ? null : symbols.get(at - 1));
                    if (mark != null) {
                        List<TextLine> read = engine.paddedLine(gray.crop(mark), LocalRecognizers.CHINESE, MARK_CHARACTERS);
                        String again = KoreanCardLayout.withBuildingMark(tokens[k], read.isEmpty() ? "" : read.get(0).text());
                        if (again.equals(tokens[k]) && KoreanCardLayout.isShortMark(tokens[k])) {
                            // One or two glyphs read as they were: read again three times as large, where a serif
                            // B read 8 or 78 at the page's size is read whole.
                            read = engine.paddedLine(gray.crop(mark).scale(3), LocalRecognizers.CHINESE, MARK_CHARACTERS);
                            again = KoreanCardLayout.withEnlargedMark(tokens[k], read.isEmpty() ? "" : read.get(0).text());
                        }
                        changed |= !again.equals(tokens[k]);
                        tokens[k] = again;
                    }
                }
                at += length;
            }
            if (changed) {
                if (out == null) {
                    out = new ArrayList<>(page.lines());
                }
                out.set(i, new TextLine(String.join(" ", tokens), line.box(), line.confidence()));
            }
        }
        return out == null ? page.lines() : out;
    }

    /**
     * Where the mark of a building word stands: from its first character (an opening parenthesis before a mark
     * excepted) to its suffix (동, 호, 층); when the engine saw nothing before the suffix, the gap before it, back to
     * the previous character. {@code null} when there is no room for a character there.
     */
    static Rectangle markArea(List<TextLine> word, TextLine previous) {
        int suffix = -1;
        for (int s = word.size() - 1; s >= 0 && suffix < 0; s--) {
            if (word.get(s).text().matches("[동호층농]")) {
                suffix = s;
            }
        }
        if (suffix < 0) {
            return null;
        }
        Rectangle end = word.get(suffix).box();
        int first = suffix >= 2 && word.get(0).text().matches("[(\\[{]") ? 1 : 0;
        int pad = Math.max(2, end.height / 4);
        int left;
        if (suffix == first && end.width * 3 > end.height * 4) {
            // The suffix's box far wider than a syllable (about as wide as high): the engine boxed a letter it does
            // not know together with it (N동 read as one 동); the mark is its left part.
            return new Rectangle(end.x - pad, end.y - pad, end.width - end.height + pad, end.height + 2 * pad);
        } else if (suffix > first) {
            left = word.get(first).box().x - pad;
        } else {
            // Nothing seen before the suffix: the gap back to the previous character (never into it: part of a
            // syllable read with letters and digits only would make up a mark).
            left = end.x - 2 * end.width;
            if (previous != null) {
                left = Math.max(left, previous.box().x + previous.box().width + 1);
            }
        }
        int right = end.x - 1;
        if (right - left < end.height / 4) {
            return null;
        }
        return new Rectangle(left, end.y - pad, right - left, end.height + 2 * pad);
    }

    /**
     * The lines with the resident number read again, digits and hyphens only, where the page's read ({@code first})
     * gave none, one that cannot be a number ({@link KoreanCardLayout#plausible}) or one whose check digit fails: the
     * number's line, else each line with eight or more digits; by {@code kor} where the page's read is no number,
     * then, while no read's check digit holds, by {@code chi_sim}. The reads are weighed by
     * {@link KoreanCardLayout#chooseNumber}: the first plausible one, one digit of it put right where another read
     * shows the digit that makes its check hold (a number issued since October 2020 has no check digit: a failed
     * check alone changes nothing). The same list when nothing plausible, or nothing other than the page's read, is
     * read.
     */
    private List<TextLine> numberReadAgain(GrayImage gray, List<TextLine> lines, TextLine numberLine, String first) {
        for (int i = 0; i < lines.size(); i++) {
            TextLine line = lines.get(i);
            long digits = line.text().chars().filter(Character::isDigit).count();
            if (numberLine != null ? line != numberLine : digits < 8) {
                continue;
            }
            Rectangle box = line.box();
            int pad = Math.max(4, box.height / 3);
            GrayImage crop = gray.crop(new Rectangle(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad));
            List<String> reads = new ArrayList<>();
            boolean firstPlausible = numberLine != null && KoreanCardLayout.plausible(first);
            if (numberLine != null && !first.isEmpty()) {
                reads.add(first);
            }
            if (!firstPlausible) {
                // kor with digits only reads what the page's read could not make a number of; a plausible number
                // it reads again as it read it (it repeats its own misread at any size), so that one is skipped.
                reads.add(digitsRead(crop, LocalRecognizers.KOREAN));
            }
            String chosen = KoreanCardLayout.chooseNumber(reads);
            if (!KoreanCardLayout.checkDigitHolds(chosen)) {
                // Another model's digits: chi_sim, trained on other faces, misreads other digits, if any.
                reads.add(digitsRead(crop.scale(OTHER_MODEL_SCALE), LocalRecognizers.CHINESE));
                chosen = KoreanCardLayout.chooseNumber(reads);
            }
            if (!chosen.isEmpty() && !chosen.equals(first)) {
                List<TextLine> out = new ArrayList<>(lines);
                out.set(i, new TextLine(chosen, box, line.confidence()));
                return out;
            }
            if (!chosen.isEmpty()) {
                return lines;
            }
        }
        return lines;
    }

    /** The resident number in a crop of its line read with digits and hyphens only, or "". */
    private String digitsRead(GrayImage crop, String language) {
        List<TextLine> read = engine.paddedLine(crop, language, "0123456789-");
        return read.isEmpty() ? "" : KoreanCardLayout.number(read.get(0).text());
    }

    /** The parts whose centre lies inside {@code box}, in the engine's order. */
    private static List<TextLine> within(List<TextLine> parts, Rectangle box) {
        List<TextLine> out = new ArrayList<>();
        for (TextLine p : parts) {
            if (box.contains(p.box().getCenterX(), p.box().getCenterY())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The date of issue from a line below the resident number that reads mostly as digits, read again as such. */
    private String dateOfIssue(GrayImage gray, List<TextLine> lines) {
        boolean belowNumber = false;
        for (TextLine line : lines) {
            if (!belowNumber) {
                belowNumber = line.text().replace(" ", "").matches(".*\\d{6}\\s*[-~—–]\\s*\\d{7}.*");
                continue;
            }
            if (!KoreanCardLayout.mayBeDate(line.text())) {
                continue;
            }
            Rectangle box = line.box();
            int pad = Math.max(4, box.height / 3);
            // As it is: scaled up, the engine merges the dots into the digits.
            GrayImage crop = gray.crop(new Rectangle(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad));
            List<TextLine> read = engine.paddedLine(crop, LocalRecognizers.KOREAN, "0123456789. ");
            String date = read.isEmpty() ? "" : KoreanCardLayout.dateOfIssue(read.get(0).text());
            if (!date.isEmpty()) {
                return date;
            }
            // The dots read as digits again: the digit groups alone, set apart, read with digits only.
            GrayImage groups = KoreanCardDate.withoutDots(crop);
            if (groups != null) {
                read = engine.paddedLine(groups, LocalRecognizers.KOREAN, "0123456789 ");
                date = read.isEmpty() ? "" : KoreanCardLayout.dateOfIssue(read.get(0).text().strip().replaceAll("\\s+", ". "));
                if (!date.isEmpty()) {
                    return date;
                }
            }
        }
        return "";
    }

    /**
     * The Hanja in the name line's parentheses, or "". The page's read places the opening parenthesis ({@code kor}
     * reads Hanja as Hangul look-alikes but places them right); what follows it is read with {@code chi_tra}, which
     * knows most Hanja of Korean names ({@code kor+chi_tra} on the whole line still prefers Hangul), and the result is
     * checked against the Hangul name ({@link HanjaNames}).
     */
    private String hanja(GrayImage gray, Rectangle line, List<TextLine> lineSymbols, String hangul) {
        int syllables = hangul.codePointCount(0, hangul.length());
        int pad = Math.max(6, line.height / 3);
        Rectangle area = new Rectangle(line.x - pad, line.y - pad, line.width + 2 * pad, line.height + 2 * pad);
        // Where the Hanja begin: after the name's last Hangul syllable (the engine boxes syllables well, while a
        // parenthesis beside an ideograph it does not know can be boxed into it); else after the parenthesis.
        int open = afterSyllables(lineSymbols, syllables);
        if (open < 0) {
            open = opening(lineSymbols);
        }
        if (open >= 0 && !anythingAfter(lineSymbols, open)) {
            // A name without Hanja (남궁똠): nothing to read, and nothing to make up from the card's background.
            return "";
        }
        if (open < 0 && lineSymbols.isEmpty()) {
            // Not seen in the page's read: the line alone, as a line.
            List<TextLine> symbols = engine.symbols(gray.crop(area), LocalRecognizers.KOREAN, OcrEngine.PSM_LINE);
            int inCrop = opening(symbols);
            open = inCrop < 0 ? -1 : inCrop + Math.max(0, area.x);
        }
        if (open < 0) {
            return "";
        }
        // Up to the closing parenthesis: full-width glyphs about as wide as the line is high, and the two
        // parentheses; not the rest of the line box (a blanked photo, specks).
        int end = Math.min(area.x + area.width, open + (int) Math.round((syllables + 1.5) * line.height));
        GrayImage inside = gray.crop(new Rectangle(open, area.y, end - open, area.height));
        String han = han(engine.lines(inside, LocalRecognizers.HANJA, OcrEngine.PSM_LINE));
        if (han.codePointCount(0, han.length()) != syllables) {
            // Each syllable of a Korean name has its one Hanja: a count that differs is a misread; a read on a white
            // margin is the second opinion, kept only if its count is right.
            String again = han(engine.paddedLine(inside, LocalRecognizers.HANJA));
            if (again.codePointCount(0, again.length()) == syllables) {
                han = again;
            }
        }
        return checked(hangul, han, inside);
    }

    /** The engine's Hanja, corrected where the glyphs clearly show another Hanja of the same reading. */
    private String checked(String hangul, String han, GrayImage inside) {
        if (han.isEmpty() || readings.isEmpty() || !glyphs.available()) {
            return han;
        }
        List<Rectangle> cells = HanjaGlyphs.cells(inside, hangul.codePointCount(0, hangul.length()));
        HanjaNames.Similarity similarity = null;
        if (!cells.isEmpty()) {
            float[][] shapes = new float[cells.size()][];
            for (int i = 0; i < shapes.length; i++) {
                shapes[i] = HanjaGlyphs.shape(inside, cells.get(i));
            }
            similarity = (position, hanja) -> glyphs.similarity(shapes[position], hanja);
        }
        return HanjaNames.choose(hangul, han, readings, similarity);
    }

    /** The right edge of the {@code count}-th Hangul syllable among the symbols, or -1. */
    private static int afterSyllables(List<TextLine> symbols, int count) {
        int seen = 0;
        for (TextLine s : symbols) {
            if (s.text().codePointCount(0, s.text().length()) == 1 && s.text().codePointAt(0) >= 0xAC00
                    && s.text().codePointAt(0) <= 0xD7A3 && ++seen == count) {
                return s.box().x + s.box().width;
            }
        }
        return -1;
    }

    /** Whether the engine saw any character right of {@code x} (Hanja come back as Hangul look-alikes or marks). */
    private static boolean anythingAfter(List<TextLine> symbols, int x) {
        return symbols.stream().anyMatch(s -> s.box().getCenterX() > x);
    }

    /** The right edge of the first opening parenthesis among the symbols, or -1. */
    private static int opening(List<TextLine> symbols) {
        for (TextLine s : symbols) {
            if (s.text().equals("(") || s.text().equals("（") || s.text().equals("[")) {
                return s.box().x + s.box().width;
            }
        }
        return -1;
    }

    private static String han(List<TextLine> read) {
        StringBuilder han = new StringBuilder();
        if (!read.isEmpty()) {
            read.get(0).text().codePoints().filter(Texts::isHan).forEach(han::appendCodePoint);
        }
        return han.toString();
    }
}
