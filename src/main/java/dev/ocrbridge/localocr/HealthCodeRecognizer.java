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
import java.util.Optional;

/**
 * {@code RecognizeHealthCodeOCR} on this machine: the QR code gives the colour (and is blanked out, its modules
 * otherwise read as noise), Tesseract's {@code chi_sim} reads the rest as one block ({@link OcrEngine#block}, on
 * two cores) or PP-OCR reads its lines ({@link PpOcrReader}, when given one), {@link HealthCodeLayout} turns the
 * lines into Tencent's ten fields.
 */
final class HealthCodeRecognizer implements Recognizer {

    /** Pages are scaled to about this width: glyphs of 25-40 px, which the engine reads best, in phone screenshots. */
    static final int WORKING_WIDTH = 720;

    /** Pictures larger than the largest glyph at the working width (a name in bold, ~48 px) are painted out. */
    private static final int PICTURE_SIDE = 56;
    /** How much wider than its aspect a masked number's print is read by PP-OCR, in turn (see maskedIdInRow). */
    private static final double[] ID_STRETCHES = {2.0, 1.5};
    /**
     * How many of the line model's columns a page's search for its masked number may read (see maskedIdInRow): about
     * four numbers read at twice their width, or two rows of print across a whole page. On a noisy page specks join
     * each row's print into one piece as wide as the page, and each such read costs as much as a tenth of the page's.
     */
    private static final int ID_SEARCH_COLUMNS = 4000;

    private final OcrEngine engine;
    /**
     * Reads the page's lines in place of Tesseract's block read when present, and a masked number's print again; the
     * other re-reads stay Tesseract's.
     */
    private final Optional<PpOcrReader> ppOcr;

    HealthCodeRecognizer(OcrEngine engine) {
        this(engine, Optional.empty());
    }

    HealthCodeRecognizer(OcrEngine engine, Optional<PpOcrReader> ppOcr) {
        this.engine = engine;
        this.ppOcr = ppOcr;
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, Map<String, Object> parameters) {
        return recognize(action, image, Images.decode(action, image), parameters);
    }

    @Override
    public Map<String, Object> recognize(OcrAction action, byte[] image, BufferedImage decoded,
                                         Map<String, Object> parameters) {
        double factor = Images.factor(decoded.getWidth(), WORKING_WIDTH);
        Optional<QrCode.Found> qr;
        GrayImage gray;
        if (factor > 1.0) {
            // A small screenshot: the code is searched before the page is brought up to the working width (ZXing's
            // time goes by the pixels, and an upscaled page holds no more of the code), and only the grey page is
            // scaled, by GrayImage's own bicubic (Java2D's takes five times as long).
            qr = QrCode.find(decoded).map(found -> found.scaled(factor));
            gray = GrayImage.of(decoded).scale(factor);
        } else {
            BufferedImage page = factor == 1.0 ? decoded : Images.scaleRgb(decoded, factor);
            qr = QrCode.find(page);
            gray = GrayImage.of(page);
        }
        // Turned before the code is blanked: blanked white on a dark page, its square would turn black.
        gray = DarkGrounds.pageTurnedLight(gray);
        // Evened before the code is blanked too: its white square would stand for the light level around it.
        gray = EvenLight.evened(gray);
        if (qr.isPresent()) {
            gray = gray.blank(qr.get().area());
        }
        // Before the rules are taken out: a ground's straight edges, if any are left, go with them.
        gray = Rules.removed(DarkGrounds.lightened(gray).withoutRules());
        for (Rectangle picture : Pictures.find(gray, PICTURE_SIDE)) {
            gray = gray.blank(picture);
        }
        // The marks of a masked number are judged by their shapes on the page as printed: darkened, a grey '*'
        // thickens and a lone '1' beside it reads no better.
        GrayImage printed = gray;
        gray = gray.greyPrintDarkened();
        List<TextLine> lines = new ArrayList<>();
        List<Rectangle> mayHoldId = new ArrayList<>();
        GrayImage toRead = gray;
        Optional<PpOcrReader.Read> ppRead = ppOcr.map(r -> r.read(toRead));
        if (ppRead.isPresent() && ppRead.get().turn() != 0) {
            // the page as PP-OCR read it, turned level: the rows cut from it below are rows of print
            gray = ppRead.get().upright();
            printed = printed.turned(ppRead.get().turn());
        }
        OcrEngine.Page page = ppRead.map(PpOcrReader.Read::page)
                .orElseGet(() -> engine.block(toRead, LocalRecognizers.CHINESE));
        // The detector misses a light value far right of its label now and then: the rest of a label's row is read
        // along the page's slant (an upright band of a turned page holds the edge of the row above, which, joined to
        // the label, unpairs it from its value).
        List<TextLine> labelsOnly = page.lines().stream().filter(l -> HealthCodeLayout.labelOnly(l.text())).toList();
        List<String> rightOfLabels = ppRead.isEmpty() ? List.of() : ppOcr.get().rightOf(gray,
                labelsOnly.stream().map(TextLine::box).toList(), ppRead.get().slant());
        int labelOnlyAt = 0;
        for (TextLine line : page.lines()) {
            String text = line.text();
            boolean labelOnly = HealthCodeLayout.labelOnly(text);
            if (labelOnly && ppRead.isPresent()) {
                String rest = rightOfLabels.get(labelOnlyAt++);
                text = rest.isEmpty() ? text : text + " " + rest;
            } else if (labelOnly) {
                // The block pass sometimes drops a value that stands far right of its label, or one made mostly of
                // '*' (a masked ID number): read the rest of that row again as a single line.
                Rectangle box = line.box();
                int pad = Math.max(3, box.height / 5);
                Rectangle rest = new Rectangle(box.x + box.width, box.y - pad, gray.width() - box.x - box.width,
                        box.height + 2 * pad);
                GrayImage band = gray.crop(rest);
                if (band.hasInk(box.height)) {
                    List<TextLine> again = engine.paddedLine(band, LocalRecognizers.CHINESE);
                    if (!again.isEmpty()) {
                        text = text + " " + again.get(0).text();
                    }
                }
            }
            if (HealthCodeLayout.mayHoldMaskedId(text)) {
                mayHoldId.add(afterColon(line.box(), page.symbols()));
            }
            lines.add(new TextLine(text, line.box(), line.confidence()));
        }
        if (lines.isEmpty() && qr.isEmpty()) {
            throw OcrException.local(ErrorCodes.IMAGE_NO_TEXT, "no text found");
        }
        Map<String, String> fields = HealthCodeLayout.parse(LabelGeometry.pair(lines, page.words()));
        // A run of marks counted by shape beats the engine's reading of it (which may drop or add a digit around a
        // garbled run and still look whole); the engine's reading stays for rows where no run is seen.
        boolean counted = false;
        for (int i = 0; i < lines.size(); i++) {
            if (HealthCodeLayout.labelledForOtherThanId(lines.get(i).text())) {
                continue;
            }
            String marked = idByMarks(printed, lines.get(i).box());
            // A short mask (11**01) is read whole by the engine, whose count of two marks is surer than the shapes'.
            if (HealthCodeLayout.completeMask(marked)
                    && (marked.length() >= 10 || !HealthCodeLayout.completeMask(fields.get("IDNumber")))) {
                fields.put("IDNumber", marked);
                counted = true;
                break;
            }
        }
        // PP-OCR's read of a line at its own width may merge a run of '*' and still look whole (51*****X): unless the
        // marks were counted, the number's print is read again, wider.
        ReadBudget idSearch = new ReadBudget(ID_SEARCH_COLUMNS);
        for (int i = 0; ppRead.isPresent() && !counted && i < mayHoldId.size(); i++) {
            // the detector's box has a rim of its own (grown from the text's core): more would take in the row above
            String again = maskedIdInRow(gray, mayHoldId.get(i), 0, idSearch);
            if (HealthCodeLayout.completeMask(again)) {
                fields.put("IDNumber", again);
                break;
            }
        }
        for (int i = 0; i < mayHoldId.size() && !HealthCodeLayout.completeMask(fields.get("IDNumber")); i++) {
            String again = maskedId(gray, mayHoldId.get(i));
            if (HealthCodeLayout.completeMask(again) || fields.get("IDNumber").isEmpty()) {
                fields.put("IDNumber", again);
            }
        }
        if (!HealthCodeLayout.completeMask(fields.get("IDNumber"))) {
            // A small grey number under a large name is sometimes skipped by the block read altogether: rows of
            // print no line covers are looked at for a run of marks too (by shape only; read if one is there).
            List<Rectangle> uncovered = uncoveredRows(printed, lines);
            for (Rectangle band : uncovered) {
                String marked = idByMarks(printed, band);
                if (HealthCodeLayout.completeMask(marked) && marked.length() >= 10) {
                    fields.put("IDNumber", marked);
                    break;
                }
            }
            // The detector passes over such a number now and then too (a run of '*' is no text to it), and on a
            // degraded page its marks are no longer of a shape to count: those rows' print is read as a line, piece
            // by piece.
            for (int i = 0; ppRead.isPresent() && i < uncovered.size()
                    && !HealthCodeLayout.completeMask(fields.get("IDNumber")); i++) {
                Rectangle band = uncovered.get(i);
                String id = maskedIdInRow(gray, band, Math.max(3, band.height / 4), idSearch);
                if (HealthCodeLayout.completeMask(id) && id.length() >= 10) {
                    fields.put("IDNumber", id);
                }
            }
        }
        for (int i = 0; i < lines.size() && fields.get("Name").isEmpty(); i++) {
            if (HealthCodeLayout.mayHoldMaskedName(lines.get(i).text())) {
                fields.put("Name", maskedName(gray, lines.get(i).box()));
            }
        }
        if (fields.get("Name").isEmpty()) {
            fields.put("Name", nameByMarks(gray, lines, page.symbols()));
        }
        if (fields.get("Name").isEmpty() && ppRead.isPresent()) {
            fields.put("Name", nameInUncoveredRows(gray, printed, lines, idSearch));
        }
        boolean anything = fields.values().stream().anyMatch(v -> !v.isEmpty());
        if (qr.isEmpty() && !anything) {
            // Text, but neither a code nor any field of one: not a health code.
            throw OcrException.local("FailedOperation.OcrFailed", "the document's fields could not be read");
        }
        // The colour is the code's; only where the code was not found or is of no one hue, the page's words tell it.
        String colour = qr.map(QrCode.Found::colour).orElse("");
        if (colour.isEmpty()) {
            colour = HealthCodeLayout.colourNamedIn(lines.stream().map(TextLine::text).toList());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : HealthCodeLayout.FIELDS) {
            out.put(field, field.equals("Color") ? colour : fields.get(field));
        }
        return out;
    }

    /**
     * The masked name in the row of {@code box}, read again piece by piece, or "": a name with no label stands
     * beside an avatar or another picture, which read together with it turns into ideographs around the name.
     */
    private String maskedName(GrayImage gray, Rectangle box) {
        int pad = Math.max(4, box.height / 4);
        GrayImage row = gray.crop(new Rectangle(0, box.y - pad, gray.width(), box.height + 2 * pad));
        for (int[] piece : row.inkRuns(Math.max(12, box.height / 2))) {
            if (piece[1] - piece[0] < box.height) {
                continue;
            }
            GrayImage field = row.crop(new Rectangle(piece[0], 0, piece[1] - piece[0], row.height()));
            List<TextLine> read = engine.paddedLine(field, LocalRecognizers.CHINESE);
            String name = read.isEmpty() ? "" : HealthCodeLayout.parse(List.of(read.get(0).text())).get("Name");
            if (!name.isEmpty()) {
                return name;
            }
        }
        return "";
    }

    /**
     * The masked ID number in the pieces of print of {@code band}'s row (and {@code rim} pixels above and below it)
     * that {@code band} overlaps, each read by PP-OCR as one line, or "". A piece is print whose glyphs stand closer
     * than two of the band's heights: the number whole where the detector's box held part of it, a name or a label
     * farther off left out. Each piece is read twice and then one and a half times as wide as it is: at its own width,
     * the recognizer merges a close-set run of '*' into a few (51*****X for 51**************0X). A piece whose first
     * read holds no digit is no number and is not read again: on a noisy page, rows of specks and pieces of pictures
     * are many, and each read costs as much as a line's. No read is made beyond {@code budget}.
     */
    private String maskedIdInRow(GrayImage page, Rectangle band, int rim, ReadBudget budget) {
        int pad = Math.max(3, band.height / 4);
        int top = Math.max(0, band.y - rim);
        int bottom = Math.min(page.height(), band.y + band.height + rim);
        Rectangle padded = new Rectangle(0, top, page.width(), bottom - top);
        GrayImage row = page.crop(padded);
        for (int[] piece : row.inkRuns(2 * band.height)) {
            if (piece[1] - piece[0] < 2 * band.height || piece[1] <= band.x || piece[0] >= band.x + band.width) {
                continue;
            }
            Rectangle print = new Rectangle(piece[0] - pad, padded.y, piece[1] - piece[0] + 2 * pad, padded.height);
            for (double stretch : ID_STRETCHES) {
                if (!budget.spend(LineRecognizer.width(print.width, print.height, stretch))) {
                    return "";
                }
                String read = ppOcr.get().read(page, print, stretch);
                String id = HealthCodeLayout.maskedId(read);
                if (HealthCodeLayout.completeMask(id)) {
                    return id;
                }
                if (read.chars().noneMatch(Character::isDigit)) {
                    break;
                }
            }
        }
        return "";
    }

    /**
     * A masked name in a row of print the detector passed over (a large bold name beside an avatar, no label, no
     * line found on it), its pieces read by PP-OCR as lines, or "". Rows at least as tall as the page's median line
     * only: a bare name is set larger than the print around it. No read is made beyond {@code budget}.
     */
    private String nameInUncoveredRows(GrayImage gray, GrayImage printed, List<TextLine> lines, ReadBudget budget) {
        int median = medianHeight(lines);
        for (Rectangle band : uncoveredRows(printed, lines)) {
            if (band.height < median) {
                continue;
            }
            int pad = Math.max(3, band.height / 4);
            Rectangle padded = new Rectangle(0, band.y - pad, gray.width(), band.height + 2 * pad)
                    .intersection(new Rectangle(0, 0, gray.width(), gray.height()));
            for (int[] piece : gray.crop(padded).inkRuns(band.height)) {
                Rectangle print = new Rectangle(piece[0] - pad, padded.y, piece[1] - piece[0] + 2 * pad, padded.height);
                if (!budget.spend(LineRecognizer.width(print.width, print.height, 1.0))) {
                    return "";
                }
                String name = HealthCodeLayout.parse(List.of(ppOcr.get().read(gray, print, 1.0))).get("Name");
                if (!name.isEmpty()) {
                    return name;
                }
            }
        }
        return "";
    }

    /** The median height of the lines' boxes: the page's print size (0 when there is no line). */
    private static int medianHeight(List<TextLine> lines) {
        int[] heights = lines.stream().mapToInt(l -> l.box().height).sorted().toArray();
        return heights.length == 0 ? 0 : heights[heights.length / 2];
    }

    /** Rows of print, about a line high, that no line of the block read overlaps. */
    private static List<Rectangle> uncoveredRows(GrayImage page, List<TextLine> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        int median = medianHeight(lines);
        List<Rectangle> out = new ArrayList<>();
        for (int[] rows : page.inkRows(Math.max(3, median / 4))) {
            int h = rows[1] - rows[0];
            boolean covered = lines.stream().anyMatch(l -> Math.min(rows[1], l.box().y + l.box().height)
                    - Math.max(rows[0], l.box().y) > h / 2);
            if (!covered && h >= median / 2 && h <= median * 2) {
                out.add(new Rectangle(0, rows[0], page.width(), h));
            }
        }
        return out;
    }

    /**
     * A masked name whose marks the engine read as ideographs, its marks counted by shape ({@link NameMarks}) and only
     * its ideographs read, or "": a bare name set larger than the page's other print ({@code 赵**} beside an avatar,
     * read 赵必; or of any size, its ideograph read as a letter, X**), or the name after its label in a face whose '*'
     * the engine takes for an ideograph (何的 for 何*), or the marks alone under a name's label, their ideographs
     * unread (冯** in a large bold face, where the detector found only the marks).
     */
    private String nameByMarks(GrayImage gray, List<TextLine> lines, List<TextLine> symbols) {
        if (lines.isEmpty()) {
            return "";
        }
        int median = medianHeight(lines);
        for (int i = 0; i < lines.size(); i++) {
            TextLine line = lines.get(i);
            Rectangle box = line.box();
            int labelled = HealthCodeLayout.labelCharacters(line.text(), "Name");
            boolean marksUnderLabel = i > 0 && HealthCodeLayout.marksOnly(line.text())
                    && HealthCodeLayout.labelOnly(lines.get(i - 1).text())
                    && HealthCodeLayout.labelCharacters(lines.get(i - 1).text(), "Name") > 0;
            if (labelled == 0 && !marksUnderLabel && !HealthCodeLayout.mayBeMarkedName(line.text())
                    && (box.height < median * 1.3 || !HealthCodeLayout.mayBeBareName(line.text()))) {
                continue;
            }
            if (marksUnderLabel) {
                // the marks stand at the top of the name's print: its row is the page's row of ink around them
                box = inkRowAround(gray, box);
            }
            // Where the name's print starts: the line's left, or where its first character after the label does.
            int start = labelled == 0 ? box.x : afterLabel(box, symbols, labelled);
            if (start < 0) {
                continue;
            }
            int pad = Math.max(4, box.height / 4);
            GrayImage row = gray.crop(new Rectangle(0, box.y - pad, gray.width(), box.height + 2 * pad));
            // The name's print: the first run of ink, its glyphs closer than a character to each other, that the line's
            // box overlaps from where the name starts; a run after a wider gap is another field's (two label-value
            // pairs to a row).
            int from = Integer.MAX_VALUE;
            int to = -1;
            for (int[] run : row.inkRuns(box.height)) {
                if (run[1] > start && run[0] < box.x + box.width) {
                    // A bare name's run is taken whole; a labelled one's from the label's end.
                    from = labelled == 0 ? run[0] : Math.max(run[0], start);
                    to = run[1];
                    break;
                }
            }
            StringBuilder name = new StringBuilder();
            for (NameMarks.Part part : NameMarks.in(row, from, to)) {
                if (part.marks() > 0) {
                    name.append("*".repeat(part.marks()));
                    continue;
                }
                ideographs(gray, row, new Rectangle(part.from(), box.y, part.to() - part.from(), box.height))
                        .codePoints().filter(Texts::isHan).forEach(name::appendCodePoint);
            }
            String found = name.toString();
            if (!found.isEmpty() && HealthCodeLayout.parse(List.of(found)).get("Name").equals(found)) {
                return found;
            }
        }
        return "";
    }

    /** {@code box} as tall as the row of the page's print it stands in (the box itself when no row holds it). */
    private static Rectangle inkRowAround(GrayImage gray, Rectangle box) {
        Rectangle around = new Rectangle(0, box.y - 2 * box.height, gray.width(), 5 * box.height)
                .intersection(new Rectangle(0, 0, gray.width(), gray.height()));
        for (int[] rows : gray.crop(around).inkRows(Math.max(3, box.height / 4))) {
            if (around.y + rows[0] <= box.getCenterY() && around.y + rows[1] >= box.getCenterY()) {
                return new Rectangle(box.x, around.y + rows[0], box.width, rows[1] - rows[0]);
            }
        }
        return box;
    }

    /**
     * The ideographs of a name's part that holds no mark ({@code part}, on the page; {@code row}, the name's row of
     * print). Read by PP-OCR where it reads the page's lines, with a margin of white as a line has, or else by the
     * engine. Alone, a character of one flat stroke is a bar to either reader (一 read 8, 1 or nothing); in a name,
     * such a glyph is 一.
     */
    private String ideographs(GrayImage gray, GrayImage row, Rectangle part) {
        String read;
        if (ppOcr.isPresent()) {
            GrayImage piece = gray.crop(part).pad(part.height / 3);
            read = ppOcr.get().read(piece, new Rectangle(0, 0, piece.width(), piece.height()), 1.0);
        } else {
            List<TextLine> lines = engine.paddedLine(row.crop(new Rectangle(part.x, 0, part.width, row.height())),
                    LocalRecognizers.CHINESE);
            read = lines.isEmpty() ? "" : lines.get(0).text();
        }
        if (read.codePoints().noneMatch(Texts::isHan)) {
            int[] ink = row.inkExtent(part.x, part.x + part.width, row.darkLevel());
            if (ink != null && (ink[1] - ink[0]) * 5 <= part.width) {
                return "一";
            }
        }
        return read;
    }

    /**
     * The left edge of the first character in the line's box after its label's {@code labelled} characters and a
     * colon (where its value starts), or -1 when the line holds no character after them. A reader's boxes of
     * characters are where it read them, a few pixels either way: the edge between the label's last character and its
     * colon may cut into that character, the edge before the value falls in the gap after the colon.
     */
    private static int afterLabel(Rectangle box, List<TextLine> symbols, int labelled) {
        List<TextLine> mine = symbols.stream().filter(c -> box.contains(c.box().getCenterX(), c.box().getCenterY()))
                .sorted((a, b) -> Integer.compare(a.box().x, b.box().x)).toList();
        int first = labelled;
        while (first < mine.size() && mine.get(first).text().matches("[:：;；,，]")) {
            first++;
        }
        return first < mine.size() ? mine.get(first).box().x : -1;
    }

    /**
     * The masked ID number in the row of {@code box} with its marks counted by shape ({@link MaskRun}), only the
     * digits on either side read, or "": a long run of '*' the engine garbles however it is cut.
     */
    private String idByMarks(GrayImage gray, Rectangle box) {
        int pad = Math.max(4, box.height / 4);
        GrayImage row = gray.crop(new Rectangle(0, box.y - pad, gray.width(), box.height + 2 * pad));
        Optional<MaskRun.Found> run = MaskRun.in(row);
        if (run.isEmpty()) {
            return "";
        }
        String prefix = digits(row.crop(run.get().prefix(row.height())), "(\\d{1,6})$", "0123456789");
        // The suffix's crop holds the suffix alone: a free read with anything else in it (0OX for 0X) is read again
        // with digits only.
        String suffix = digits(row.crop(run.get().suffix(row.height())), "^(\\d{0,3}[\\dX])$", "0123456789X");
        if (prefix.isEmpty()) {
            return "";
        }
        return HealthCodeLayout.maskedId(prefix + "*".repeat(run.get().marks()) + suffix);
    }

    /** The digits of {@code crop} that {@code shape} takes, read freely and, if none, with digits only allowed. */
    private String digits(GrayImage crop, String shape, String allowed) {
        if (crop.width() < 4) {
            return "";
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(shape);
        for (String only : new String[] {"", allowed}) {
            List<TextLine> read = only.isEmpty() ? engine.paddedLine(crop, LocalRecognizers.CHINESE)
                    : engine.paddedLine(crop, LocalRecognizers.CHINESE, only);
            String text = read.isEmpty() ? "" : Texts.normalize(read.get(0).text()).replaceAll("\\s+", "");
            java.util.regex.Matcher m = p.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        List<int[]> glyphs = crop.inkRuns(1);
        if (glyphs.size() == 1) {
            // One glyph alone is read better three times as large (a monospaced '1' with its foot read 工 or nothing).
            List<TextLine> read = engine.paddedLine(crop.scale(3), LocalRecognizers.CHINESE, allowed);
            String text = read.isEmpty() ? "" : Texts.normalize(read.get(0).text()).replaceAll("\\s+", "");
            java.util.regex.Matcher m = p.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        // A lone '1' is too thin for the engine to read by itself: one narrow glyph as tall as the crop's print.
        if (glyphs.size() == 1 && glyphs.get(0)[1] - glyphs.get(0)[0] < crop.inkHeight() * 0.4) {
            return "1";
        }
        return "";
    }

    /**
     * The row of {@code line} from the right of the first colon in it (where a label ends), or from the page's left
     * edge when it holds none.
     */
    private static Rectangle afterColon(Rectangle line, List<TextLine> symbols) {
        for (TextLine s : symbols) {
            if (line.contains(s.box().getCenterX(), s.box().getCenterY()) && s.text().matches("[:：]")) {
                int from = s.box().x + s.box().width + 1;
                return new Rectangle(from, line.y, line.x + line.width - from, line.height);
            }
        }
        return new Rectangle(0, line.y, line.x + line.width, line.height);
    }

    /**
     * The masked ID number in the row of {@code box}, read again field by field: the row is cut where a gap wider
     * than a character separates two fields (a name, a label, the number), and each piece is read as one line. Read
     * with the rest of the row, a number made mostly of '*' is often garbled into ideographs.
     */
    private String maskedId(GrayImage gray, Rectangle box) {
        int pad = Math.max(4, box.height / 4);
        // From the row's left edge, or from the colon after a label: a label set close before the number is read
        // into it as one field.
        GrayImage row = gray.crop(new Rectangle(box.x, box.y - pad, gray.width() - box.x, box.height + 2 * pad));
        String found = "";
        for (int[] piece : row.inkRuns(Math.max(12, box.height))) {
            if (piece[1] - piece[0] < box.height) {
                continue;
            }
            GrayImage field = row.crop(new Rectangle(piece[0], 0, piece[1] - piece[0], row.height()));
            List<TextLine> read = engine.paddedLine(field, LocalRecognizers.CHINESE);
            String id = read.isEmpty() ? "" : HealthCodeLayout.maskedId(read.get(0).text());
            if (HealthCodeLayout.completeMask(id)) {
                return id;
            }
            // Read once more with what a masked number is made of only: a run of '*' the free read took for
            // ideographs can then only be '*'.
            read = engine.paddedLine(field, LocalRecognizers.CHINESE, "0123456789X*");
            String narrow = read.isEmpty() ? "" : HealthCodeLayout.maskedId(read.get(0).text());
            if (HealthCodeLayout.completeMask(narrow)) {
                return narrow;
            }
            found = found.isEmpty() ? id : found;
        }
        return found;
    }

    /** What is left of the columns a page's search may read: spent read by read, none beyond it. */
    private static final class ReadBudget {
        private int columns;

        ReadBudget(int columns) {
            this.columns = columns;
        }

        /** Spends {@code read} columns; false, spending none, when fewer are left. */
        boolean spend(int read) {
            if (read > columns) {
                return false;
            }
            columns -= read;
            return true;
        }
    }
}
