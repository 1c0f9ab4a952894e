package dev.ocrbridge.sandbox.local;

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
        {"TestingTime", "核酸检测时间", "核酸采样时间", "最近检测时间", "检测时间", "采样时间"},
        {"TestingResult", "核酸检测结果", "核酸结果", "检测结果", "核酸检测", "核酸"},
        {"TestingInterval", "距最近核酸检测", "距上次核酸", "核酸检测间隔", "检测间隔", "间隔时长"},
        {"VaccinationTime", "最近接种日期", "最近接种时间", "接种时间", "接种日期"},
        {"Vaccination", "新冠疫苗接种", "疫苗接种情况", "疫苗接种", "接种情况", "疫苗"},
        {"Time", "更新时间", "刷新时间", "生成时间", "更新于"},
        {"SpotName", "场所名称", "扫码场所", "场所"},
        {"IDNumber", "身份证号码", "证件号码", "身份证号", "证件号", "身份证", "证件"},
        {"Name", "持码人", "姓名"},
    };

    private static final Pattern RESULT = Pattern.compile("暂无核酸检测记录|暂无核酸|阴性|阳性");
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,3})\\s*(小时|天)");
    private static final Pattern DATE_TIME_MINUTES = Pattern.compile("(20\\d\\d)\\s*-\\s*(\\d\\d)\\s*-\\s*(\\d\\d)\\s*(\\d\\d)\\s*:\\s*(\\d\\d)(?!\\s*:\\s*\\d)");
    private static final Pattern DATE = Pattern.compile("(20\\d\\d)\\s*-\\s*(\\d\\d)\\s*-\\s*(\\d\\d)");
    private static final Pattern UPDATE_TIME = Pattern.compile("((?:20\\d\\d\\s*-\\s*)?\\d\\d\\s*-\\s*\\d\\d)\\s*(\\d\\d\\s*:\\s*\\d\\d\\s*:\\s*\\d\\d)");
    private static final Pattern VACCINATION = Pattern.compile("已完成全程接种|已完成加强免疫|已完成加强针|已接种\\s*\\d\\s*针|未接种|未完成全程接种");
    /** Masked names keep one or two characters before the '*' and at most one after: 王*一, 李*, 欧阳*娜. */
    private static final Pattern MASKED_NAME = Pattern.compile("(?<![\\p{IsHan}*])([\\p{IsHan}]{1,2}\\*{1,2}[\\p{IsHan}]?)");
    private static final Pattern MASKED_ID = Pattern.compile("(?<![\\d*])(\\d{1,6}\\*{2,}[\\dXx]{1,4}|\\d{1,6}\\*{2,})(?![\\d*])");

    private HealthCodeLayout() {
    }

    /** @param rawLines the page's lines, top to bottom; @return the ten fields ("" where not shown), Color excluded */
    static Map<String, String> parse(List<String> rawLines) {
        List<String> lines = new ArrayList<>();
        for (String raw : rawLines) {
            String t = Texts.normalize(raw).replace('※', '*').replace('＊', '*').replace('×', '*');
            if (!t.isEmpty()) {
                lines.add(t);
            }
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Label label = label(line);
            if (label == null || raw.containsKey(label.field)) {
                continue;
            }
            String rest = line.substring(label.end).replaceFirst("^[\\s:：]+", "").strip();
            if (rest.isEmpty() && i + 1 < lines.size() && label(lines.get(i + 1)) == null) {
                rest = lines.get(i + 1);
            }
            raw.put(label.field, rest);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            out.put(f, "");
        }
        out.remove("Color");
        out.put("TestingResult", first(RESULT, raw.get("TestingResult")));
        if (out.get("TestingResult").equals("暂无核酸")) {
            out.put("TestingResult", "暂无核酸检测记录");
        }
        String interval = raw.containsKey("TestingInterval") ? raw.get("TestingInterval") : raw.get("TestingResult");
        Matcher m = interval == null ? null : INTERVAL.matcher(interval);
        out.put("TestingInterval", m != null && m.find() ? m.group(1) + m.group(2) : "");
        m = raw.get("TestingTime") == null ? null : DATE_TIME_MINUTES.matcher(raw.get("TestingTime"));
        out.put("TestingTime", m != null && m.find() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) + " " + m.group(4)
                + ":" + m.group(5) : "");
        out.put("Vaccination", vaccination(raw.get("Vaccination")));
        m = raw.get("VaccinationTime") == null ? null : DATE.matcher(raw.get("VaccinationTime"));
        out.put("VaccinationTime", m != null && m.find() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) : "");
        out.put("SpotName", raw.getOrDefault("SpotName", "").replaceAll("[^\\p{IsHan}\\p{Alnum}()（）·-]", ""));
        out.put("Time", updateTime(raw.get("Time"), lines));
        out.put("Name", masked(MASKED_NAME, raw.get("Name"), lines));
        out.put("IDNumber", masked(MASKED_ID, raw.get("IDNumber"), lines).toUpperCase(java.util.Locale.ROOT));
        return out;
    }

    private record Label(String field, int end) {
    }

    private static final Pattern MAYBE_MASKED = Pattern.compile("\\d\\s*[*※]|[*※]\\s*\\d|\\d{2,}\\s*[xXwWr]|[*※]{2,}");

    /**
     * True when the line may hold a masked ID number: {@code chi_sim} reads a run of '*' as x, w or nothing, while
     * {@code chi_tra} reads it exactly, so such a line is read again with it.
     */
    static boolean mayHoldMaskedId(String rawLine) {
        String line = Texts.normalize(rawLine);
        Label label = label(line);
        return (label != null && label.field.equals("IDNumber")) || MAYBE_MASKED.matcher(line).find();
    }

    private static final Pattern LONG_MASK = Pattern.compile("(\\d{1,6})(\\*{3,})([\\dX]{1,4})");

    /**
     * The masked ID number in a line, or "". A long mask keeps the 18 characters of a resident ID number (the
     * engine may read a run of '*' one or two short or long); short forms such as 11**01 are kept as read.
     */
    static String maskedId(String rawLine) {
        Matcher m = MASKED_ID.matcher(Texts.normalize(rawLine).replace(" ", "").replace('※', '*'));
        if (!m.find()) {
            return "";
        }
        String id = m.group(1).toUpperCase(java.util.Locale.ROOT);
        Matcher mask = LONG_MASK.matcher(id);
        if (mask.matches()) {
            // Masks show 1-4 or all 6 digits of the region code, hardly ever 5: a fifth digit 7 right before the
            // run is the engine's reading of the first '*'.
            String prefix = mask.group(1).length() == 5 && mask.group(1).endsWith("7")
                    ? mask.group(1).substring(0, 4) : mask.group(1);
            int stars = 18 - prefix.length() - mask.group(3).length();
            return stars >= 2 ? prefix + "*".repeat(stars) + mask.group(3) : id;
        }
        return id;
    }

    /** A masked number with digits on both sides of its '*' run: nothing of it was lost. */
    static boolean completeMask(String id) {
        return id.matches("\\d{1,6}\\*{2,}[\\dX]{1,4}");
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
        Label best = null;
        int bestStart = Integer.MAX_VALUE;
        for (String[] entry : LABELS) {
            for (int k = 1; k < entry.length; k++) {
                int at = line.indexOf(entry[k]);
                boolean iconOnly = at >= 0 && line.substring(0, at).codePoints().noneMatch(Texts::isHan);
                if (at >= 0 && at <= 2 && iconOnly && (at < bestStart || (at == bestStart && entry[k].length() > best.end - at))) {
                    best = new Label(entry[0], at + entry[k].length());
                    bestStart = at;
                    break;
                }
            }
        }
        return best;
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
                return clean(m.group(1)) + " " + clean(m.group(2));
            }
        }
        for (String line : lines) {
            Matcher m = UPDATE_TIME.matcher(line);
            if (m.find()) {
                return clean(m.group(1)) + " " + clean(m.group(2));
            }
        }
        return "";
    }

    private static String masked(Pattern p, String labelled, List<String> lines) {
        if (labelled != null) {
            Matcher m = p.matcher(labelled.replace(" ", ""));
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
                Matcher m = p.matcher(part);
                if (m.lookingAt()) {
                    return m.group(1);
                }
            }
        }
        return "";
    }

    private static String clean(String s) {
        return s.replaceAll("\\s+", "");
    }
}
