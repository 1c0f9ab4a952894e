package dev.ocrbridge.localocr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of a health-code screenshot from its text lines, whatever the province's app: a label is looked
 * for in every line (each field has the several labels the apps use), its value is the rest of the line, or the
 * next line when the label stands above its value; what no label names (a bare name and ID number, the update time
 * at the top) is found by its shape. Every value is then cut to its field's form, so a stray word around it falls
 * away. Pure: no engine, testable on strings.
 */
final class HealthCodeLayout {

    static final List<String> FIELDS = List.of("Name", "IDNumber", "Time", "Color", "TestingInterval", "TestingResult",
            "TestingTime", "Vaccination", "SpotName", "VaccinationTime");

    /** Labels per field, longest first within the table so "核酸检测时间" is never taken for "核酸检测". */
    private static final String[][] LABELS = {
        {"TestingTime", "核酸检测时间", "核酸采样时间", "最近检测时间", "最近采样时间", "检测时间", "采样时间", "采样日期",
            "最近采样", "最近检测"},
        {"TestingResult", "核酸检测结果", "核酸结果", "检测结果", "核酸检测", "核酸"},
        {"TestingInterval", "距最近核酸检测", "距上次核酸", "距上次检测", "距上次采样", "核酸检测间隔", "检测间隔", "检测时效", "间隔时长"},
        {"VaccinationTime", "最近接种日期", "最近接种时间", "末次接种日期", "末次接种时间", "接种时间", "接种日期"},
        {"Vaccination", "新冠疫苗接种", "疫苗接种情况", "疫苗接种", "接种情况", "接种状态", "疫苗"},
        {"Time", "更新时间", "刷新时间", "生成时间", "更新于", "更新"},
        {"SpotName", "场所名称", "扫码场所", "扫码地点", "采样地点", "场所码", "场所", "地点"},
        {"IDNumber", "身份证号码", "证件号码", "身份证号", "证件号", "身份证", "证件"},
        {"Name", "持码人", "姓名"},
        // Labels of what Tencent does not return: known, so their values are not taken for another field's.
        {"_", "采样状态", "健康状态", "行程卡", "核验状态"},
    };

    private static final Pattern RESULT = Pattern.compile("暂无核酸检测记录|暂无核酸|阴性|阳性");
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,3})\\s*(小时|天)(\\s*内)?");
    /**
     * Between a time's hours, minutes and seconds: a colon, or what the engine makes of one in a narrow face (a
     * semicolon, a full stop); the date before it leaves no doubt that the digits are a time.
     */
    private static final String TIME_SEPARATOR = "\\s*[:;.]\\s*";
    /**
     * A month and a day as apps print them: 2022-02-06, 2022/02/06, 2022.02.06, 2022年2月6日 (a month or day of one
     * digit stands before no other digit, so a day run together with the hour, 1712:09, is still 17 and 12).
     */
    private static final String MONTH_DAY = "(\\d\\d|\\d(?!\\d))\\s*[-/.月]\\s*(\\d\\d|\\d(?!\\d))\\s*日?";
    private static final String YEAR = "(20\\d\\d)\\s*[-/.年]\\s*";
    /** A testing time, to the minute or to the second as the app prints it. */
    private static final Pattern DATE_TIME = Pattern.compile(YEAR + MONTH_DAY + "\\s*(\\d\\d)"
            + TIME_SEPARATOR + "(\\d\\d)(?:" + TIME_SEPARATOR + "(\\d\\d))?");
    private static final Pattern DATE = Pattern.compile(YEAR + MONTH_DAY);
    /** The code's colour in words (绿码, 黄码, 红码): a chip's, set beside a name or on a row of labels. */
    private static final String COLOUR_WORD = "[绿黄红]码";
    /** What apps set beside a name to say it was checked against the person's ID (林* 已实名): no part of it. */
    private static final String NAME_BADGE = "已实名认证|已实名|实名认证|已认证|未实名";
    private static final Pattern COLOUR_WORDS = Pattern.compile(COLOUR_WORD);
    /** The colour in words at a line's start, something after it. */
    private static final Pattern COLOUR_CHIP = Pattern.compile("^" + COLOUR_WORD + "\\s*(?=\\S)");
    /**
     * What an app's menu entries say (场所码扫码记录, 核酸检测点查询): a line that starts with a place's label and is
     * one of them names no place.
     */
    private static final Pattern APP_ENTRY = Pattern.compile("扫码|记录|查询");
    /** A clock alone on its line, to the second or to the minute. */
    private static final Pattern CLOCK = Pattern.compile("\\d\\d" + TIME_SEPARATOR + "\\d\\d(?:" + TIME_SEPARATOR + "\\d\\d)?");
    /** A date with no time after it, standing alone. */
    private static final Pattern DATE_ONLY = Pattern.compile("(?<!\\d)" + YEAR + MONTH_DAY + "(?!\\s*\\d)");
    /** A date and a time to the minute, no seconds after it. */
    private static final Pattern MINUTE_TIME = Pattern.compile("(?<!\\d)" + YEAR + MONTH_DAY + "\\s*(\\d\\d)"
            + TIME_SEPARATOR + "(\\d\\d)(?!\\s*[:;.]?\\s*\\d)");
    private static final Pattern UPDATE_TIME = Pattern.compile("(?:" + YEAR + ")?" + MONTH_DAY + "\\s*(\\d\\d)"
            + TIME_SEPARATOR + "(\\d\\d)" + TIME_SEPARATOR + "(\\d\\d)");
    private static final Pattern VACCINATION = Pattern.compile("已完成全程接种|已完成加强免疫|已完成加强针|已接种\\s*\\d\\s*针|未接种|未完成全程接种");
    /**
     * Masked names: one or two characters before the '*' and at most one after (王*一, 李*, 欧阳*娜, 赵**), or the
     * surname masked and the given name shown (*子涵).
     */
    private static final Pattern MASKED_NAME = Pattern.compile(
            "(?<![\\p{IsHan}*])([\\p{IsHan}]{1,2}\\*{1,2}[\\p{IsHan}]?|\\*{1,2}[\\p{IsHan}]{1,2}(?![\\p{IsHan}]))");
    /**
     * What the engines make of a '*' between digits, besides '*': quotes (two '*' read as one ”), x, w, r, s (a
     * run of '*' read as a word). Only between digits: "4401***rrsssrr123X" is a masked number, "rr" alone is not.
     */
    private static final String MASK_MARK = "*※＊×xwWrsS\"”“'’‘`^";
    private static final Pattern MASKED_ID = Pattern.compile("(?<!\\d)(\\d{1,6})([" + MASK_MARK + "]{2,})(\\d{0,3}[\\dX])?(?![\\dX])");
    /** Spaces the engine leaves inside a number it reads in pieces. */
    private static final Pattern GAP_IN_NUMBER = Pattern.compile("(?<=[\\d" + MASK_MARK + "])\\s+(?=[\\d" + MASK_MARK + "])");

    private HealthCodeLayout() {
    }

    /** @param rawLines the page's lines, top to bottom; @return the ten fields ("" where not shown), Color excluded */
    static Map<String, String> parse(List<String> rawLines) {
        List<String> lines = new ArrayList<>();
        for (String raw : rawLines) {
            // The code's colour in words (绿码) is a chip, set beside the row a label starts: 绿码 姓名 何*.
            String t = COLOUR_CHIP.matcher(Texts.normalize(raw).replace('※', '*').replace('＊', '*').replace('×', '*'))
                    .replaceFirst("");
            Matcher date = lines.isEmpty() ? null : DATE_ONLY.matcher(lines.get(lines.size() - 1));
            if (date != null && CLOCK.matcher(t).matches() && date.find()) {
                // A date over a clock, each a line of its own (2022-07-01 星期五 over 10:29:51): one time, the clock
                // after the date.
                String above = lines.get(lines.size() - 1);
                lines.set(lines.size() - 1, above.substring(0, date.end()) + " " + t + above.substring(date.end()));
            } else if (!t.isEmpty()) {
                lines.addAll(pairsCut(t));
            }
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Label label = label(line);
            // The first label of a field names its value, unless that value is not of the field's shape and a later
            // one's is (核酸检测 as a section's title above 检测结果 阴性).
            if (label == null || raw.containsKey(label.field) && ofItsShape(label.field, raw.get(label.field))) {
                continue;
            }
            String rest = line.substring(label.end).replaceFirst("^[\\s:：;,]+", "").strip();
            if (rest.isEmpty() && i + 1 < lines.size() && label(lines.get(i + 1)) == null) {
                rest = lines.get(i + 1);
            }
            if (!raw.containsKey(label.field) || ofItsShape(label.field, rest)) {
                raw.put(label.field, rest);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            out.put(f, "");
        }
        out.remove("Color");
        // Values of a recognisable shape that no label named (a label the apps word otherwise, or lost in the read):
        // the first of that shape on the page, outside lines labelled for another field. A result's label whose
        // value is of no result's shape named something else (核酸结果 beside the next column's label, 检测时效).
        boolean resultLabelled = raw.containsKey("TestingResult") && ofItsShape("TestingResult", raw.get("TestingResult"));
        out.put("TestingResult", first(RESULT, resultLabelled ? raw.get("TestingResult") : unlabelled(RESULT, lines)));
        if (out.get("TestingResult").equals("暂无核酸")) {
            out.put("TestingResult", "暂无核酸检测记录");
        }
        String interval = raw.containsKey("TestingInterval") ? raw.get("TestingInterval") : raw.get("TestingResult");
        Matcher m = interval == null ? null : INTERVAL.matcher(interval);
        if (m == null || !m.find()) {
            String any = raw.containsKey("TestingInterval") ? null : unlabelled(INTERVAL, lines);
            m = any == null ? null : INTERVAL.matcher(any);
            if (m != null && !m.find()) {
                m = null;
            }
        }
        out.put("TestingInterval", m != null ? m.group(1) + m.group(2) + (m.group(3) == null ? "" : "内") : "");
        // A label misread by one character (最近接种日其, 采样时) leaves its value alone on the page; a date with a time
        // to the minute and no seconds is a testing time by its shape (an update time has seconds). Only on a page
        // that some label shows to be a health code: another document's dates (a Korean card's) are no field.
        boolean healthCode = !raw.isEmpty();
        String testing = raw.containsKey("TestingTime") ? raw.get("TestingTime")
                : healthCode ? unlabelled(MINUTE_TIME, lines) : null;
        m = testing == null ? null : DATE_TIME.matcher(testing);
        out.put("TestingTime", m != null && m.find() ? date(m.group(1), m.group(2), m.group(3)) + " " + m.group(4)
                + ":" + m.group(5) + (m.group(6) == null ? "" : ":" + m.group(6)) : "");
        out.put("Vaccination", vaccination(raw.containsKey("Vaccination") ? raw.get("Vaccination")
                : unlabelled(VACCINATION, lines)));
        // Likewise a date with no time after it: of the fields, only the vaccination's is a date alone.
        String vaccinated = raw.containsKey("VaccinationTime") ? raw.get("VaccinationTime")
                : healthCode ? unlabelled(DATE_ONLY, lines) : null;
        m = vaccinated == null ? null : DATE.matcher(vaccinated);
        out.put("VaccinationTime", m != null && m.find() ? date(m.group(1), m.group(2), m.group(3)) : "");
        String spot = raw.getOrDefault("SpotName", "").replaceAll("[^\\p{IsHan}\\p{Alnum}()（）·-]", "");
        out.put("SpotName", APP_ENTRY.matcher(spot).find() ? "" : spot);
        out.put("Time", updateTime(raw.get("Time"), lines));
        out.put("Name", masked(MASKED_NAME, raw.get("Name"), lines));
        out.put("IDNumber", idNumber(raw.get("IDNumber"), lines));
        return out;
    }

    private record Label(String field, int end) {
    }

    /** True when {@code value} has the shape of {@code field}'s values, or the field's values have no one shape. */
    private static boolean ofItsShape(String field, String value) {
        Pattern shape = shape(field);
        return shape == null || shape.matcher(value).find();
    }

    /** True when {@code value} is whole: of its field's shape to its end, a field whose values have one shape. */
    private static boolean whole(String field, String value) {
        Pattern shape = shape(field);
        Matcher m = shape == null ? null : shape.matcher(value.strip());
        return m != null && m.find() && m.end() == value.strip().length();
    }

    private static Pattern shape(String field) {
        return switch (field) {
            case "TestingResult" -> RESULT;
            case "TestingInterval" -> INTERVAL;
            case "TestingTime" -> DATE_TIME;
            case "VaccinationTime" -> DATE;
            case "Time" -> UPDATE_TIME;
            case "Vaccination" -> VACCINATION;
            default -> null;
        };
    }

    /** A colon after a label, or what the engine reads for one in small print (a comma, a semicolon). */
    private static final Pattern COLON = Pattern.compile("\\s*[:;,]");
    /** What a later label's value starts with when its colon was lost: a digit or a mask's mark. */
    private static final Pattern NUMBER_OR_MASK = Pattern.compile("\\s*[\\d*]");

    /**
     * A line that holds two label-value pairs or more (姓名：林* 证件号：4401…; a grid of pairs, two to a row) cut
     * before each later label that a colon follows, or a number or a mask (the colon and a label's last character are
     * what a recognizer drops in a long line: 冯**证件号4101…), or that stands after a space and a whole value of the
     * first label's field (采样时间 2022-05-28 20:29:45 场所名称 江汉区菜市场: a grid's cells read as one line), so
     * each pair is read as a line of its own; a line that starts with no label, or holds no second labelled pair, stays
     * whole (暂无核酸检测记录 after its label is one value: 暂无 is no result).
     */
    static List<String> pairsCut(String line) {
        Label first = label(line);
        if (first == null) {
            return List.of(line);
        }
        int cut = -1;
        for (String[] entry : LABELS) {
            for (int k = 1; k < entry.length; k++) {
                for (int at = line.indexOf(entry[k], first.end); at >= 0; at = line.indexOf(entry[k], at + 1)) {
                    int end = at + entry[k].length();
                    int after = end + gloss(line, end);
                    String before = line.substring(first.end, at);
                    boolean pairStarts = COLON.matcher(line).region(after, line.length()).lookingAt()
                            || NUMBER_OR_MASK.matcher(line).region(after, line.length()).lookingAt()
                            || at > 0 && Character.isWhitespace(line.charAt(at - 1)) && whole(first.field, before);
                    boolean valueBefore = !before.replaceAll("[\\s:]", "").isEmpty();
                    if (pairStarts && valueBefore && (cut < 0 || at < cut)) {
                        cut = at;
                    }
                }
            }
        }
        if (cut < 0) {
            return List.of(line);
        }
        List<String> out = new ArrayList<>();
        out.add(line.substring(0, cut).strip());
        out.addAll(pairsCut(line.substring(cut)));
        return out;
    }

    /** A digit beside a mark, a run of marks, or a masked name with a digit after it (the number beside the name). */
    private static final Pattern MAYBE_MASKED = Pattern.compile(
            "\\d\\s*[*※”“\"]|[*※]\\s*\\d|\\d{2,}\\s*[xXwWr]|[*※]{2,}|\\p{IsHan}\\*.*\\d|^\\s*[\\dX]{1,4}\\s*$");

    /**
     * True when the line may hold a masked ID number: read together with the rest of its row, a number made mostly
     * of '*' can come back garbled (ideographs, a lost suffix), so such a line is read again field by field.
     */
    static boolean mayHoldMaskedId(String rawLine) {
        String line = Texts.normalize(rawLine);
        Label label = label(line);
        return (label != null && label.field.equals("IDNumber")) || MAYBE_MASKED.matcher(line).find();
    }

    /**
     * The masked ID number in a line, or "". Apps mask a resident ID number (18 characters) keeping its first 1-6
     * and last 1-4, and keep its length, so a long mask is given back with 18 characters whatever number of marks
     * the engine read for the run of '*' (one or two too many or too few, or x, w, r for them). Short forms such
     * as 11**01 (too short to be the whole number) keep one '*' per mark read.
     */
    static String maskedId(String rawLine) {
        String line = GAP_IN_NUMBER.matcher(Texts.normalize(rawLine)).replaceAll("");
        Matcher m = MASKED_ID.matcher(line);
        if (!m.find()) {
            return "";
        }
        String prefix = m.group(1);
        int run = m.group(2).length();
        String suffix = m.group(3) == null ? "" : m.group(3);
        if (!suffix.isEmpty() && prefix.length() + run + suffix.length() >= 10) {
            // Masks show 1-4 or all 6 digits of the region code, hardly ever 5: a fifth digit 7 right before the
            // run is the engine's reading of the first '*'.
            if (prefix.length() == 5 && prefix.endsWith("7")) {
                prefix = prefix.substring(0, 4);
            }
            int stars = 18 - prefix.length() - suffix.length();
            if (stars >= 2) {
                return prefix + "*".repeat(stars) + suffix;
            }
        }
        return prefix + "*".repeat(run) + suffix;
    }

    /** A masked number with digits on both sides of its '*' run: nothing of it was lost. */
    static boolean completeMask(String id) {
        return id.matches("\\d{1,6}\\*{2,}[\\dX]{1,4}");
    }

    /**
     * True when the line may hold a masked name that was not read as one: no label, a mark the engine makes of a '*'
     * beside an ideograph, nothing of a value's other shapes.
     */
    static boolean mayHoldMaskedName(String rawLine) {
        String line = Texts.normalize(rawLine);
        return label(line) == null && line.matches(".*(\\p{IsHan}\\s*[*”“\"]|[*”“\"]\\s*\\p{IsHan}).*")
                && !line.matches(".*\\d{4}.*");
    }

    /**
     * True when the line may be a bare name whose marks were read as ideographs or lost (赵必 for 赵**): no label, no
     * digit, one to four ideographs and nothing of a value's other shapes.
     */
    static boolean mayBeBareName(String rawLine) {
        String line = Texts.normalize(rawLine).replace(" ", "");
        long ideographs = line.codePoints().filter(Texts::isHan).count();
        return label(line) == null && ideographs >= 1 && ideographs <= 4 && !line.matches(".*\\d.*")
                && !RESULT.matcher(line).find() && !VACCINATION.matcher(line).find();
    }

    /**
     * The colour the page's words give (绿码 → 绿色), or "" when none does or they name two: what is left to tell the
     * colour when the code itself could not be found.
     */
    static String colourNamedIn(List<String> lines) {
        java.util.Set<Character> named = new java.util.HashSet<>();
        for (String line : lines) {
            Matcher m = COLOUR_WORDS.matcher(Texts.normalize(line).replace(" ", ""));
            while (m.find()) {
                named.add(m.group().charAt(0));
            }
        }
        return named.size() != 1 ? "" : switch (named.iterator().next()) {
            case '绿' -> QrCode.GREEN;
            case '黄' -> QrCode.YELLOW;
            default -> QrCode.RED;
        };
    }

    /** True when the text is the code's colour in words (绿码), a chip's, and nothing else. */
    static boolean colourInWords(String text) {
        return Texts.normalize(text).replace(" ", "").matches(COLOUR_WORD);
    }

    /** True when the line is a run of one to three marks and nothing else. */
    static boolean marksOnly(String rawLine) {
        return Texts.normalize(rawLine).replace(" ", "").matches("\\*{1,3}");
    }

    /**
     * True when the line may be a bare masked name whose ideographs were read as something else (X** for 赵**): a run
     * of one to three marks with at most two other characters around it and no digit, whatever its size.
     */
    static boolean mayBeMarkedName(String rawLine) {
        String line = Texts.normalize(rawLine).replace(" ", "");
        return label(line) == null && line.matches("[^*\\d]{0,2}\\*{1,3}[^*\\d]{0,2}") && !line.matches("\\**");
    }

    /**
     * How many characters of the line, spaces aside, its label for {@code field} takes up to its end (an icon's mark
     * before it included), or 0 when the line is not labelled for that field: where the value's own print starts.
     */
    static int labelCharacters(String rawLine, String field) {
        String line = Texts.normalize(rawLine);
        Label label = label(line);
        return label == null || !label.field.equals(field) ? 0
                : (int) line.substring(0, label.end).codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }

    /** True when the line starts with a label. */
    static boolean labelled(String rawLine) {
        return label(Texts.normalize(rawLine)) != null;
    }

    /** True when the line starts with the label of a field other than the ID number (its value is no ID). */
    static boolean labelledForOtherThanId(String rawLine) {
        Label label = label(Texts.normalize(rawLine));
        return label != null && !label.field.equals("IDNumber");
    }

    /** True when the line is a label and nothing after it: its value is elsewhere (beside it, or below it). */
    static boolean labelOnly(String rawLine) {
        String line = Texts.normalize(rawLine);
        Label label = label(line);
        return label != null && line.substring(label.end).replaceAll("[\\s:：|]", "").length() <= 1;
    }

    /**
     * The label that starts the line, or follows a short prefix the engine made of an icon (no ideograph: in
     * "暂无核酸检测记录" the "核酸检测" is part of a value, not a label).
     */
    private static Label label(String line) {
        Label found = bareLabel(line);
        return found == null ? null : new Label(found.field, found.end + gloss(line, found.end));
    }

    /**
     * How many characters after {@code end} are the label's English gloss (姓名 Name, 核酸结果 Result: bilingual
     * apps), 0 when none: one to three words of Latin letters, then a colon, a space or the line's end. Words made only
     * of the letters the engine reads for mask marks (xx, wrs) are the value's.
     */
    private static int gloss(String line, int end) {
        Matcher m = GLOSS.matcher(line).region(end, line.length());
        return m.lookingAt() && !m.group(1).matches("[" + MASK_MARK + "]+") ? m.end() - end : 0;
    }

    private static final Pattern GLOSS = Pattern.compile("\\s*([A-Za-z][A-Za-z.]+)(?:\\s+[A-Za-z][A-Za-z.]+){0,2}(?=\\s*:|\\s|$)");

    /**
     * A word before a label that says which record it is (最近扫码场所, 本次检测结果): the label after it is still the
     * field's.
     */
    private static final Pattern QUALIFIER = Pattern.compile("^[^\\p{IsHan}]{0,2}(最近一次|最近|本次|上次|最新|末次)");

    /** The label that starts the line (see {@link #label}), without its gloss. */
    private static Label bareLabel(String line) {
        Label best = null;
        int bestStart = Integer.MAX_VALUE;
        Matcher qualified = QUALIFIER.matcher(line);
        int qualifierEnd = qualified.find() ? qualified.end() : -1;
        for (String[] entry : LABELS) {
            for (int k = 1; k < entry.length; k++) {
                int at = line.indexOf(entry[k]);
                boolean iconOnly = at >= 0 && at <= 2 && line.substring(0, at).codePoints().noneMatch(Texts::isHan);
                if (at >= 0 && (iconOnly || at == qualifierEnd)
                        && (at < bestStart || (at == bestStart && entry[k].length() > best.end - at))) {
                    best = new Label(entry[0], at + entry[k].length());
                    bestStart = at;
                    break;
                }
            }
        }
        return best;
    }

    /** The first line that holds {@code p}'s shape and no label of another field; null when none does. */
    private static String unlabelled(Pattern p, List<String> lines) {
        for (String line : lines) {
            if (label(line) == null && p.matcher(line.replace(" ", "")).find()) {
                return line.replace(" ", "");
            }
        }
        return null;
    }

    private static String first(Pattern p, String text) {
        if (text == null) {
            return "";
        }
        Matcher m = p.matcher(text);
        return m.find() ? m.group() : "";
    }

    private static String vaccination(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = VACCINATION.matcher(text);
        if (m.find()) {
            return m.group().replaceAll("\\s+", "");
        }
        return text.replaceAll("[^\\p{IsHan}\\d]", "");
    }

    /** Labelled if a label was found; otherwise the line whose time has seconds (testing times have none). */
    private static String updateTime(String labelled, List<String> lines) {
        if (labelled != null) {
            Matcher m = UPDATE_TIME.matcher(labelled);
            if (m.find()) {
                return updateTime(m);
            }
        }
        for (String line : lines) {
            Label label = label(line);
            if (label != null && !label.field.equals("Time")) {
                continue;
            }
            Matcher m = UPDATE_TIME.matcher(line);
            if (m.find()) {
                return updateTime(m);
            }
        }
        return "";
    }

    private static String updateTime(Matcher m) {
        return date(m.group(1), m.group(2), m.group(3)) + " " + m.group(4) + ":" + m.group(5) + ":" + m.group(6);
    }

    /** Tencent's form of a date, 2022-02-06 (02-06 when the app prints no year), whatever the app's. */
    private static String date(String year, String month, String day) {
        String md = (month.length() == 1 ? "0" + month : month) + "-" + (day.length() == 1 ? "0" + day : day);
        return year == null ? md : year + "-" + md;
    }

    private static String masked(Pattern p, String labelled, List<String> lines) {
        if (labelled != null) {
            Matcher m = p.matcher(starsOfName(labelled.replace(" ", "")));
            if (m.find()) {
                return m.group(1);
            }
        }
        // Apps that print no label: the first masked value of that shape on the page.
        for (String line : lines) {
            if (label(line) != null) {
                continue;
            }
            for (String part : line.split(" ")) {
                Matcher m = p.matcher(starsOfName(part));
                if (m.lookingAt()) {
                    return m.group(1);
                }
            }
        }
        return "";
    }

    /**
     * Quotes or an apostrophe beside an ideograph are what the engine reads for the '*' of a masked name (孙” for 孙*);
     * the code's colour in words (绿码, 黄码, 红码) and a badge (已实名) are set beside the name, never part of it
     * (林*黄码, 林*已实名).
     */
    private static String starsOfName(String text) {
        return text.replaceAll(COLOUR_WORD + "|" + NAME_BADGE, " ")
                .replaceAll("(?<=\\p{IsHan})[”“\"'’‘`]|[”“\"'’‘`](?=\\p{IsHan})", "*");
    }

    /** Labelled if a label was found and a number follows it; otherwise the first masked number on the page. */
    private static String idNumber(String labelled, List<String> lines) {
        String id = labelled == null ? "" : maskedId(labelled);
        for (int i = 0; i < lines.size() && id.isEmpty(); i++) {
            id = maskedId(lines.get(i));
        }
        return id;
    }
}
