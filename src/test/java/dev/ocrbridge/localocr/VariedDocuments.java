package dev.ocrbridge.localocr;

import dev.ocrbridge.actions.OcrAction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.Set;

/**
 * More layouts than {@link SyntheticDocuments}' own, split up front into the ones the recognizer may be tuned on and
 * a held-out group that is only measured ({@link #HELD_OUT}): whoever changes the recognizer looks at the tuned
 * group's misses only, so the held-out figures say how it reads layouts nobody tuned it for. Health codes in seven
 * more provinces' styles (value over its label in columns, label below its value, label-less big names beside an
 * avatar, values flush right of far labels, labels above values in a grid; status bars, serif and sans, other
 * colours and sizes; masked names and IDs of other forms, intervals in days and "24小时内", times with seconds, a
 * positive result, districts' markets as places); Korean cards in the 2020 design and the 1999 one redrawn, with
 * patterned backgrounds, one- and two-line addresses and rare Hanja; monospaced, Japanese- and Traditional-style
 * faces of Noto CJK in the styles added later, and print in white on a dark band and on coloured pills, small labels
 * on the baseline of larger values, condensed faces; a whole page in dark mode under a tiled watermark with two
 * label-value pairs to a row, a ruled table with bilingual labels, navigation bars with icons, values in colour with
 * no pill, dates with slashes and in 年月日; cards under a holographic overlay with wide-set names; panels in a panel
 * with shadows, a status bar around a notch, light grey values and a page cut by a bottom tab bar. Added later
 * (held out at first, tuned since): health codes on pages of other sizes (1080 × 2340, 720 × 1280, 828 × 1792) with
 * the name in white on a gradient band, records as cards or on a timeline with drawn icons, every field as one
 * label-colon-value string on tiles, the QR code at the foot in a ring of its colour over the colour's word; a card
 * with a ghost image and a regular-weight title. Added later to the tuned group, so that what the recognizer learns
 * from it holds on layouts it was not tuned for: health codes on pages of modern phone sizes (1080 × 2400,
 * 1170 × 2532) and a small one (720 × 1280), the name and number in white on a vertical gradient
 * header, the time split as date and weekday over a large clock or followed by its weekday, a table whose rows
 * alternate in shade, a list of services below the fold, small grey bilingual labels over large bold values, the
 * test as a timeline, records as cards with drawn icons, status chips with a drawn tick or shield, thin light-grey
 * print; then pages that are no phone's (a 1920 × 1080 desktop mini-program window, a 1536 × 2048 tablet page in two
 * columns with much empty space), a half-transparent notification banner or toast over the page's upper part with
 * its own unrelated text, the fields in ruled grids (labels right-aligned in shaded cells beside their values, small
 * labels centred over their values), values in a large serif under small sans labels. The tuned health codes also
 * come in what phones do beyond the classic degradations ({@link Degradation#PHONE}, {@link #tunedHealthCodes}).
 * The held-out group today is the third drawn (the earlier ones' styles, SICHUAN to HENAN, LIAONING to HUNAN,
 * card-1999b, card-2020b and card-2020f, are tuned since): four health-code styles on pages of sizes no other style
 * has (1242 × 2688, 1080 × 1920, 640 × 1136, 1440 × 3200) — a page in dark mode with a bordered table and a phone
 * number among the records, a serif column of right-aligned labels under a header naming the place scanned, a small
 * page of tinted tiles under a notice strip, a tall page of centred label-colon-value lines — and a card scanned at a
 * slight tilt with a shadow, under a honeycomb pattern.
 * Deterministic, as the generator it extends.
 */
public final class VariedDocuments {

    /** The layouts only measured, never looked at while changing the recognizer. Decided before any measurement. */
    public static final Set<String> HELD_OUT = Set.of("SHANXI", "JIANGXI", "HEILONGJIANG", "XINJIANG", "card-2020g");

    private static final Map<String, Color> QR_COLOURS = Map.of(
            SyntheticDocuments.GREEN, new Color(0x1AAD19), SyntheticDocuments.YELLOW, new Color(0xF5B800),
            SyntheticDocuments.RED, new Color(0xE02020));

    private VariedDocuments() {
    }

    public static boolean heldOut(SyntheticDocuments.Sample s) {
        return HELD_OUT.contains(s.layout());
    }

    /** Every generated document: {@link SyntheticDocuments}' and these, health codes first. */
    public static List<SyntheticDocuments.Sample> all(List<Degradation> degradations) {
        List<SyntheticDocuments.Sample> out = new ArrayList<>(SyntheticDocuments.healthCodes(degradations));
        out.addAll(healthCodes(degradations));
        out.addAll(SyntheticDocuments.koreanCards(degradations));
        out.addAll(koreanCards(degradations));
        return out;
    }

    /**
     * The tuned health codes ({@link SyntheticDocuments}' and these) in {@code degradations}: the variants added after
     * the held-out set was drawn are drawn for the tuned group only.
     */
    public static List<SyntheticDocuments.Sample> tunedHealthCodes(List<Degradation> degradations) {
        List<SyntheticDocuments.Sample> out = new ArrayList<>(SyntheticDocuments.healthCodes(degradations));
        out.addAll(healthCodes(degradations));
        out.removeIf(VariedDocuments::heldOut);
        return out;
    }

    // ---- health codes ----------------------------------------------------------------------------------------

    // Styles after HENAN were added later, SHANXI to XINJIANG as the held-out group (the styles held out before them,
    // SICHUAN to HENAN and LIAONING to HUNAN, are tuned since); appended so that every document drawn before stays as
    // it was (each page's seed and degradation seed follow its place in this order).
    enum Style {
        JIANGSU, ZHEJIANG, SICHUAN, HUBEI, HENAN, SHANDONG, FUJIAN, ANHUI, YUNNAN, GUIZHOU, HAINAN, SHAANXI,
        LIAONING, GUANGXI, HUNAN, CHONGQING, TIANJIN, JILIN, NINGXIA, GANSU, HEBEI, SHANXI, JIANGXI, HEILONGJIANG,
        XINJIANG
    }

    private static final String[] NAMES = {"*子涵", "赵**", "孙*", "钱*文", "林*", "司马*然", "何*", "郑*婷", "*伟", "冯**"};
    private static final String[] IDS = {"1****************6", "320***********1234", "3301**********0027", "51**************0X",
        "4201**********123X", "41**************95", "4403**********5510", "3**************12X", "51**09", "4101**********2333"};
    private static final String[] INTERVALS = {"24小时", "48小时", "72小时", "3天", "7天", "24小时内", "48小时内"};
    private static final String[] VACCINATIONS = {"已接种3针", "已完成加强免疫", "已完成全程接种", "已接种2针", "已接种1针"};
    private static final String[] SPOTS = {"武侯区农贸市场", "江汉区菜市场", "金水区人民医院", "鼓楼区农贸市场", "西湖区文化中心"};

    /** Each style twice (two people, two colours): 50 documents. */
    public static List<SyntheticDocuments.Sample> healthCodes(List<Degradation> degradations) {
        List<SyntheticDocuments.Sample> out = new ArrayList<>();
        String[] colours = {SyntheticDocuments.GREEN, SyntheticDocuments.YELLOW, SyntheticDocuments.RED};
        int n = 0;
        for (Style style : Style.values()) {
            for (int person = 0; person < 2; person++) {
                Random random = new Random(5000 + n);
                Map<String, String> fields = values(style, random, n);
                fields.put("Color", colours[(n + person) % 3]);
                BufferedImage page = draw(style, fields, random);
                for (Degradation d : degradations) {
                    out.add(new SyntheticDocuments.Sample("health-" + style.name().toLowerCase() + "-" + n,
                            OcrAction.RECOGNIZE_HEALTH_CODE_OCR, style.name(), d, d.apply(page, 300 + n), fields));
                }
                n++;
            }
        }
        return out;
    }

    private static Map<String, String> values(Style style, Random r, int n) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Name", NAMES[n % NAMES.length]);
        f.put("IDNumber", IDS[n % IDS.length]);
        f.put("Time", "2022-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + " " + two(r.nextInt(24)) + ":"
                + two(r.nextInt(60)) + ":" + two(r.nextInt(60)));
        boolean tested = n % 5 != 4;
        f.put("TestingResult", tested ? (n % 7 == 3 ? "阳性" : "阴性") : "暂无核酸检测记录");
        f.put("TestingInterval", tested ? INTERVALS[r.nextInt(INTERVALS.length)] : "");
        boolean seconds = style == Style.JIANGSU || style == Style.HENAN || style == Style.SHANDONG
                || style == Style.FUJIAN || style == Style.ANHUI || style == Style.YUNNAN || style == Style.GUIZHOU
                || style == Style.SHAANXI || style == Style.LIAONING || style == Style.HUNAN || style == Style.CHONGQING
                || style == Style.JILIN || style == Style.NINGXIA || style == Style.HEBEI || style == Style.SHANXI
                || style == Style.HEILONGJIANG;
        f.put("TestingTime", tested ? "2022-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + " "
                + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + (seconds ? ":" + two(r.nextInt(60)) : "") : "");
        f.put("Vaccination", VACCINATIONS[r.nextInt(VACCINATIONS.length)]);
        f.put("SpotName", style == Style.SICHUAN || style == Style.ZHEJIANG || style == Style.SHANDONG
                || style == Style.YUNNAN || style == Style.HAINAN || style == Style.GUANGXI || style == Style.HUNAN
                || style == Style.TIANJIN || style == Style.JILIN || style == Style.NINGXIA || style == Style.GANSU
                || style == Style.JIANGXI || style == Style.XINJIANG ? SPOTS[n % SPOTS.length] : "");
        f.put("VaccinationTime", "2021-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)));
        return f;
    }

    static BufferedImage draw(Style style, Map<String, String> f, Random random) {
        if (style == Style.LIAONING) {
            return drawLiaoning(f, random);
        }
        if (style == Style.GUANGXI) {
            return drawGuangxi(f, random);
        }
        if (style == Style.HUNAN) {
            return drawHunan(f, random);
        }
        if (style == Style.CHONGQING) {
            return drawChongqing(f, random);
        }
        if (style == Style.TIANJIN) {
            return drawTianjin(f, random);
        }
        if (style == Style.JILIN) {
            return drawJilin(f, random);
        }
        if (style == Style.NINGXIA) {
            return drawNingxia(f, random);
        }
        if (style == Style.GANSU) {
            return drawGansu(f, random);
        }
        if (style == Style.HEBEI) {
            return drawHebei(f, random);
        }
        if (style == Style.SHANXI) {
            return drawShanxi(f, random);
        }
        if (style == Style.JIANGXI) {
            return drawJiangxi(f, random);
        }
        if (style == Style.HEILONGJIANG) {
            return drawHeilongjiang(f, random);
        }
        if (style == Style.XINJIANG) {
            return drawXinjiang(f, random);
        }
        int w = 750;
        int h = 1334;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, switch (style) {
            case HUBEI -> new Color(0xEAF4FF);
            case SHANDONG -> new Color(0xFFF8E6);
            case FUJIAN -> new Color(0xEEF1F4);
            case GUIZHOU -> new Color(0x15181C);
            case HAINAN -> Color.WHITE;
            case SHAANXI -> new Color(0xEEF0F3);
            default -> new Color(0xF7F7F7);
        });
        Color qr = QR_COLOURS.get(f.get("Color"));
        String sans = CjkFonts.SANS_SC;
        String serif = "Noto Serif CJK SC";
        String mono = "Noto Sans Mono CJK SC";
        String serifJp = "Noto Serif CJK JP";
        String sansTc = "Noto Sans CJK TC";
        Color ink = new Color(0x202020);
        Color grey = new Color(0x8A8A8A);
        String tested = f.get("TestingResult");
        switch (style) {
            case JIANGSU -> {
                statusBar(g, w, new Color(0x0B7A3B), Color.WHITE);
                g.setColor(new Color(0x0B7A3B));
                g.fillRect(0, 40, w, 100);
                text(g, "苏康码", font(sans, Font.BOLD, 40), Color.WHITE, 315, 108);
                avatar(g, 50, 170, 90);
                text(g, f.get("Name"), font(sans, Font.BOLD, 44), ink, 165, 215);
                text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 28), grey, 165, 255);
                text(g, f.get("Time"), font(sans, Font.PLAIN, 28), ink, 225, 320);
                drawQr(g, qr, 225, 345, 300, random);
                columns(g, w, 720, new String[][] {{tested.length() > 2 ? "暂无记录" : tested, "检测结果"},
                        {f.get("TestingInterval").isEmpty() ? "--" : f.get("TestingInterval"), "检测间隔"},
                        {"已采样", "采样状态"}}, font(sans, Font.BOLD, 36), font(sans, Font.PLAIN, 24), ink, grey);
                if (tested.length() > 2) {
                    text(g, tested, font(sans, Font.PLAIN, 28), ink, 60, 830);
                }
                int y = 900;
                y = row(g, "核酸检测时间", f.get("TestingTime"), y, font(sans, Font.PLAIN, 28), grey, ink, 60, 300);
                y = row(g, "疫苗接种", f.get("Vaccination"), y, font(sans, Font.PLAIN, 28), grey, ink, 60, 300);
                row(g, "接种日期", f.get("VaccinationTime"), y, font(sans, Font.PLAIN, 28), grey, ink, 60, 300);
            }
            case ZHEJIANG -> {
                statusBar(g, w, Color.WHITE, ink);
                text(g, "浙江健康码", font(serif, Font.BOLD, 42), new Color(0x1E5BB8), 270, 110);
                text(g, "姓名：" + f.get("Name"), font(sans, Font.PLAIN, 30), ink, 60, 180);
                text(g, "身份证号：" + f.get("IDNumber"), font(sans, Font.PLAIN, 30), ink, 60, 230);
                drawQr(g, qr, 215, 260, 320, random);
                text(g, "更新时间 " + f.get("Time"), font(sans, Font.PLAIN, 24), grey, 200, 620);
                int y = 690;
                for (String[] r : new String[][] {{f.get("TestingResult"), "核酸检测结果"}, {f.get("TestingTime"), "检测时间"},
                        {f.get("TestingInterval"), "距上次核酸"}, {f.get("Vaccination"), "疫苗接种"},
                        {f.get("VaccinationTime"), "接种时间"}, {f.get("SpotName"), "扫码场所"}}) {
                    if (!r[0].isEmpty()) {
                        text(g, r[0], font(sans, Font.BOLD, 32), ink, 60, y);
                        text(g, r[1], font(sans, Font.PLAIN, 22), grey, 60, y + 34);
                        y += 92;
                    }
                }
            }
            case SICHUAN -> {
                statusBar(g, w, new Color(0xD9534F), Color.WHITE);
                g.setColor(new Color(0xD9534F));
                g.fillRect(0, 40, w, 90);
                text(g, "天府健康通", font(serif, Font.BOLD, 38), Color.WHITE, 280, 100);
                Font label = font(serif, Font.PLAIN, 27);
                Font value = font(sans, Font.PLAIN, 28);
                int y = 190;
                y = flush(g, w, "姓名", f.get("Name"), y, label, value, grey, ink);
                y = flush(g, w, "证件号码", f.get("IDNumber"), y, label, value, grey, ink);
                drawQr(g, qr, 225, y - 20, 300, random);
                y += 320;
                y = flush(g, w, "刷新时间", f.get("Time"), y, label, value, grey, ink);
                y = flush(g, w, "核酸结果", f.get("TestingResult"), y, label, value, grey, ink);
                y = flush(g, w, "采样时间", f.get("TestingTime"), y, label, value, grey, ink);
                y = flush(g, w, "检测间隔", f.get("TestingInterval"), y, label, value, grey, ink);
                y = flush(g, w, "接种情况", f.get("Vaccination"), y, label, value, grey, ink);
                y = flush(g, w, "接种日期", f.get("VaccinationTime"), y, label, value, grey, ink);
                flush(g, w, "场所名称", f.get("SpotName"), y, label, value, grey, ink);
            }
            case HUBEI -> {
                statusBar(g, w, new Color(0xEAF4FF), ink);
                text(g, "湖北健康码", font(sans, Font.BOLD, 44), new Color(0x0D47A1), 265, 115);
                text(g, f.get("Name"), font(sans, Font.BOLD, 48), ink, 60, 200);
                text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 26), ink, 60, 245);
                drawQr(g, qr, 235, 280, 280, random);
                text(g, "生成时间：" + f.get("Time"), font(sans, Font.PLAIN, 26), grey, 170, 610);
                String[][] cells = {{"核酸检测结果", f.get("TestingResult")}, {"检测时间", f.get("TestingTime")},
                    {"检测间隔", f.get("TestingInterval")}, {"疫苗接种情况", f.get("Vaccination")},
                    {"最近接种日期", f.get("VaccinationTime")}};
                int y = 690;
                int k = 0;
                for (String[] c : cells) {
                    if (c[1].isEmpty()) {
                        continue;
                    }
                    int x = k % 2 == 0 ? 60 : 400;
                    text(g, c[0], font(sans, Font.PLAIN, 24), grey, x, y);
                    text(g, c[1], font(sans, Font.BOLD, c[1].length() > 10 ? 26 : 32), ink, x, y + 44);
                    if (k % 2 == 1) {
                        y += 110;
                    }
                    k++;
                }
            }
            case HENAN -> {
                statusBar(g, w, new Color(0x6A1B9A), Color.WHITE);
                g.setColor(new Color(0x6A1B9A));
                g.fillRect(0, 40, w, 110);
                text(g, "豫康码", font(sans, Font.BOLD, 40), Color.WHITE, 315, 110);
                avatar(g, 60, 180, 80);
                text(g, f.get("Name"), font(serif, Font.BOLD, 40), ink, 165, 225);
                text(g, "身份证号 " + f.get("IDNumber"), font(sans, Font.PLAIN, 24), grey, 60, 310);
                drawQr(g, qr, 235, 335, 280, random);
                text(g, f.get("Time"), font(sans, Font.PLAIN, 26), ink, 240, 650);
                columns(g, w, 740, new String[][] {{tested.length() > 2 ? "无记录" : tested, "核酸结果"},
                        {f.get("TestingInterval").isEmpty() ? "--" : f.get("TestingInterval"), "检测间隔"},
                        {f.get("Vaccination"), "疫苗接种"}}, font(sans, Font.BOLD, 30), font(sans, Font.PLAIN, 22),
                        ink, grey);
                if (tested.length() > 2) {
                    text(g, tested, font(sans, Font.PLAIN, 26), ink, 60, 820);
                }
                int y = 880;
                y = row(g, "采样时间：", f.get("TestingTime"), y, font(sans, Font.PLAIN, 26), ink, ink, 60, 200);
                row(g, "接种时间：", f.get("VaccinationTime"), y, font(sans, Font.PLAIN, 26), ink, ink, 60, 200);
            }
            case SHANDONG -> {
                // A tinted page, a dark status bar, the place on a banner, a label-less big name with the avatar on
                // its right and the grey masked number under it, values over their labels in a two-by-two grid.
                statusBar(g, w, new Color(0x263238), Color.WHITE);
                text(g, "山东健康通行码", font(sans, Font.BOLD, 38), new Color(0xB71C1C), 240, 105);
                g.setColor(new Color(0xFFE0B2));
                g.fillRect(40, 130, w - 80, 56);
                text(g, "场所：" + f.get("SpotName"), font(mono, Font.PLAIN, 28), new Color(0x5D4037), 60, 168);
                text(g, f.get("Name"), font(sans, Font.BOLD, 50), ink, 60, 260);
                text(g, f.get("IDNumber"), font(mono, Font.PLAIN, 26), grey, 60, 302);
                avatar(g, w - 160, 205, 100);
                drawQr(g, qr, 225, 340, 300, random);
                text(g, f.get("Time"), font(mono, Font.BOLD, 28), new Color(0x37474F), 215, 685);
                String[][] cells = {{tested.length() > 2 ? "--" : tested, "核酸结果"},
                    {f.get("TestingInterval").isEmpty() ? "--" : f.get("TestingInterval"), "距上次检测"},
                    {f.get("Vaccination"), "疫苗接种"}, {f.get("VaccinationTime"), "接种日期"}};
                for (int k = 0; k < cells.length; k++) {
                    int centre = k % 2 == 0 ? 200 : 550;
                    int y = 780 + k / 2 * 120;
                    centred(g, cells[k][0], font(sans, Font.BOLD, cells[k][0].length() > 6 ? 28 : 34), ink, centre, y);
                    centred(g, cells[k][1], font(sans, Font.PLAIN, 22), grey, centre, y + 38);
                }
                if (tested.length() > 2) {
                    text(g, tested, font(sans, Font.PLAIN, 28), ink, 60, 1040);
                }
                if (!f.get("TestingTime").isEmpty()) {
                    text(g, "最近采样 " + f.get("TestingTime"), font(sans, Font.PLAIN, 26), ink, 60, 1040);
                }
            }
            case FUJIAN -> {
                // Serif Japanese-style glyphs for the labels, labels right-aligned in a column with their values
                // beside them on white cards, the name under its label, a light status bar with blue print.
                statusBar(g, w, new Color(0xEEF1F4), new Color(0x1565C0));
                g.setColor(new Color(0x1565C0));
                g.fillRect(0, 40, w, 80);
                text(g, "八闽健康码", font(serifJp, Font.BOLD, 36), Color.WHITE, 285, 95);
                g.setColor(Color.WHITE);
                g.fillRoundRect(30, 140, w - 60, 150, 20, 20);
                text(g, "姓名", font(serifJp, Font.PLAIN, 24), grey, 60, 180);
                text(g, f.get("Name"), font(sansTc, Font.BOLD, 40), ink, 60, 230);
                text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 26), new Color(0x546E7A), 60, 272);
                drawQr(g, qr, 235, 310, 280, random);
                text(g, "更新于 " + f.get("Time"), font(sans, Font.PLAIN, 24), grey, 200, 625);
                g.setColor(Color.WHITE);
                g.fillRoundRect(30, 660, w - 60, 430, 20, 20);
                String[][] rows = {{"检测结果", tested}, {"采样时间", f.get("TestingTime")},
                    {"检测间隔", f.get("TestingInterval")}, {"接种状态", f.get("Vaccination")},
                    {"接种日期", f.get("VaccinationTime")}};
                int y = 720;
                Font label = font(serifJp, Font.PLAIN, 26);
                for (String[] r : rows) {
                    if (r[1].isEmpty()) {
                        continue;
                    }
                    g.setFont(label);
                    int lw = g.getFontMetrics().stringWidth(r[0]);
                    text(g, r[0], label, grey, 230 - lw, y);
                    text(g, r[1], font(sans, Font.PLAIN, 28), ink, 260, y);
                    y += 70;
                }
            }
            case ANHUI -> {
                // A dark band under a status bar of its colour holds the title, the avatar, the label-less big name,
                // the masked number and the update time, all in white; the result in a white-on-colour pill under
                // its label; one rounded card with values over their labels in its first row and labels over
                // values in its second.
                Color band = new Color(0x00574B);
                statusBar(g, w, band, Color.WHITE);
                g.setColor(band);
                g.fillRect(0, 40, w, 300);
                text(g, "安康码", font(sans, Font.BOLD, 36), Color.WHITE, 321, 98);
                avatar(g, 50, 140, 100);
                text(g, f.get("Name"), font(sans, Font.BOLD, 46), Color.WHITE, 180, 192);
                text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 26), new Color(0xCFE8E3), 180, 236);
                text(g, f.get("Time"), font(sans, Font.PLAIN, 26), Color.WHITE, 180, 300);
                g.setColor(Color.WHITE);
                g.fillRoundRect(195, 360, 360, 340, 24, 24);
                drawQr(g, qr, 225, 380, 300, random);
                centred(g, "核酸检测结果", font(sans, Font.PLAIN, 24), grey, w / 2, 750);
                Color pill = tested.equals("阴性") ? new Color(0x2E7D32)
                        : tested.equals("阳性") ? new Color(0xC62828) : new Color(0x757575);
                pill(g, tested, font(sans, Font.BOLD, tested.length() > 2 ? 26 : 32), pill, Color.WHITE, w / 2, 810);
                g.setColor(Color.WHITE);
                g.fillRoundRect(30, 860, w - 60, 380, 24, 24);
                String[][] over = {{f.get("TestingInterval").isEmpty() ? "--" : f.get("TestingInterval"), "检测间隔"},
                    {f.get("Vaccination"), "疫苗接种"}};
                String[][] under = {{"采样时间", f.get("TestingTime").isEmpty() ? "--" : f.get("TestingTime")},
                    {"接种日期", f.get("VaccinationTime")}};
                for (int k = 0; k < 2; k++) {
                    int centre = k == 0 ? 200 : 550;
                    centred(g, over[k][0], font(sans, Font.BOLD, over[k][0].length() > 6 ? 28 : 34), ink, centre, 940);
                    centred(g, over[k][1], font(sans, Font.PLAIN, 22), grey, centre, 978);
                    centred(g, under[k][0], font(sans, Font.PLAIN, 22), grey, centre, 1080);
                    centred(g, under[k][1], font(sans, Font.BOLD, 26), ink, centre, 1122);
                }
            }
            case YUNNAN -> {
                // Small light-grey labels on the baseline of larger values beside them, on rounded white cards;
                // the name in a Traditional-style serif, the values in a condensed Hong Kong sans, the result in a
                // white-on-colour pill, a light status bar.
                statusBar(g, w, Color.WHITE, ink);
                text(g, "云南健康码", font("Noto Serif CJK SC", Font.BOLD, 36), new Color(0x1B5E20), 285, 100);
                Color small = new Color(0x9E9E9E);
                Font label = font(sans, Font.PLAIN, 20);
                Font value = condensed(font("Noto Sans CJK HK", Font.BOLD, 30));
                g.setColor(Color.WHITE);
                g.fillRoundRect(30, 130, w - 60, 150, 24, 24);
                text(g, "姓名", label, small, 60, 190);
                text(g, f.get("Name"), font("Noto Serif CJK TC", Font.BOLD, 36), ink, 170, 190);
                text(g, "证件号", label, small, 60, 250);
                text(g, f.get("IDNumber"), condensed(font("Noto Sans CJK HK", Font.PLAIN, 28)), ink, 170, 250);
                drawQr(g, qr, 235, 310, 280, random);
                text(g, "更新时间：" + f.get("Time"), condensed(font(sans, Font.PLAIN, 24)), grey, 200, 630);
                g.setColor(Color.WHITE);
                g.fillRoundRect(30, 670, w - 60, 520, 24, 24);
                int y = 740;
                text(g, "核酸结果", label, small, 60, y);
                Color pill = tested.equals("阴性") ? new Color(0x1E88E5)
                        : tested.equals("阳性") ? new Color(0xD84315) : new Color(0x90A4AE);
                g.setFont(value);
                pill(g, tested, value, pill, Color.WHITE, 200 + g.getFontMetrics().stringWidth(tested) / 2 + 24, y);
                y += 76;
                String[][] rows = {{"采样时间", f.get("TestingTime")}, {"距上次采样", f.get("TestingInterval")},
                    {"疫苗接种", f.get("Vaccination")}, {"接种时间", f.get("VaccinationTime")},
                    {"场所名称", f.get("SpotName")}};
                for (String[] r : rows) {
                    if (!r[1].isEmpty()) {
                        text(g, r[0], label, small, 60, y);
                        text(g, r[1], value, ink, 200, y);
                        y += 76;
                    }
                }
            }
            case GUIZHOU -> {
                // Dark mode: light print on a near-black page under a faint tiled watermark, a navigation bar with
                // icons under the status bar, bold labels with full-width colons and thin values after them, two
                // label-value pairs to a row, values in colour with no pill, dates with slashes.
                Color page = new Color(0x15181C);
                watermark(g, w, h, "贵州健康码 仅限本人使用", new Color(0x1F2328));
                statusBar(g, w, page, new Color(0xE6E6E6));
                navigationBar(g, w, 40, page, new Color(0xE6E6E6), "贵州健康码");
                Color labelInk = new Color(0x9AA0A6);
                Color light = new Color(0xECEFF1);
                Font label = font(sans, Font.BOLD, 24);
                Font value = font(sans, Font.PLAIN, 26);
                pair(g, "姓名：", f.get("Name"), 50, 180, label, value, labelInk, light);
                pair(g, "证件号：", f.get("IDNumber"), 330, 180, label, value, labelInk, light);
                g.setColor(new Color(0xF5F5F5));
                g.fillRoundRect(215, 215, 320, 320, 20, 20);
                drawQr(g, qr, 225, 225, 300, random);
                text(g, "更新时间：" + slashed(f.get("Time")), font(sans, Font.PLAIN, 24), labelInk, 180, 585);
                g.setColor(new Color(0x22272E));
                g.fillRoundRect(30, 630, w - 60, 420, 20, 20);
                Color result = tested.equals("阴性") ? new Color(0x4CAF50)
                        : tested.equals("阳性") ? new Color(0xEF5350) : light;
                int y = 700;
                pair(g, "核酸结果：", tested, 50, y, label, value, labelInk, result);
                if (!f.get("TestingInterval").isEmpty()) {
                    pair(g, "检测间隔：", f.get("TestingInterval"), 390, y, label, value, labelInk, new Color(0xFFA726));
                }
                y += 80;
                pair(g, "疫苗接种：", f.get("Vaccination"), 50, y, label, value, labelInk, light);
                pair(g, "接种日期：", slashed(f.get("VaccinationTime")), 390, y, label, value, labelInk, light);
                y += 80;
                if (!f.get("TestingTime").isEmpty()) {
                    pair(g, "采样时间：", slashed(f.get("TestingTime")), 50, y, label, value, labelInk, light);
                }
            }
            case HAINAN -> {
                // A ruled table: every row boxed, bold bilingual labels in the left column and thin values in the
                // right one, the result in coloured print with no pill, dates in 年月日, a navigation bar with icons
                // under a blue status bar, the update time with slashes.
                Color blue = new Color(0x0277BD);
                statusBar(g, w, blue, Color.WHITE);
                navigationBar(g, w, 40, blue, Color.WHITE, "海南健康码");
                drawQr(g, qr, 225, 150, 300, random);
                text(g, "更新时间 " + slashed(f.get("Time")), font(sans, Font.PLAIN, 24), grey, 190, 490);
                String[][] rows = {{"姓名 Name", f.get("Name")}, {"证件号码 ID", f.get("IDNumber")},
                    {"核酸结果 Result", tested}, {"采样时间 Sampled", written(f.get("TestingTime"))},
                    {"检测间隔 Interval", f.get("TestingInterval")}, {"疫苗接种 Vaccine", f.get("Vaccination")},
                    {"接种日期 Date", written(f.get("VaccinationTime"))}, {"场所名称 Place", f.get("SpotName")}};
                Font label = font(sans, Font.BOLD, 22);
                Font value = font(sans, Font.PLAIN, 26);
                int top = 530;
                int rowHeight = 64;
                int k = 0;
                for (String[] r : rows) {
                    if (r[1].isEmpty()) {
                        continue;
                    }
                    int y = top + k * rowHeight;
                    Color valueInk = r[1].equals("阴性") ? new Color(0x2E7D32) : r[1].equals("阳性") ? new Color(0xC62828) : ink;
                    text(g, r[0], label, new Color(0x37474F), 50, y + 42);
                    text(g, r[1], value, valueInk, 280, y + 43);
                    k++;
                }
                g.setColor(new Color(0xB0BEC5));
                g.setStroke(new BasicStroke(1.5f));
                for (int i = 0; i <= k; i++) {
                    g.drawLine(36, top + i * rowHeight, w - 36, top + i * rowHeight);
                }
                g.drawLine(36, top, 36, top + k * rowHeight);
                g.drawLine(262, top, 262, top + k * rowHeight);
                g.drawLine(w - 36, top, w - 36, top + k * rowHeight);
                g.setStroke(new BasicStroke(1));
            }
            case SHAANXI -> {
                // Cards in a card: white panels with rounded corners and soft shadows on a grey page, the cells of a
                // three-column grid panels of their own inside one, values over small grey labels; the label-less
                // big name beside an avatar with the number under it in light grey; the other values in light grey,
                // flush right of their labels; a status bar with a notch and drawn emoji; the page cut mid-way by a
                // bottom tab bar whose labels (首页, 出行, 我的) are no field's, a row half hidden under it.
                notchedStatusBar(g, w, new Color(0xEEF0F3), ink);
                Color light = new Color(0xA3A3A3);
                Color label = new Color(0xB0B0B0);
                panel(g, 30, 70, w - 60, 200);
                avatar(g, 60, 110, 110);
                text(g, f.get("Name"), font(sans, Font.BOLD, 44), ink, 200, 160);
                text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 26), light, 200, 206);
                text(g, "更新时间 " + f.get("Time"), font(sans, Font.PLAIN, 22), light, 200, 246);
                panel(g, 185, 300, 380, 380);
                drawQr(g, qr, 225, 340, 300, random);
                panel(g, 30, 710, w - 60, 190);
                String[][] cells = {{tested, "核酸结果"},
                    {f.get("TestingInterval").isEmpty() ? "--" : f.get("TestingInterval"), "检测间隔"},
                    {tested.startsWith("暂无") ? "未采样" : "已采样", "采样状态"}};
                int cell = (w - 60 - 40 - 2 * 16) / 3;
                for (int k = 0; k < 3; k++) {
                    int x = 50 + k * (cell + 16);
                    g.setColor(new Color(0xF4F6F9));
                    g.fillRoundRect(x, 730, cell, 150, 18, 18);
                    Color valueInk = k == 0 ? tested.equals("阴性") ? new Color(0x2E7D32)
                            : tested.equals("阳性") ? new Color(0xC62828) : ink : ink;
                    String v = cells[k][0];
                    centred(g, v, font(sans, Font.BOLD, v.length() > 4 ? 24 : 32), valueInk, x + cell / 2, 806);
                    centred(g, cells[k][1], font(sans, Font.PLAIN, 20), label, x + cell / 2, 850);
                }
                panel(g, 30, 930, w - 60, 420);
                Font labelFont = font(sans, Font.PLAIN, 24);
                Font valueFont = font(sans, Font.PLAIN, 26);
                String[][] rows = {{"采样时间", f.get("TestingTime").isEmpty() ? "--" : f.get("TestingTime")},
                    {"疫苗接种", f.get("Vaccination")}, {"接种日期", f.get("VaccinationTime")},
                    {"场所名称", SPOTS[Math.abs(f.get("Time").hashCode()) % SPOTS.length]}};
                int y = 994;
                for (String[] r : rows) {
                    text(g, r[0], labelFont, new Color(0x606060), 60, y);
                    g.setFont(valueFont);
                    text(g, r[1], valueFont, light, w - 60 - g.getFontMetrics().stringWidth(r[1]), y);
                    y += 72;
                }
                // The tab bar hides the last row from just above its middle: only the tops of its glyphs show.
                tabBar(g, w, 1196, 1334, new String[] {"首页", "健康码", "出行", "我的"}, 1, new Color(0x2E7D32));
            }
        }
        g.dispose();
        return img;
    }

    /**
     * A tall 1080 × 2340 page: a diagonal blue-to-cyan gradient band holding the title, the label-less big name with
     * a "verified" badge, the masked number and the update time, all in white; the QR code on a white card that
     * overlaps the band; then the records as cards, each with a drawn icon and a title, the result in a tinted tag on
     * the title's row, the other values flush right on their labels' rows with thin rules between them.
     */
    private static BufferedImage drawLiaoning(Map<String, String> f, Random random) {
        int w = 1080;
        int h = 2340;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF2F5F8));
        String sans = CjkFonts.SANS_SC;
        Color ink = new Color(0x1F2329);
        Color grey = new Color(0x8F959E);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0x0D47A1), w, 700, new Color(0x26C6DA)));
        g.fillRect(0, 0, w, 700);
        statusBarOver(g, w, Color.WHITE);
        centred(g, "辽事通码", font(sans, Font.BOLD, 52), Color.WHITE, w / 2, 150);
        Font nameFont = font(sans, Font.BOLD, 72);
        text(g, f.get("Name"), nameFont, Color.WHITE, 90, 290);
        g.setFont(nameFont);
        int badge = 90 + g.getFontMetrics().stringWidth(f.get("Name")) + 30;
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2.5f));
        g.drawRoundRect(badge, 238, 132, 56, 56, 56);
        g.setStroke(new BasicStroke(1f));
        text(g, "已实名", font(sans, Font.PLAIN, 30), Color.WHITE, badge + 21, 277);
        text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 44), new Color(0xE3F2FD), 90, 370);
        text(g, "更新于 " + f.get("Time"), font(sans, Font.PLAIN, 38), new Color(0xBBDEFB), 90, 440);
        roundCard(g, 90, 510, w - 180, 800, 48);
        centred(g, "请向工作人员出示此码", font(sans, Font.PLAIN, 34), grey, w / 2, 590);
        drawQr(g, QR_COLOURS.get(f.get("Color")), 270, 630, 540, random);
        centred(g, "点击刷新", font(sans, Font.PLAIN, 34), new Color(0x1E6FD9), w / 2, 1240);
        String tested = f.get("TestingResult");
        Font title = font(sans, Font.BOLD, 44);
        Font label = font(sans, Font.PLAIN, 38);
        Font value = font(sans, Font.PLAIN, 38);
        int y = 1370;
        String[][] testing = {{"采样时间", f.get("TestingTime")}, {"检测间隔", f.get("TestingInterval")}};
        int rows = testing[0][1].isEmpty() ? 0 : 2;
        roundCard(g, 60, y, w - 120, 150 + rows * 96, 36);
        testTubeIcon(g, 100, y + 36, new Color(0x1E88E5));
        text(g, "核酸检测", title, ink, 210, y + 94);
        Color tagInk = tested.equals("阴性") ? new Color(0x2E7D32) : tested.equals("阳性") ? new Color(0xC62828) : grey;
        Color tagFill = tested.equals("阴性") ? new Color(0xE8F5E9) : tested.equals("阳性") ? new Color(0xFFEBEE)
                : new Color(0xF1F3F5);
        tag(g, tested, font(sans, Font.BOLD, 36), tagFill, tagInk, w - 100, y + 92);
        int row = y + 150;
        for (String[] r : testing) {
            row = ruledRow(g, r[0], r[1], 110, w - 110, row, label, value, grey, ink);
        }
        y += 150 + rows * 96 + 40;
        roundCard(g, 60, y, w - 120, 150 + 2 * 96, 36);
        syringeIcon(g, 100, y + 36, new Color(0x43A047));
        text(g, "新冠疫苗接种", title, ink, 210, y + 94);
        row = y + 150;
        row = ruledRow(g, "接种状态", f.get("Vaccination"), 110, w - 110, row, label, value, grey, ink);
        ruledRow(g, "最近接种", f.get("VaccinationTime"), 110, w - 110, row, label, value, grey, ink);
        centred(g, "数据来源：辽宁省卫生健康委员会", font(sans, Font.PLAIN, 30), grey, w / 2, 2270);
        g.dispose();
        return img;
    }

    /**
     * A small 720 × 1280 page in a Japanese-style sans: a white title bar, an orange notice strip with a speaker, the
     * QR code first, then every field as one string, label, full-width colon and value, on tinted tiles packed two to
     * a row where they fit and one to a row where they do not; two buttons at the foot whose words are no field's.
     */
    private static BufferedImage drawGuangxi(Map<String, String> f, Random random) {
        int w = 720;
        int h = 1280;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF0F4F8));
        String jp = "Noto Sans CJK JP";
        Color ink = new Color(0x333333);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, 110);
        statusBar(g, w, Color.WHITE, ink);
        centred(g, "广西健康码", font(CjkFonts.SANS_SC, Font.BOLD, 30), new Color(0x0B3D91), w / 2, 90);
        g.setColor(new Color(0xFFF3E0));
        g.fillRect(0, 110, w, 44);
        g.setColor(new Color(0xE65100));
        g.fillPolygon(new int[] {24, 32, 42, 42, 32, 24}, new int[] {126, 126, 118, 146, 138, 138}, 6);
        text(g, "温馨提示：请主动出示健康码，配合工作人员查验", font(jp, Font.PLAIN, 20), new Color(0xE65100), 56, 140);
        roundCard(g, 20, 170, w - 40, 400, 24);
        drawQr(g, QR_COLOURS.get(f.get("Color")), 220, 195, 280, random);
        centred(g, "更新时间：" + f.get("Time"), font(jp, Font.PLAIN, 20), new Color(0x777777), w / 2, 540);
        String[][] cells = {{"姓名", f.get("Name")}, {"证件号码", f.get("IDNumber")},
            {"核酸结果", f.get("TestingResult")}, {"采样时间", f.get("TestingTime")},
            {"检测间隔", f.get("TestingInterval")}, {"疫苗接种", f.get("Vaccination")},
            {"接种日期", f.get("VaccinationTime")}, {"扫码场所", f.get("SpotName")}};
        Font cellFont = font(jp, Font.PLAIN, 22);
        g.setFont(cellFont);
        FontMetrics m = g.getFontMetrics();
        int left = 36;
        int gap = 12;
        int half = (w - 2 * left - gap) / 2;
        int tile = 56;
        int top = 600;
        List<int[]> placed = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        int y = top + 16;
        boolean rightFree = false;
        for (String[] c : cells) {
            if (c[1].isEmpty()) {
                continue;
            }
            String s = c[0] + "：" + c[1];
            boolean fitsHalf = m.stringWidth(s) + 32 <= half;
            if (fitsHalf && rightFree) {
                placed.add(new int[] {left + half + gap, y - tile - gap, half});
                rightFree = false;
            } else {
                placed.add(new int[] {left, y, fitsHalf ? half : w - 2 * left});
                rightFree = fitsHalf;
                y += tile + gap;
            }
            strings.add(s);
        }
        roundCard(g, 20, top, w - 40, y - top + 4, 24);
        for (int i = 0; i < placed.size(); i++) {
            int[] p = placed.get(i);
            g.setColor(new Color(0xF5F7FA));
            g.fillRoundRect(p[0], p[1], p[2], tile, 12, 12);
            text(g, strings.get(i), cellFont, ink, p[0] + 16, p[1] + 37);
        }
        int buttons = Math.max(y + 50, 1120);
        for (int k = 0; k < 2; k++) {
            int x = 36 + k * (half + gap);
            g.setColor(new Color(0x1E6FD9));
            g.setStroke(new BasicStroke(2f));
            g.drawRoundRect(x, buttons, half, 64, 64, 64);
            g.setStroke(new BasicStroke(1f));
            centred(g, k == 0 ? "家人代领" : "通信行程卡", font(jp, Font.PLAIN, 24), new Color(0x1E6FD9), x + half / 2,
                    buttons + 42);
        }
        g.dispose();
        return img;
    }

    /**
     * An 828 × 1792 page under a band tinted with the code's colour: the title in serif, labels above values (the
     * name and the number) with an avatar on the right; the records on a timeline of drawn icons joined by a line,
     * each a small caption over its value in a bold serif, the testing interval a label-less outlined chip on the
     * result's row; the QR code at the foot in a rounded white card inside a ring of its colour, the colour's word
     * (绿码) under it.
     */
    private static BufferedImage drawHunan(Map<String, String> f, Random random) {
        int w = 828;
        int h = 1792;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF5F6F7));
        Color qr = QR_COLOURS.get(f.get("Color"));
        String sans = CjkFonts.SANS_SC;
        String serif = "Noto Serif CJK SC";
        Color ink = new Color(0x1B1B1B);
        Color grey = new Color(0x7A7A7A);
        Color tint = new Color((qr.getRed() + 5 * 255) / 6, (qr.getGreen() + 5 * 255) / 6,
                (qr.getBlue() + 5 * 255) / 6);
        g.setColor(tint);
        g.fillRect(0, 0, w, 540);
        statusBar(g, w, tint, ink);
        centred(g, "湖南居民健康码", font(serif, Font.BOLD, 44), ink, w / 2, 120);
        text(g, "姓名", font(sans, Font.PLAIN, 26), grey, 60, 210);
        text(g, f.get("Name"), font(sans, Font.BOLD, 48), ink, 60, 272);
        avatar(g, w - 180, 180, 120);
        text(g, "身份证号", font(sans, Font.PLAIN, 26), grey, 60, 344);
        text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 34), ink, 60, 392);
        text(g, "更新时间", font(sans, Font.PLAIN, 26), grey, 60, 452);
        text(g, f.get("Time"), font(sans, Font.PLAIN, 30), ink, 60, 498);
        roundCard(g, 30, 560, w - 60, 570, 32);
        String tested = f.get("TestingResult");
        Font caption = font(sans, Font.PLAIN, 26);
        Font sub = font(sans, Font.PLAIN, 28);
        int[] tops = {600, 800, 1000};
        g.setColor(new Color(0xDADDE1));
        g.setStroke(new BasicStroke(3f));
        g.drawLine(102, tops[0] + 64, 102, tops[2]);
        g.setStroke(new BasicStroke(1f));
        testTubeIcon(g, 70, tops[0], new Color(0x1E88E5));
        text(g, "核酸检测", caption, grey, 160, tops[0] + 24);
        Color resultInk = tested.equals("阴性") ? new Color(0x2E7D32) : tested.equals("阳性") ? new Color(0xC62828) : ink;
        Font result = font(serif, Font.BOLD, tested.length() > 2 ? 32 : 40);
        text(g, tested, result, resultInk, 160, tops[0] + 80);
        if (!f.get("TestingInterval").isEmpty()) {
            Font chip = font(sans, Font.PLAIN, 26);
            g.setFont(result);
            int x = 160 + g.getFontMetrics().stringWidth(tested) + 30;
            g.setFont(chip);
            int cw = g.getFontMetrics().stringWidth(f.get("TestingInterval")) + 32;
            g.setColor(new Color(0x1E6FD9));
            g.setStroke(new BasicStroke(2f));
            g.drawRoundRect(x, tops[0] + 44, cw, 46, 46, 46);
            g.setStroke(new BasicStroke(1f));
            text(g, f.get("TestingInterval"), chip, new Color(0x1E6FD9), x + 16, tops[0] + 77);
        }
        if (!f.get("TestingTime").isEmpty()) {
            text(g, "采样时间 " + f.get("TestingTime"), sub, grey, 160, tops[0] + 130);
        }
        syringeIcon(g, 70, tops[1], new Color(0x43A047));
        text(g, "新冠疫苗", caption, grey, 160, tops[1] + 24);
        text(g, f.get("Vaccination"), font(serif, Font.BOLD, 36), ink, 160, tops[1] + 78);
        text(g, "接种日期 " + f.get("VaccinationTime"), sub, grey, 160, tops[1] + 128);
        pinIcon(g, 70, tops[2], new Color(0xFB8C00));
        text(g, "最近扫码场所", caption, grey, 160, tops[2] + 24);
        text(g, f.get("SpotName"), font(serif, Font.BOLD, 34), ink, 160, tops[2] + 78);
        roundCard(g, 174, 1210, 480, 540, 40);
        g.setColor(qr);
        g.setStroke(new BasicStroke(12f));
        g.drawRoundRect(218, 1238, 392, 392, 48, 48);
        g.setStroke(new BasicStroke(1f));
        drawQr(g, qr, 234, 1254, 360, random);
        centred(g, WORDS.get(f.get("Color")), font(sans, Font.BOLD, 44), qr, w / 2, 1702);
        g.dispose();
        return img;
    }

    /**
     * A tall 1080 × 2400 page: a vertical orange-to-crimson gradient header with the title, its English gloss, the
     * name and the masked number in white; a white card over the header's foot with a status chip (a ticked disc and
     * the colour's word) over the QR code, and the time split in two, the date with its weekday over a large clock;
     * the records in a table whose rows alternate in shade, labels left and values flush right; below the fold a
     * notice and a list of services (行程卡, 场所码, ...) with drawn icons and chevrons that hold no field.
     */
    private static BufferedImage drawChongqing(Map<String, String> f, Random random) {
        int w = 1080;
        int h = 2400;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF4F5F7));
        String sans = CjkFonts.SANS_SC;
        Color ink = new Color(0x1F1F1F);
        Color grey = new Color(0x8C8C8C);
        Color qr = QR_COLOURS.get(f.get("Color"));
        String tested = f.get("TestingResult");
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0xFF8A3D), 0, 620, new Color(0xC8102E)));
        g.fillRect(0, 0, w, 620);
        phoneStatusBar(g, w, 64, Color.WHITE);
        centred(g, "渝康码", font(sans, Font.BOLD, 56), Color.WHITE, w / 2, 170);
        centred(g, "Chongqing Health Code", font(sans, Font.PLAIN, 28), new Color(0xFFE3D6), w / 2, 215);
        text(g, f.get("Name"), font(sans, Font.BOLD, 64), Color.WHITE, 80, 330);
        text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 38), new Color(0xFFF1EA), 80, 395);
        roundedPanel(g, 50, 460, w - 100, 860, 36, Color.WHITE);
        Color chip = qr;
        g.setFont(font(sans, Font.BOLD, 44));
        int wordWidth = g.getFontMetrics().stringWidth(WORDS.get(f.get("Color")));
        int chipWidth = wordWidth + 120;
        g.setColor(new Color((chip.getRed() + 5 * 255) / 6, (chip.getGreen() + 5 * 255) / 6,
                (chip.getBlue() + 5 * 255) / 6));
        g.fillRoundRect(w / 2 - chipWidth / 2, 500, chipWidth, 76, 76, 76);
        tickedDisc(g, w / 2 - chipWidth / 2 + 22, 512, 52, chip);
        text(g, WORDS.get(f.get("Color")), font(sans, Font.BOLD, 44), chip, w / 2 - chipWidth / 2 + 90, 555);
        drawQr(g, qr, 290, 610, 500, random);
        String time = f.get("Time");
        centred(g, time.substring(0, 10) + "  " + weekday(time), font(sans, Font.PLAIN, 34), grey, w / 2, 1180);
        centred(g, time.substring(11), font(sans, Font.BOLD, 64), ink, w / 2, 1262);
        String[][] rows = {{"核酸检测结果", tested}, {"采样时间", f.get("TestingTime")},
            {"检测时效", f.get("TestingInterval")}, {"疫苗接种", f.get("Vaccination")},
            {"末次接种日期", f.get("VaccinationTime")}};
        int y = 1370;
        int k = 0;
        Font label = font(sans, Font.PLAIN, 34);
        Font value = font(sans, Font.BOLD, 38);
        for (String[] r : rows) {
            if (r[1].isEmpty()) {
                continue;
            }
            g.setColor(k % 2 == 0 ? Color.WHITE : new Color(0xE9EEF5));
            g.fillRect(50, y, w - 100, 96);
            Color valueInk = r[1].equals("阴性") ? new Color(0x237804) : r[1].equals("阳性") ? new Color(0xCF1322) : ink;
            text(g, r[0], label, new Color(0x595959), 90, y + 62);
            g.setFont(value);
            text(g, r[1], value, valueInk, w - 90 - g.getFontMetrics().stringWidth(r[1]), y + 62);
            y += 96;
            k++;
        }
        y += 50;
        g.setColor(new Color(0xFFF7E6));
        g.fillRoundRect(50, y, w - 100, 90, 20, 20);
        text(g, "温馨提示：进入公共场所请主动出示渝康码", font(sans, Font.PLAIN, 32), new Color(0xAD6800), 90, y + 58);
        y += 130;
        String[] services = {"通信行程卡", "场所码扫码记录", "核酸检测点查询", "健康码申诉", "代查亲友"};
        Color[] tints = {new Color(0x1677FF), new Color(0x13A8A8), new Color(0x722ED1), new Color(0xFA8C16),
            new Color(0xEB2F96)};
        for (int i = 0; i < services.length && y + 110 < h - 40; i++) {
            g.setColor(Color.WHITE);
            g.fillRect(50, y, w - 100, 108);
            g.setColor(tints[i]);
            g.fillRoundRect(80, y + 26, 56, 56, 16, 16);
            g.setColor(Color.WHITE);
            g.fillOval(96, y + 42, 24, 24);
            text(g, services[i], font(sans, Font.PLAIN, 36), ink, 170, y + 68);
            chevron(g, w - 100, y + 54, new Color(0xBFBFBF));
            g.setColor(new Color(0xF0F0F0));
            g.drawLine(170, y + 107, w - 50, y + 107);
            y += 108;
        }
        g.setColor(Color.BLACK);
        g.fillRoundRect(w / 2 - 140, h - 24, 280, 10, 10, 10);
        g.dispose();
        return img;
    }

    /**
     * A 1170 × 2532 page on white: a serif title with an English gloss, small grey bilingual labels over large bold
     * values (a second face, the number monospaced) beside an avatar; the QR code on a band tinted in its colour
     * under a shield chip; the update time after a bilingual label; the test's record as a vertical timeline of
     * nodes, grey label over bold value; the vaccination on a card with a drawn syringe.
     */
    private static BufferedImage drawTianjin(Map<String, String> f, Random random) {
        int w = 1170;
        int h = 2532;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, Color.WHITE);
        String sans = CjkFonts.SANS_SC;
        String serif = "Noto Serif CJK SC";
        String mono = "Noto Sans Mono CJK SC";
        Color ink = new Color(0x111111);
        Color grey = new Color(0x9B9B9B);
        Color qr = QR_COLOURS.get(f.get("Color"));
        String tested = f.get("TestingResult");
        phoneStatusBar(g, w, 70, ink);
        text(g, "天津健康码", font(serif, Font.BOLD, 60), new Color(0x0D47A1), 70, 210);
        text(g, "Tianjin Health Code", font(serif, Font.PLAIN, 32), grey, 72, 262);
        avatar(g, w - 250, 320, 170);
        Font label = font(sans, Font.PLAIN, 30);
        text(g, "姓名 Name", label, grey, 72, 350);
        text(g, f.get("Name"), font(sans, Font.BOLD, 64), ink, 70, 428);
        text(g, "证件号码 ID No.", label, grey, 72, 500);
        text(g, f.get("IDNumber"), font(mono, Font.BOLD, 46), ink, 70, 566);
        g.setColor(new Color((qr.getRed() + 6 * 255) / 7, (qr.getGreen() + 6 * 255) / 7, (qr.getBlue() + 6 * 255) / 7));
        g.fillRect(0, 620, w, 880);
        String word = WORDS.get(f.get("Color")) + " " + Map.of(SyntheticDocuments.GREEN, "Green",
                SyntheticDocuments.YELLOW, "Yellow", SyntheticDocuments.RED, "Red").get(f.get("Color"));
        g.setFont(font(sans, Font.BOLD, 48));
        int chipLeft = w / 2 - (g.getFontMetrics().stringWidth(word) + 76) / 2;
        shield(g, chipLeft, 660, 56, qr);
        text(g, word, font(sans, Font.BOLD, 48), qr, chipLeft + 76, 706);
        g.setColor(Color.WHITE);
        g.fillRoundRect(w / 2 - 310, 760, 620, 620, 40, 40);
        drawQr(g, qr, w / 2 - 280, 790, 560, random);
        text(g, "更新 Updated  " + f.get("Time"), font(sans, Font.PLAIN, 34), new Color(0x424242), 190, 1450);
        int y = 1590;
        text(g, "核酸检测 Testing", font(serif, Font.BOLD, 44), ink, 70, y);
        y += 50;
        String[][] nodes = {{"检测结果 Result", tested}, {"采样时间 Sampled", f.get("TestingTime")},
            {"检测间隔 Interval", f.get("TestingInterval")}, {"采样地点 Site", f.get("SpotName")}};
        int first = y;
        int last = y;
        for (String[] node : nodes) {
            if (node[1].isEmpty()) {
                continue;
            }
            last = y;
            g.setColor(new Color(0x1976D2));
            g.fillOval(92, y + 18, 28, 28);
            g.setColor(Color.WHITE);
            g.fillOval(101, y + 27, 10, 10);
            text(g, node[0], font(sans, Font.PLAIN, 28), grey, 160, y + 42);
            Color valueInk = node[1].equals("阴性") ? new Color(0x2E7D32)
                    : node[1].equals("阳性") ? new Color(0xC62828) : ink;
            text(g, node[1], font(sans, Font.BOLD, 46), valueInk, 160, y + 106);
            y += 150;
        }
        g.setColor(new Color(0x90CAF9));
        g.setStroke(new BasicStroke(4f));
        g.drawLine(106, first + 50, 106, last + 18);
        g.setStroke(new BasicStroke(1f));
        y += 20;
        g.setColor(new Color(0xF3F6FA));
        g.fillRoundRect(60, y, w - 120, 230, 30, 30);
        syringe(g, 100, y + 40, 80, new Color(0x00897B));
        text(g, "疫苗接种 Vaccination", font(sans, Font.PLAIN, 28), grey, 220, y + 62);
        text(g, f.get("Vaccination"), font(sans, Font.BOLD, 46), ink, 220, y + 126);
        text(g, "接种日期 Date  " + f.get("VaccinationTime"), font(sans, Font.PLAIN, 32), new Color(0x555555), 220,
                y + 190);
        g.setColor(Color.BLACK);
        g.fillRoundRect(w / 2 - 150, h - 26, 300, 10, 10, 10);
        g.dispose();
        return img;
    }

    /**
     * A small 720 × 1280 page in thin print: a label-less name and the number in light grey on a white card with the
     * colour's word on a filled chip; the QR code in a frame of its colour; the time with its weekday after it; the
     * records as cards with drawn icons, two to a row where they fit, a small light-grey label over a regular value.
     */
    private static BufferedImage drawJilin(Map<String, String> f, Random random) {
        int w = 720;
        int h = 1280;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF0F4F8));
        String sans = CjkFonts.SANS_SC;
        Color ink = new Color(0x505A64);
        Color light = new Color(0xA7B0BA);
        Color qr = QR_COLOURS.get(f.get("Color"));
        String tested = f.get("TestingResult");
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, 110);
        phoneStatusBar(g, w, 40, new Color(0x333333));
        centred(g, "吉祥码", font(sans, Font.BOLD, 32), new Color(0x1565C0), w / 2, 92);
        smiley(g, w / 2 + 72, 62, 26);
        roundedPanel(g, 24, 128, w - 48, 540, 24, Color.WHITE);
        text(g, f.get("Name"), font(sans, Font.BOLD, 36), new Color(0x2B2B2B), 52, 186);
        text(g, f.get("IDNumber"), font(sans, Font.PLAIN, 22), light, 52, 222);
        g.setFont(font(sans, Font.BOLD, 24));
        int chipWidth = g.getFontMetrics().stringWidth(WORDS.get(f.get("Color"))) + 56;
        g.setColor(qr);
        g.fillRoundRect(w - 52 - chipWidth, 156, chipWidth, 44, 12, 12);
        g.setColor(Color.WHITE);
        g.fillOval(w - 52 - chipWidth + 12, 170, 16, 16);
        text(g, WORDS.get(f.get("Color")), font(sans, Font.BOLD, 24), Color.WHITE, w - 52 - chipWidth + 38, 187);
        g.setColor(qr);
        g.setStroke(new BasicStroke(4f));
        g.drawRoundRect(w / 2 - 180, 250, 360, 360, 20, 20);
        g.setStroke(new BasicStroke(1f));
        drawQr(g, qr, w / 2 - 165, 265, 330, random);
        String time = f.get("Time");
        centred(g, time + " " + weekday(time), font(sans, Font.PLAIN, 22), light, w / 2, 646);
        int y = 688;
        int half = (w - 48 - 12) / 2;
        String[][][] cardRows = tested.length() > 2
                ? new String[][][] {{{"tube", "核酸结果", tested}}, {{"syringe", "疫苗接种", f.get("Vaccination")},
                    {"calendar", "接种日期", f.get("VaccinationTime")}}, {{"pin", "场所码", f.get("SpotName")}}}
                : new String[][][] {{{"tube", "核酸结果", tested}, {"clock", "检测时效", f.get("TestingInterval")}},
                    {{"calendar", "采样时间", f.get("TestingTime")}}, {{"syringe", "疫苗接种", f.get("Vaccination")},
                        {"calendar", "接种日期", f.get("VaccinationTime")}}, {{"pin", "场所码", f.get("SpotName")}}};
        for (String[][] cardRow : cardRows) {
            int width = cardRow.length == 1 ? w - 48 : half;
            for (int i = 0; i < cardRow.length; i++) {
                int x = 24 + i * (half + 12);
                g.setColor(Color.WHITE);
                g.fillRoundRect(x, y, width, 100, 18, 18);
                cardIcon(g, cardRow[i][0], x + 16, y + 26, 48, new Color(0x42A5F5));
                text(g, cardRow[i][1], font(sans, Font.PLAIN, 18), light, x + 80, y + 40);
                String v = cardRow[i][2];
                Color valueInk = v.equals("阴性") ? new Color(0x43A047) : v.equals("阳性") ? new Color(0xE53935) : ink;
                text(g, v, font(sans, Font.PLAIN, v.length() > 8 && width < w / 2 ? 22 : 26), valueInk, x + 80, y + 78);
            }
            y += 112;
        }
        centred(g, "本码仅限本人使用 · 请勿转发", font(sans, Font.PLAIN, 18), light, w / 2, Math.max(y + 30, 1200));
        g.setColor(Color.BLACK);
        g.fillRoundRect(w / 2 - 100, h - 18, 200, 8, 8, 8);
        g.dispose();
        return img;
    }

    /**
     * A 1920 × 1080 desktop screenshot: the code as a mini-program in a window on a grey-blue desktop above a taskbar,
     * the window's title bar with its small title and drawn controls; the colour's word on a chip over the QR code at
     * the left, the update time under it; to its right the fields in a grid of thin rules, two label-value pairs to a
     * row, each label right-aligned in a shaded cell and its value left-aligned in the next; the window's lower half
     * empty but for a footer.
     */
    private static BufferedImage drawNingxia(Map<String, String> f, Random random) {
        int w = 1920;
        int h = 1080;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xD3DCE6));
        String sans = CjkFonts.SANS_SC;
        Color ink = new Color(0x262626);
        Color grey = new Color(0x8C8C8C);
        Color qr = QR_COLOURS.get(f.get("Color"));
        String tested = f.get("TestingResult");
        g.setColor(new Color(0x1F2A36));
        g.fillRect(0, h - 48, w, 48);
        Color[] apps = {new Color(0x3B82F6), new Color(0x07C160), new Color(0xF59E0B), new Color(0x8B5CF6)};
        for (int i = 0; i < apps.length; i++) {
            g.setColor(apps[i]);
            g.fillRoundRect(24 + i * 56, h - 40, 32, 32, 8, 8);
        }
        text(g, "21:03", font(sans, Font.PLAIN, 18), new Color(0xE5E7EB), w - 80, h - 18);
        int wx = 120;
        int wy = 40;
        int ww = 1680;
        int wh = 960;
        g.setColor(new Color(0, 0, 0, 30));
        g.fillRect(wx + 4, wy + 8, ww, wh);
        g.setColor(Color.WHITE);
        g.fillRect(wx, wy, ww, wh);
        g.setColor(new Color(0xF3F3F3));
        g.fillRect(wx, wy, ww, 52);
        g.setColor(new Color(0x0E7C66));
        g.fillRoundRect(wx + 16, wy + 12, 28, 28, 8, 8);
        g.setColor(Color.WHITE);
        g.fillOval(wx + 24, wy + 20, 12, 12);
        text(g, "宁夏健康码 · 小程序", font(sans, Font.PLAIN, 20), new Color(0x595959), wx + 56, wy + 34);
        g.setColor(new Color(0x595959));
        g.setStroke(new BasicStroke(2f));
        int controls = wx + ww - 150;
        g.drawLine(controls, wy + 26, controls + 16, wy + 26);
        g.drawRect(controls + 52, wy + 18, 16, 16);
        g.drawLine(controls + 104, wy + 18, controls + 120, wy + 34);
        g.drawLine(controls + 120, wy + 18, controls + 104, wy + 34);
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(0x0E7C66));
        g.fillRect(wx, wy + 52, ww, 88);
        text(g, "宁夏健康码", font(sans, Font.BOLD, 38), Color.WHITE, wx + 48, wy + 110);
        g.setColor(Color.WHITE);
        g.drawRoundRect(wx + ww - 170, wy + 74, 120, 44, 44, 44);
        centred(g, "刷新", font(sans, Font.PLAIN, 22), Color.WHITE, wx + ww - 110, wy + 104);
        int qrLeft = wx + 90;
        int qrSize = 400;
        pill(g, WORDS.get(f.get("Color")), font(sans, Font.BOLD, 30), qr, Color.WHITE, qrLeft + qrSize / 2, wy + 210);
        g.setColor(new Color(0xE8E8E8));
        g.drawRect(qrLeft - 1, wy + 239, qrSize + 1, qrSize + 1);
        drawQr(g, qr, qrLeft, wy + 240, qrSize, random);
        centred(g, "更新时间 " + f.get("Time"), font(sans, Font.PLAIN, 24), grey, qrLeft + qrSize / 2, wy + 690);
        String[][] pairs = {{"姓名", f.get("Name")}, {"证件号码", f.get("IDNumber")}, {"核酸结果", tested},
            {"检测间隔", f.get("TestingInterval")}, {"采样时间", f.get("TestingTime")}, {"场所名称", f.get("SpotName")},
            {"疫苗接种", f.get("Vaccination")}, {"接种日期", f.get("VaccinationTime")}};
        int left = wx + 580;
        int right = wx + ww - 60;
        int top = wy + 180;
        int rowHeight = 78;
        int pair = (right - left) / 2;
        int labelCell = 170;
        Font label = font(sans, Font.PLAIN, 24);
        Font value = font(sans, Font.PLAIN, 28);
        int k = 0;
        for (String[] p : pairs) {
            if (p[1].isEmpty()) {
                continue;
            }
            int x = left + k % 2 * pair;
            int y = top + k / 2 * rowHeight;
            g.setColor(new Color(0xF5F7FA));
            g.fillRect(x, y, labelCell, rowHeight);
            g.setFont(label);
            text(g, p[0], label, grey, x + labelCell - 18 - g.getFontMetrics().stringWidth(p[0]), y + 48);
            Color valueInk = p[1].equals("阴性") ? new Color(0x389E0D) : p[1].equals("阳性") ? new Color(0xCF1322) : ink;
            text(g, p[1], value, valueInk, x + labelCell + 20, y + 49);
            k++;
        }
        int rows = (k + 1) / 2;
        g.setColor(new Color(0xD9D9D9));
        for (int i = 0; i <= rows; i++) {
            g.drawLine(left, top + i * rowHeight, right, top + i * rowHeight);
        }
        for (int x : new int[] {left, left + labelCell, left + pair, left + pair + labelCell, right}) {
            g.drawLine(x, top, x, top + rows * rowHeight);
        }
        centred(g, "数据来源：宁夏回族自治区卫生健康委员会", font(sans, Font.PLAIN, 20), new Color(0xBFBFBF), wx + ww / 2,
                wy + wh - 40);
        g.dispose();
        return img;
    }

    /**
     * A 1125 × 2436 page on warm paper under a phone's notification banner, dark and half-transparent over the
     * status bar and the title, with an app's name, a clock time and a chat message of no field's shape; the values in
     * a large serif (the name at 88 px, the result at 80 px) under small sans labels, the number in a lighter serif;
     * the colour's word in serif over the QR code on a white card; buttons that hold no field at the foot.
     */
    private static BufferedImage drawGansu(Map<String, String> f, Random random) {
        int w = 1125;
        int h = 2436;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xFBF8F3));
        String sans = CjkFonts.SANS_SC;
        String serif = "Noto Serif CJK SC";
        Color ink = new Color(0x1C1C1C);
        Color grey = new Color(0x8E8A84);
        Color qr = QR_COLOURS.get(f.get("Color"));
        String tested = f.get("TestingResult");
        phoneStatusBar(g, w, 88, ink);
        centred(g, "甘肃健康码", font(serif, Font.BOLD, 58), new Color(0x8B1A1A), w / 2, 230);
        centred(g, "请主动向工作人员出示", font(sans, Font.PLAIN, 28), grey, w / 2, 285);
        Font label = font(sans, Font.PLAIN, 28);
        text(g, "姓名", label, grey, 92, 390);
        text(g, f.get("Name"), font(serif, Font.BOLD, 88), ink, 86, 492);
        text(g, "证件号码", label, grey, 92, 572);
        text(g, f.get("IDNumber"), font(serif, Font.PLAIN, 50), ink, 88, 640);
        roundedPanel(g, 162, 700, w - 324, 830, 40, Color.WHITE);
        centred(g, WORDS.get(f.get("Color")), font(serif, Font.BOLD, 50), qr, w / 2, 790);
        drawQr(g, qr, w / 2 - 290, 830, 580, random);
        centred(g, "更新于 " + f.get("Time"), font(sans, Font.PLAIN, 32), grey, w / 2, 1495);
        int y = 1620;
        Color result = tested.equals("阴性") ? new Color(0x2E7D32) : tested.equals("阳性") ? new Color(0xB71C1C) : ink;
        text(g, "核酸检测结果", label, grey, 92, y);
        text(g, tested, font(serif, Font.BOLD, tested.length() > 2 ? 64 : 80), result, 86, y + 96);
        if (!f.get("TestingInterval").isEmpty()) {
            text(g, "检测间隔", label, grey, 640, y);
            text(g, f.get("TestingInterval"), font(serif, Font.BOLD, 60), ink, 636, y + 90);
        }
        y += 170;
        if (!f.get("TestingTime").isEmpty()) {
            text(g, "采样时间", label, grey, 92, y);
            text(g, f.get("TestingTime"), font(serif, Font.BOLD, 52), ink, 88, y + 76);
            y += 150;
        }
        text(g, "疫苗接种", label, grey, 92, y);
        text(g, f.get("Vaccination"), font(serif, Font.BOLD, 52), ink, 88, y + 76);
        text(g, "接种日期", label, grey, 640, y);
        text(g, f.get("VaccinationTime"), font(serif, Font.BOLD, 48), ink, 636, y + 76);
        y += 150;
        text(g, "场所名称", label, grey, 92, y);
        text(g, f.get("SpotName"), font(serif, Font.BOLD, 52), ink, 88, y + 76);
        y += 150;
        for (String button : new String[] {"核酸检测记录", "疫苗接种记录"}) {
            if (y + 100 > h - 60) {
                break;
            }
            g.setColor(new Color(0xF0E9DF));
            g.fillRoundRect(92, y, w - 184, 100, 50, 50);
            centred(g, button, font(sans, Font.PLAIN, 34), new Color(0x6D4C41), w / 2, y + 62);
            y += 130;
        }
        g.setColor(Color.BLACK);
        g.fillRoundRect(w / 2 - 140, h - 24, 280, 10, 10, 10);
        // The banner last, over what is drawn: half-transparent, so the title shows through it.
        g.setColor(new Color(28, 28, 30, 170));
        g.fillRoundRect(30, 70, w - 60, 210, 48, 48);
        g.setColor(new Color(0x07C160));
        g.fillRoundRect(66, 106, 80, 80, 20, 20);
        g.setColor(Color.WHITE);
        g.fillOval(80, 124, 36, 30);
        g.fillOval(102, 136, 32, 26);
        text(g, "微信", font(sans, Font.BOLD, 32), Color.WHITE, 172, 138);
        text(g, "21:03", font(sans, Font.PLAIN, 28), new Color(0xD0D0D0), w - 150, 138);
        text(g, "李老师：明天上午的班会改到三楼会议室", font(sans, Font.PLAIN, 34), Color.WHITE, 172, 196);
        text(g, "收到请回复", font(sans, Font.PLAIN, 30), new Color(0xE0E0E0), 172, 246);
        g.dispose();
        return img;
    }

    /**
     * A 1536 × 2048 tablet page in two columns under a blue band: at the left the colour's word on a chip with a
     * ticked disc over the QR code and the update time under its small label; at the right a grid of thin rules, each
     * cell a small grey label centred over its value; under both a row of service tiles and much empty page; a
     * half-transparent toast ("已截屏") over the band's foot.
     */
    private static BufferedImage drawHebei(Map<String, String> f, Random random) {
        int w = 1536;
        int h = 2048;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xEEF2F6));
        String sans = CjkFonts.SANS_SC;
        Color ink = new Color(0x1A2433);
        Color grey = new Color(0x8A94A3);
        Color qr = QR_COLOURS.get(f.get("Color"));
        String tested = f.get("TestingResult");
        Color band = new Color(0x1554AD);
        g.setColor(band);
        g.fillRect(0, 0, w, 260);
        phoneStatusBar(g, w, 48, Color.WHITE);
        text(g, "河北健康码", font(sans, Font.BOLD, 60), Color.WHITE, 96, 170);
        g.setFont(font(sans, Font.PLAIN, 32));
        text(g, "冀时办", font(sans, Font.PLAIN, 32), new Color(0xCFE0F7), w - 96 - g.getFontMetrics().stringWidth("冀时办"),
                166);
        roundedPanel(g, 64, 320, 672, 960, 28, Color.WHITE);
        String word = WORDS.get(f.get("Color"));
        g.setFont(font(sans, Font.BOLD, 40));
        int chipWidth = g.getFontMetrics().stringWidth(word) + 110;
        g.setColor(new Color((qr.getRed() + 5 * 255) / 6, (qr.getGreen() + 5 * 255) / 6, (qr.getBlue() + 5 * 255) / 6));
        g.fillRoundRect(400 - chipWidth / 2, 370, chipWidth, 70, 70, 70);
        tickedDisc(g, 400 - chipWidth / 2 + 18, 381, 48, qr);
        text(g, word, font(sans, Font.BOLD, 40), qr, 400 - chipWidth / 2 + 80, 420);
        drawQr(g, qr, 140, 480, 520, random);
        centred(g, "更新时间", font(sans, Font.PLAIN, 26), grey, 400, 1080);
        centred(g, f.get("Time"), font(sans, Font.BOLD, 38), ink, 400, 1140);
        roundedPanel(g, 800, 320, 672, 960, 28, Color.WHITE);
        String[][] cells = {{"姓名", f.get("Name")}, {"核酸结果", tested}, {"证件号码", f.get("IDNumber")},
            {"检测间隔", f.get("TestingInterval")}, {"接种日期", f.get("VaccinationTime")},
            {"采样时间", f.get("TestingTime")}, {"疫苗接种", f.get("Vaccination")}};
        int left = 830;
        int top = 350;
        int cellWidth = 306;
        int cellHeight = 170;
        // Half-row cells fill a row two at a time; a value too long for half a row takes a whole one.
        int slot = 0;
        g.setColor(new Color(0xDCE1E8));
        for (String[] c : cells) {
            if (c[1].isEmpty()) {
                continue;
            }
            Font value = font(sans, Font.BOLD, 40);
            g.setFont(value);
            boolean whole = g.getFontMetrics().stringWidth(c[1]) > cellWidth - 28;
            if (whole && slot % 2 == 1) {
                slot++;
            }
            int y = top + slot / 2 * cellHeight;
            int centre = whole ? left + cellWidth : left + slot % 2 * cellWidth + cellWidth / 2;
            centred(g, c[0], font(sans, Font.PLAIN, 26), grey, centre, y + 64);
            Color valueInk = c[1].equals("阴性") ? new Color(0x1B873F) : c[1].equals("阳性") ? new Color(0xC62828) : ink;
            centred(g, c[1], value, valueInk, centre, y + 128);
            g.setColor(new Color(0xDCE1E8));
            if (slot > 1 && slot % 2 == 0) {
                g.drawLine(left, y, left + 2 * cellWidth, y);
            }
            if (slot % 2 == 1) {
                g.drawLine(left + cellWidth, y + 20, left + cellWidth, y + cellHeight - 20);
            }
            slot += whole ? 2 : 1;
        }
        String[] services = {"行程卡", "场所码", "核酸检测点", "疫苗预约"};
        Color[] tints = {new Color(0x2F80ED), new Color(0x27AE60), new Color(0x9B51E0), new Color(0xF2994A)};
        int each = (w - 128) / services.length;
        for (int i = 0; i < services.length; i++) {
            int centre = 64 + each * i + each / 2;
            g.setColor(tints[i]);
            g.fillRoundRect(centre - 44, 1360, 88, 88, 26, 26);
            g.setColor(Color.WHITE);
            g.fillOval(centre - 16, 1388, 32, 32);
            centred(g, services[i], font(sans, Font.PLAIN, 30), new Color(0x4A5568), centre, 1500);
        }
        centred(g, "本页面仅供出示，请勿截图转发", font(sans, Font.PLAIN, 24), new Color(0xA0AEC0), w / 2, 1940);
        // The toast last, half-transparent over the band's foot and the gap under it.
        g.setFont(font(sans, Font.PLAIN, 32));
        String toast = "已截屏，可在相册中查看";
        int toastWidth = g.getFontMetrics().stringWidth(toast) + 80;
        g.setColor(new Color(20, 20, 20, 160));
        g.fillRoundRect(w / 2 - toastWidth / 2, 226, toastWidth, 80, 40, 40);
        centred(g, toast, font(sans, Font.PLAIN, 32), Color.WHITE, w / 2, 278);
        g.dispose();
        return img;
    }

    /**
     * A 1242 × 2688 page in dark mode: the name large with no label, the number as one label-colon-value string, the
     * QR code on a dark card over a chip filled with the code's colour, the refresh time followed by its weekday; the
     * records in a bordered two-column table with shaded label cells and a phone number among them; two outlined
     * service buttons at the foot.
     */
    private static BufferedImage drawShanxi(Map<String, String> f, Random random) {
        int w = 1242;
        int h = 2688;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0x101214));
        String sans = CjkFonts.SANS_SC;
        Color white = new Color(0xF2F3F5);
        Color grey = new Color(0x9AA0A8);
        Color qr = QR_COLOURS.get(f.get("Color"));
        phoneStatusBar(g, w, 84, white);
        text(g, "山西健康码", font(sans, Font.BOLD, 54), white, 72, 190);
        g.setFont(font(sans, Font.PLAIN, 34));
        text(g, "三晋通", font(sans, Font.PLAIN, 34), grey, w - 72 - g.getFontMetrics().stringWidth("三晋通"), 186);
        g.setColor(new Color(0x1C1F24));
        g.fillRoundRect(60, 250, w - 120, 1300, 40, 40);
        text(g, f.get("Name"), font(sans, Font.BOLD, 76), white, 120, 380);
        text(g, "身份证号：" + f.get("IDNumber"), font(sans, Font.PLAIN, 40), grey, 120, 456);
        g.setColor(Color.WHITE);
        g.fillRoundRect(w / 2 - 390, 520, 780, 780, 24, 24);
        drawQr(g, qr, w / 2 - 360, 550, 720, random);
        String word = WORDS.get(f.get("Color"));
        pill(g, word, font(sans, Font.BOLD, 48), qr, Color.WHITE, w / 2, 1392);
        centred(g, "刷新时间 " + f.get("Time") + " " + weekday(f.get("Time")), font(sans, Font.PLAIN, 34), grey, w / 2,
                1490);
        String[][] rows = {{"手机号码", "138****1234"}, {"核酸检测结果", f.get("TestingResult")},
            {"检测时间", f.get("TestingTime")}, {"检测间隔", f.get("TestingInterval")},
            {"疫苗接种", f.get("Vaccination")}, {"接种时间", f.get("VaccinationTime")}};
        int left = 60;
        int split = 440;
        int right = w - 60;
        int y = 1610;
        int rowHeight = 112;
        Color rule = new Color(0x3A3F47);
        for (String[] row : rows) {
            if (row[1].isEmpty()) {
                continue;
            }
            g.setColor(new Color(0x262A31));
            g.fillRect(left, y, split - left, rowHeight);
            g.setColor(new Color(0x1A1D22));
            g.fillRect(split, y, right - split, rowHeight);
            g.setColor(rule);
            g.drawRect(left, y, right - left, rowHeight);
            g.drawLine(split, y, split, y + rowHeight);
            text(g, row[0], font(sans, Font.PLAIN, 36), new Color(0xA9B4C2), left + 36, y + 70);
            Color ink = row[1].equals("阴性") ? new Color(0x4CD964) : row[1].equals("阳性") ? new Color(0xFF5A5A) : white;
            text(g, row[1], font(sans, Font.BOLD, 42), ink, split + 40, y + 72);
            y += rowHeight;
        }
        String[] buttons = {"通信行程卡", "核酸采样码"};
        int each = (w - 180) / 2;
        for (int i = 0; i < buttons.length; i++) {
            int x = 60 + i * (each + 60);
            g.setColor(new Color(0x4C8DF6));
            g.setStroke(new BasicStroke(3f));
            g.drawRoundRect(x, 2380, each, 110, 110, 110);
            g.setStroke(new BasicStroke(1f));
            centred(g, buttons[i], font(sans, Font.PLAIN, 40), new Color(0x4C8DF6), x + each / 2, 2450);
        }
        g.setColor(white);
        g.fillRoundRect(w / 2 - 200, h - 40, 400, 12, 12, 12);
        g.dispose();
        return img;
    }

    /**
     * A 1080 × 1920 page under an orange-to-red header that names the place scanned with a pin and the time of
     * registering with slashes; the QR code beside a square chip of its colour with the colour's word in white; the
     * records in a serif face, labels right-aligned with full-width colons against a column, values left-aligned
     * after it.
     */
    private static BufferedImage drawJiangxi(Map<String, String> f, Random random) {
        int w = 1080;
        int h = 1920;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xFAF6F0));
        String sans = CjkFonts.SANS_SC;
        String serif = "Noto Serif CJK SC";
        Color ink = new Color(0x2B2118);
        Color grey = new Color(0x8C8278);
        Color qr = QR_COLOURS.get(f.get("Color"));
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0xD9480F), w, 420, new Color(0xF08C00)));
        g.fillRect(0, 0, w, 420);
        phoneStatusBar(g, w, 60, Color.WHITE);
        centred(g, "赣通码", font(sans, Font.BOLD, 52), Color.WHITE, w / 2, 150);
        centred(g, "江西省健康码 · 场所码", font(sans, Font.PLAIN, 30), new Color(0xFFE8D6), w / 2, 204);
        g.setColor(Color.WHITE);
        g.fillOval(60, 254, 40, 40);
        g.fillPolygon(new int[] {64, 96, 80}, new int[] {282, 282, 316}, 3);
        g.setColor(new Color(0xE8590C));
        g.fillOval(72, 266, 16, 16);
        text(g, "场所：" + f.get("SpotName"), font(sans, Font.BOLD, 40), Color.WHITE, 120, 300);
        text(g, "登记时间 " + slashed(f.get("Time")), font(sans, Font.PLAIN, 30), new Color(0xFFE8D6), 120, 360);
        roundCard(g, 40, 450, w - 80, 560, 28);
        drawQr(g, qr, 90, 490, 480, random);
        g.setColor(qr);
        g.fillRoundRect(640, 560, 320, 220, 20, 20);
        centred(g, WORDS.get(f.get("Color")), font(sans, Font.BOLD, 72), Color.WHITE, 800, 700);
        centred(g, "请向工作人员出示", font(sans, Font.PLAIN, 30), grey, 800, 850);
        roundCard(g, 40, 1050, w - 80, 700, 28);
        String[][] rows = {{"姓名", f.get("Name")}, {"证件号码", f.get("IDNumber")},
            {"核酸检测结果", f.get("TestingResult")}, {"采样时间", f.get("TestingTime")},
            {"检测间隔", f.get("TestingInterval")}, {"接种情况", f.get("Vaccination")},
            {"接种时间", f.get("VaccinationTime")}};
        Font label = font(sans, Font.PLAIN, 34);
        Font value = font(serif, Font.BOLD, 40);
        int column = 360;
        int y = 1130;
        for (String[] row : rows) {
            if (row[1].isEmpty()) {
                continue;
            }
            g.setFont(label);
            String l = row[0] + "：";
            text(g, l, label, grey, column - g.getFontMetrics().stringWidth(l), y);
            text(g, row[1], value, row[1].equals("阳性") ? new Color(0xC92A2A) : ink, column + 16, y);
            y += 88;
        }
        centred(g, "江西省卫生健康委员会", font(sans, Font.PLAIN, 24), new Color(0xB5AA9E), w / 2, h - 60);
        g.dispose();
        return img;
    }

    /**
     * A small 640 × 1136 page: a blue navigation band with a notice strip under it, the name and the number as
     * label-colon-value strings with ASCII colons beside an avatar, the QR code in a thick frame of its colour over
     * the colour's word and a refresh time; four records as tinted tiles (the value over its label), the sampling time
     * on a row with a clock icon, a bottom tab bar; a Hong Kong-style face.
     */
    private static BufferedImage drawHeilongjiang(Map<String, String> f, Random random) {
        int w = 640;
        int h = 1136;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xEEF3FA));
        String hk = "Noto Sans CJK HK";
        Color blue = new Color(0x1B5FBF);
        Color ink = new Color(0x1F2D3D);
        Color grey = new Color(0x7A8699);
        Color qr = QR_COLOURS.get(f.get("Color"));
        g.setColor(blue);
        g.fillRect(0, 0, w, 128);
        statusBar(g, w, blue, Color.WHITE);
        centred(g, "黑龙江省全省健康码", font(hk, Font.BOLD, 28), Color.WHITE, w / 2, 100);
        g.setColor(new Color(0xFFF8DC));
        g.fillRect(0, 128, w, 36);
        text(g, "通知：请每日更新健康状态，如实申报", font(hk, Font.PLAIN, 18), new Color(0x9C6500), 20, 153);
        text(g, "姓名:" + f.get("Name"), font(hk, Font.BOLD, 26), ink, 30, 206);
        text(g, "证件号:" + f.get("IDNumber"), font(hk, Font.PLAIN, 22), ink, 30, 244);
        avatar(g, 530, 176, 80);
        g.setColor(qr);
        g.fillRoundRect(180, 272, 280, 280, 16, 16);
        drawQr(g, qr, 192, 284, 256, random);
        centred(g, WORDS.get(f.get("Color")), font(hk, Font.BOLD, 30), qr, w / 2, 594);
        centred(g, "刷新于 " + f.get("Time"), font(hk, Font.PLAIN, 18), grey, w / 2, 624);
        String[][] tiles = {{f.get("TestingResult"), "核酸结果"}, {f.get("TestingInterval"), "检测间隔"},
            {f.get("Vaccination"), "疫苗接种"}, {f.get("VaccinationTime"), "接种日期"}};
        Color[] tints = {new Color(0xE3F0FF), new Color(0xE8F7EE), new Color(0xFFF1E0), new Color(0xF1E8FF)};
        int slot = 0;
        for (int i = 0; i < tiles.length; i++) {
            if (tiles[i][0].isEmpty()) {
                continue;
            }
            int x = 24 + slot % 2 * 304;
            int y = 648 + slot / 2 * 122;
            g.setColor(tints[i]);
            g.fillRoundRect(x, y, 288, 110, 18, 18);
            centred(g, tiles[i][0], font(hk, Font.BOLD, 26), ink, x + 144, y + 52);
            centred(g, tiles[i][1], font(hk, Font.PLAIN, 18), grey, x + 144, y + 88);
            slot++;
        }
        if (!f.get("TestingTime").isEmpty()) {
            cardIcon(g, "clock", 24, 904, 44, blue);
            text(g, "采样时间 " + f.get("TestingTime"), font(hk, Font.PLAIN, 22), ink, 82, 934);
        }
        tabBar(g, w, 1036, h, new String[] {"首页", "码上办", "我的"}, 0, blue);
        g.dispose();
        return img;
    }

    /**
     * A tall 1440 × 3200 page on a teal-to-pale gradient, everything centred on one large white card: the name with
     * no label, the number after its label and a space, the QR code over the colour's word in large coloured print;
     * under a dashed rule the records as centred label-colon-value lines, the label grey, the value dark; a button to
     * the travel card.
     */
    private static BufferedImage drawXinjiang(Map<String, String> f, Random random) {
        int w = 1440;
        int h = 3200;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, Color.WHITE);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0x0E8C7F), 0, 1400, new Color(0xE8F5F2)));
        g.fillRect(0, 0, w, h);
        String sans = CjkFonts.SANS_SC;
        Color ink = new Color(0x1D2B2A);
        Color grey = new Color(0x84908F);
        Color qr = QR_COLOURS.get(f.get("Color"));
        phoneStatusBar(g, w, 96, Color.WHITE);
        centred(g, "新疆健康码", font(sans, Font.BOLD, 80), Color.WHITE, w / 2, 260);
        centred(g, "新疆政务服务", font(sans, Font.PLAIN, 40), new Color(0xD8F3EE), w / 2, 330);
        roundCard(g, 100, 420, w - 200, 2520, 60);
        centred(g, f.get("Name"), font(sans, Font.BOLD, 96), ink, w / 2, 600);
        centred(g, "证件号码 " + f.get("IDNumber"), font(sans, Font.PLAIN, 48), grey, w / 2, 690);
        drawQr(g, qr, w / 2 - 380, 760, 760, random);
        centred(g, WORDS.get(f.get("Color")), font(sans, Font.BOLD, 88), qr, w / 2, 1660);
        centred(g, "更新时间：" + f.get("Time"), font(sans, Font.PLAIN, 44), grey, w / 2, 1750);
        g.setColor(new Color(0xC9D6D4));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {18f, 12f}, 0f));
        g.drawLine(180, 1820, w - 180, 1820);
        g.setStroke(new BasicStroke(1f));
        String[][] lines = {{"核酸检测", f.get("TestingResult")}, {"检测间隔", f.get("TestingInterval")},
            {"检测时间", f.get("TestingTime")}, {"接种情况", f.get("Vaccination")},
            {"接种时间", f.get("VaccinationTime")}, {"场所", f.get("SpotName")}};
        Font label = font(sans, Font.PLAIN, 54);
        Font value = font(sans, Font.BOLD, 56);
        int y = 1950;
        for (String[] line : lines) {
            if (line[1].isEmpty()) {
                continue;
            }
            String l = line[0] + "：";
            int width = g.getFontMetrics(label).stringWidth(l) + g.getFontMetrics(value).stringWidth(line[1]);
            int x = w / 2 - width / 2;
            text(g, l, label, grey, x, y);
            text(g, line[1], value, line[1].equals("阳性") ? new Color(0xD32F2F) : ink,
                    x + g.getFontMetrics(label).stringWidth(l), y);
            y += 112;
        }
        g.setColor(new Color(0x0E8C7F));
        g.setStroke(new BasicStroke(4f));
        g.drawRoundRect(w / 2 - 360, 2720, 720, 130, 130, 130);
        g.setStroke(new BasicStroke(1f));
        centred(g, "查看通信行程卡", font(sans, Font.PLAIN, 50), new Color(0x0E8C7F), w / 2, 2803);
        centred(g, "数据来源：全国一体化政务服务平台", font(sans, Font.PLAIN, 34), grey, w / 2, 3060);
        g.dispose();
        return img;
    }

    /** The weekday of a {@code 2022-02-06 ...} time as phone apps print it, {@code 星期日}. */
    private static String weekday(String time) {
        int day = java.time.LocalDate.parse(time.substring(0, 10)).getDayOfWeek().getValue();
        return "星期" + "一二三四五六日".charAt(day - 1);
    }

    /** A phone's status bar of {@code height} over what is already drawn: the time left, signal and battery right. */
    private static void phoneStatusBar(Graphics2D g, int w, int height, Color ink) {
        int size = height * 3 / 7;
        text(g, "9:41", font(CjkFonts.SANS_SC, Font.BOLD, size), ink, height, height * 5 / 7);
        g.setColor(ink);
        int battery = height * 4 / 5;
        g.drawRoundRect(w - height - battery, height / 3, battery, height / 3, 6, 6);
        g.fillRoundRect(w - height - battery + 3, height / 3 + 3, battery * 3 / 4, height / 3 - 5, 4, 4);
        for (int i = 0; i < 4; i++) {
            g.fillRect(w - 2 * height - battery + i * height / 7, height * 2 / 3 - i * height / 12, height / 10,
                    height / 12 + i * height / 12);
        }
    }

    /** A filled panel with rounded corners over a faint shadow below it. */
    private static void roundedPanel(Graphics2D g, int x, int y, int width, int height, int radius, Color fill) {
        g.setColor(new Color(0, 0, 0, 14));
        g.fillRoundRect(x, y + 6, width, height, radius, radius);
        g.setColor(fill);
        g.fillRoundRect(x, y, width, height, radius, radius);
    }

    /** A disc of {@code colour} with a white tick in it, as a status chip's icon. */
    private static void tickedDisc(Graphics2D g, int x, int y, int size, Color colour) {
        g.setColor(colour);
        g.fillOval(x, y, size, size);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(size / 9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawPolyline(new int[] {x + size / 4, x + size * 5 / 12, x + size * 3 / 4},
                new int[] {y + size / 2, y + size * 2 / 3, y + size / 3}, 3);
        g.setStroke(new BasicStroke(1f));
    }

    /** A shield of {@code colour} with a white tick, as health apps mark a verified status. */
    private static void shield(Graphics2D g, int x, int y, int size, Color colour) {
        g.setColor(colour);
        g.fillPolygon(new int[] {x + size / 2, x + size, x + size, x + size / 2, x, x},
                new int[] {y, y + size / 6, y + size / 2, y + size, y + size / 2, y + size / 6}, 6);
        tickedDisc(g, x + size / 4, y + size / 5, size / 2, colour);
    }

    /** A syringe drawn in strokes of {@code colour} in a box of {@code size}. */
    private static void syringe(Graphics2D g, int x, int y, int size, Color colour) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(size / 14f));
        java.awt.geom.AffineTransform before = g.getTransform();
        g.rotate(Math.toRadians(45), x + size / 2.0, y + size / 2.0);
        g.drawRect(x + size * 3 / 8, y + size / 4, size / 4, size / 2);
        g.drawLine(x + size / 2, y + size * 3 / 4, x + size / 2, y + size);
        g.drawLine(x + size / 2, y + size / 4, x + size / 2, y + size / 10);
        g.drawLine(x + size * 3 / 8, y + size / 10, x + size * 5 / 8, y + size / 10);
        g.setTransform(before);
        g.setStroke(new BasicStroke(1f));
    }

    /** A right-pointing chevron centred on ({@code x}, {@code y}), as list rows end. */
    private static void chevron(Graphics2D g, int x, int y, Color colour) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(4f));
        g.drawLine(x - 8, y - 14, x + 6, y);
        g.drawLine(x + 6, y, x - 8, y + 14);
        g.setStroke(new BasicStroke(1f));
    }

    /** An emoji-like smiling face, as there is no emoji font: a yellow disc with eyes and a smile. */
    private static void smiley(Graphics2D g, int x, int y, int size) {
        g.setColor(new Color(0xFFCA28));
        g.fillOval(x - size / 2, y - size / 2, size, size);
        g.setColor(new Color(0x6D4C00));
        g.fillOval(x - size / 4, y - size / 6, size / 7, size / 5);
        g.fillOval(x + size / 8, y - size / 6, size / 7, size / 5);
        g.drawArc(x - size / 4, y - size / 8, size / 2, size / 3, 200, 140);
    }

    /** A line icon in a box of {@code size}: a test tube, a syringe, a calendar, a clock or a map pin. */
    private static void cardIcon(Graphics2D g, String kind, int x, int y, int size, Color colour) {
        g.setColor(new Color(0xE3F2FD));
        g.fillRoundRect(x, y, size, size, size / 3, size / 3);
        g.setColor(colour);
        g.setStroke(new BasicStroke(3f));
        int s = size;
        switch (kind) {
            case "tube" -> {
                g.drawRoundRect(x + s * 2 / 5, y + s / 6, s / 5, s * 2 / 3, s / 5, s / 5);
                g.fillRect(x + s * 2 / 5, y + s / 2, s / 5, s / 4);
            }
            case "syringe" -> syringe(g, x + s / 8, y + s / 8, s * 3 / 4, colour);
            case "calendar" -> {
                g.drawRect(x + s / 5, y + s / 4, s * 3 / 5, s / 2);
                g.drawLine(x + s / 5, y + s * 2 / 5, x + s * 4 / 5, y + s * 2 / 5);
                g.drawLine(x + s / 3, y + s / 6, x + s / 3, y + s / 3);
                g.drawLine(x + s * 2 / 3, y + s / 6, x + s * 2 / 3, y + s / 3);
            }
            case "clock" -> {
                g.drawOval(x + s / 5, y + s / 5, s * 3 / 5, s * 3 / 5);
                g.drawLine(x + s / 2, y + s / 2, x + s / 2, y + s / 3);
                g.drawLine(x + s / 2, y + s / 2, x + s * 2 / 3, y + s / 2);
            }
            default -> {
                g.fillOval(x + s / 3, y + s / 6, s / 3, s / 3);
                g.fillPolygon(new int[] {x + s / 3, x + s * 2 / 3, x + s / 2}, new int[] {y + s * 2 / 5, y + s * 2 / 5,
                    y + s * 5 / 6}, 3);
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** The word an app prints under a code of each colour. */
    private static final Map<String, String> WORDS = Map.of(
            SyntheticDocuments.GREEN, "绿码", SyntheticDocuments.YELLOW, "黄码", SyntheticDocuments.RED, "红码");

    /** A white card with rounded corners over a soft shadow, of any corner radius. */
    private static void roundCard(Graphics2D g, int x, int y, int width, int height, int radius) {
        for (int k = 4; k >= 1; k--) {
            g.setColor(new Color(0, 0, 0, 7));
            g.fillRoundRect(x - k + 1, y - k + 4, width + 2 * k - 2, height + 2 * k - 2, radius + k, radius + k);
        }
        g.setColor(Color.WHITE);
        g.fillRoundRect(x, y, width, height, radius, radius);
    }

    /** {@code s} on a tinted tag with rounded corners, its right edge at {@code right}. */
    private static void tag(Graphics2D g, String s, Font font, Color fill, Color ink, int right, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        int width = m.stringWidth(s) + 40;
        g.setColor(fill);
        int height = m.getAscent() + m.getDescent() + 16;
        g.fillRoundRect(right - width, baseline - m.getAscent() - 8, width, height, 16, 16);
        text(g, s, font, ink, right - width + 20, baseline);
    }

    /** Label at {@code left}, value flush with {@code right} under a thin rule; nothing when the value is empty. */
    private static int ruledRow(Graphics2D g, String label, String value, int left, int right, int y, Font labelFont,
                                Font valueFont, Color labelInk, Color ink) {
        if (value.isEmpty()) {
            return y;
        }
        g.setColor(new Color(0xEBEDF0));
        g.drawLine(left, y, right, y);
        text(g, label, labelFont, labelInk, left, y + 62);
        g.setFont(valueFont);
        text(g, value, valueFont, ink, right - g.getFontMetrics().stringWidth(value), y + 62);
        return y + 96;
    }

    /** A round icon of 64 px: a test tube in {@code colour} on its tint. */
    private static void testTubeIcon(Graphics2D g, int x, int y, Color colour) {
        iconGround(g, x, y, colour);
        g.setColor(colour);
        g.setStroke(new BasicStroke(4f));
        g.drawRoundRect(x + 25, y + 12, 14, 40, 14, 14);
        g.drawLine(x + 20, y + 12, x + 44, y + 12);
        g.fillRect(x + 27, y + 34, 10, 14);
        g.setStroke(new BasicStroke(1f));
    }

    /** A round icon of 64 px: a syringe in {@code colour} on its tint. */
    private static void syringeIcon(Graphics2D g, int x, int y, Color colour) {
        iconGround(g, x, y, colour);
        g.setColor(colour);
        g.setStroke(new BasicStroke(4f));
        g.drawLine(x + 16, y + 48, x + 24, y + 40);
        g.drawRect(x + 24, y + 22, 12, 24);
        g.drawLine(x + 30, y + 22, x + 30, y + 12);
        g.drawLine(x + 22, y + 12, x + 38, y + 12);
        g.setStroke(new BasicStroke(1f));
    }

    /** A round icon of 64 px: a map pin in {@code colour} on its tint. */
    private static void pinIcon(Graphics2D g, int x, int y, Color colour) {
        iconGround(g, x, y, colour);
        g.setColor(colour);
        g.fillOval(x + 20, y + 12, 24, 24);
        g.fillPolygon(new int[] {x + 22, x + 42, x + 32}, new int[] {y + 30, y + 30, y + 52}, 3);
        g.setColor(Color.WHITE);
        g.fillOval(x + 28, y + 20, 8, 8);
    }

    private static void iconGround(Graphics2D g, int x, int y, Color colour) {
        g.setColor(new Color((colour.getRed() + 4 * 255) / 5, (colour.getGreen() + 4 * 255) / 5,
                (colour.getBlue() + 4 * 255) / 5));
        g.fillOval(x, y, 64, 64);
    }

    /** A status bar's time, signal and battery in {@code ink} over what is already drawn, as on a coloured band. */
    private static void statusBarOver(Graphics2D g, int w, Color ink) {
        text(g, "9:41", font(CjkFonts.SANS_SC, Font.BOLD, 30), ink, 48, 42);
        g.setColor(ink);
        g.drawRect(w - 96, 18, 48, 22);
        g.fillRect(w - 92, 22, 36, 14);
        for (int i = 0; i < 4; i++) {
            g.fillRect(w - 180 + i * 10, 36 - i * 6, 6, 6 + i * 6);
        }
    }

    /** {@code 2022-02-06 08:30} as some apps print it, {@code 2022/02/06 08:30}. */
    private static String slashed(String time) {
        return time.replace('-', '/');
    }

    /** {@code 2022-02-06 08:30} written with 年月日 and no leading zeros in month and day: {@code 2022年2月6日 08:30}. */
    private static String written(String time) {
        if (time.isEmpty()) {
            return time;
        }
        String[] date = time.substring(0, 10).split("-");
        return date[0] + "年" + Integer.parseInt(date[1]) + "月" + Integer.parseInt(date[2]) + "日" + time.substring(10);
    }

    /** A bold label with its full-width colon and the value right after it on the same baseline. */
    private static void pair(Graphics2D g, String label, String value, int x, int baseline, Font labelFont,
                             Font valueFont, Color labelInk, Color valueInk) {
        text(g, label, labelFont, labelInk, x, baseline);
        g.setFont(labelFont);
        text(g, value, valueFont, valueInk, x + g.getFontMetrics().stringWidth(label) + 4, baseline);
    }

    /** Faint words repeated across the page on a slant, behind everything drawn after. */
    private static void watermark(Graphics2D g, int w, int h, String words, Color colour) {
        java.awt.geom.AffineTransform before = g.getTransform();
        g.rotate(Math.toRadians(-25), w / 2.0, h / 2.0);
        g.setFont(font(CjkFonts.SANS_SC, Font.PLAIN, 26));
        g.setColor(colour);
        for (int y = -h / 2; y < h * 3 / 2; y += 120) {
            for (int x = -w + (y / 120) % 2 * 160; x < w * 2; x += 420) {
                g.drawString(words, x, y);
            }
        }
        g.setTransform(before);
    }

    /** A navigation bar: a back chevron, the title in the middle, a "more" and a close icon at the right. */
    private static void navigationBar(Graphics2D g, int w, int y, Color background, Color ink, String title) {
        g.setColor(background);
        g.fillRect(0, y, w, 80);
        g.setColor(ink);
        g.setStroke(new BasicStroke(4f));
        g.drawLine(48, y + 24, 34, y + 40);
        g.drawLine(34, y + 40, 48, y + 56);
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(w - 150, y + 22, 120, 36, 36, 36);
        for (int i = 0; i < 3; i++) {
            g.fillOval(w - 130 + i * 12, y + 37, 6, 6);
        }
        g.drawOval(w - 72, y + 30, 20, 20);
        g.fillOval(w - 66, y + 36, 8, 8);
        centred(g, title, font(CjkFonts.SANS_SC, Font.BOLD, 34), ink, w / 2, y + 52);
    }

    /** A white panel with rounded corners over a soft shadow, as apps draw cards on a grey page. */
    private static void panel(Graphics2D g, int x, int y, int width, int height) {
        for (int k = 6; k >= 1; k--) {
            g.setColor(new Color(0, 0, 0, 6));
            g.fillRoundRect(x - k + 2, y - k + 5, width + 2 * k - 4, height + 2 * k - 4, 28 + k, 28 + k);
        }
        g.setColor(Color.WHITE);
        g.fillRoundRect(x, y, width, height, 28, 28);
    }

    /** A phone's status bar around a notch: the time left of it, drawn emoji and the signal and battery right of it. */
    private static void notchedStatusBar(Graphics2D g, int w, Color background, Color ink) {
        g.setColor(background);
        g.fillRect(0, 0, w, 56);
        g.setColor(Color.BLACK);
        g.fillRoundRect(w / 2 - 110, -30, 220, 74, 40, 40);
        text(g, "9:41", font(CjkFonts.SANS_SC, Font.BOLD, 24), ink, 40, 38);
        // Emoji as a phone draws them (no emoji font here): a yellow face and a red heart beside the time.
        g.setColor(new Color(0xFFC83D));
        g.fillOval(112, 16, 26, 26);
        g.setColor(new Color(0x5B3A00));
        g.fillOval(119, 24, 4, 5);
        g.fillOval(127, 24, 4, 5);
        g.drawArc(119, 26, 12, 9, 200, 140);
        g.setColor(new Color(0xE0245E));
        g.fillOval(146, 19, 12, 12);
        g.fillOval(155, 19, 12, 12);
        g.fillPolygon(new int[] {146, 167, 156}, new int[] {27, 27, 40}, 3);
        g.setColor(ink);
        for (int i = 0; i < 4; i++) {
            g.fillRect(w - 150 + i * 8, 36 - i * 5, 5, 5 + i * 5);
        }
        g.drawRoundRect(w - 90, 20, 40, 18, 6, 6);
        g.fillRoundRect(w - 87, 23, 30, 12, 4, 4);
        g.fillRect(w - 48, 26, 3, 6);
    }

    /** A bottom tab bar from {@code top} to {@code bottom}: an icon over a small label per tab, one tab in colour. */
    private static void tabBar(Graphics2D g, int w, int top, int bottom, String[] tabs, int active, Color colour) {
        g.setColor(Color.WHITE);
        g.fillRect(0, top, w, bottom - top);
        g.setColor(new Color(0xDDDDDD));
        g.drawLine(0, top, w, top);
        int each = w / tabs.length;
        for (int i = 0; i < tabs.length; i++) {
            Color c = i == active ? colour : new Color(0x8C8C8C);
            int centre = each * i + each / 2;
            g.setColor(c);
            g.setStroke(new BasicStroke(3f));
            g.drawRoundRect(centre - 18, top + 14, 36, 32, 10, 10);
            g.setStroke(new BasicStroke(1f));
            centred(g, tabs[i], font(CjkFonts.SANS_SC, Font.PLAIN, 20), c, centre, top + 74);
        }
        g.setColor(Color.BLACK);
        g.fillRoundRect(w / 2 - 134, bottom - 20, 268, 10, 10, 10);
    }

    /** A narrower face, as phone interfaces set their numbers and values. */
    private static Font condensed(Font font) {
        return font.deriveFont(java.awt.geom.AffineTransform.getScaleInstance(0.82, 1));
    }

    /** {@code s} in {@code ink} on a rounded pill of {@code fill}, centred on {@code centre}. */
    private static void pill(Graphics2D g, String s, Font font, Color fill, Color ink, int centre, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        int width = m.stringWidth(s) + 48;
        int height = m.getAscent() + m.getDescent() + 12;
        g.setColor(fill);
        g.fillRoundRect(centre - width / 2, baseline - m.getAscent() - 6, width, height, height, height);
        centred(g, s, font, ink, centre, baseline);
    }

    private static void statusBar(Graphics2D g, int w, Color background, Color ink) {
        g.setColor(background);
        g.fillRect(0, 0, w, 40);
        text(g, "9:41", font(CjkFonts.SANS_SC, Font.BOLD, 22), ink, 30, 28);
        g.setColor(ink);
        g.drawRect(w - 70, 12, 36, 16);
        g.fillRect(w - 67, 15, 26, 10);
        for (int i = 0; i < 4; i++) {
            g.fillRect(w - 130 + i * 8, 26 - i * 4, 5, 4 + i * 4);
        }
    }

    private static void avatar(Graphics2D g, int x, int y, int size) {
        g.setColor(new Color(0xB0BEC5));
        g.fillOval(x, y, size, size);
        g.setColor(new Color(0x78909C));
        g.fillOval(x + size / 3, y + size / 5, size / 3, size / 3);
        g.fillArc(x + size / 6, y + size * 3 / 5, size * 2 / 3, size / 2, 0, 180);
    }

    /** Values over their labels, in equal columns. */
    private static void columns(Graphics2D g, int w, int y, String[][] cells, Font value, Font label, Color ink,
                                Color grey) {
        int column = (w - 60) / cells.length;
        for (int i = 0; i < cells.length; i++) {
            int centre = 30 + column * i + column / 2;
            centred(g, cells[i][0], value, ink, centre, y);
            centred(g, cells[i][1], label, grey, centre, y + 40);
        }
        g.setColor(new Color(0xE0E0E0));
        g.setStroke(new BasicStroke(1));
        for (int i = 1; i < cells.length; i++) {
            g.drawLine(30 + column * i, y - 40, 30 + column * i, y + 50);
        }
    }

    /** Label at {@code lx}, value at {@code vx} on the same baseline; nothing when the value is empty. */
    private static int row(Graphics2D g, String label, String value, int y, Font font, Color labelInk, Color ink,
                           int lx, int vx) {
        if (value.isEmpty()) {
            return y;
        }
        text(g, label, font, labelInk, lx, y);
        text(g, value, font, ink, vx, y);
        return y + 56;
    }

    /** Label at the left margin, value flush with the right margin, a rule below. */
    private static int flush(Graphics2D g, int w, String label, String value, int y, Font labelFont, Font valueFont,
                             Color labelInk, Color ink) {
        if (value.isEmpty()) {
            return y;
        }
        text(g, label, labelFont, labelInk, 50, y);
        g.setFont(valueFont);
        int width = g.getFontMetrics().stringWidth(value);
        text(g, value, valueFont, ink, w - 50 - width, y);
        g.setColor(new Color(0xE6E6E6));
        g.drawLine(50, y + 16, w - 50, y + 16);
        return y + 62;
    }

    private static void centred(Graphics2D g, String s, Font font, Color colour, int centre, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        text(g, s, font, colour, centre - m.stringWidth(s) / 2, baseline);
    }

    private static void drawQr(Graphics2D g, Color colour, int x, int y, int size, Random random) {
        com.google.zxing.common.BitMatrix m;
        try {
            m = new com.google.zxing.qrcode.QRCodeWriter().encode("https://example.invalid/hc/"
                            + Long.toHexString(random.nextLong()), com.google.zxing.BarcodeFormat.QR_CODE, size, size,
                    Map.of(com.google.zxing.EncodeHintType.MARGIN, 1));
        } catch (com.google.zxing.WriterException e) {
            throw new IllegalStateException(e);
        }
        g.setColor(Color.WHITE);
        g.fillRect(x, y, size, size);
        g.setColor(colour);
        for (int j = 0; j < m.getHeight(); j++) {
            for (int i = 0; i < m.getWidth(); i++) {
                if (m.get(i, j)) {
                    g.fillRect(x + i, y + j, 1, 1);
                }
            }
        }
    }

    // ---- Korean ID cards -------------------------------------------------------------------------------------

    /**
     * Hangul name, Hanja (or null), number, address line 1, line 2 ("" for a one-line address), issue date as printed,
     * issuer. The tuned cards' numbers carry the check digit of numbers issued before October 2020, as most cards'
     * do, except 070930-4418273, 730411-1628035 and 850304-1642097 (numbers issued since, which have none); the
     * numbers of the cards first held out (card-1999b, card-2020b) are as first drawn (none carries it), so that every
     * image already measured stays as it was.
     */
    private static final String[][] CARDS = {
        {"엄태웅", "嚴泰雄", "760315-1472156", "경기도 성남시 분당구 정자일로 95", "", "2022. 1. 14.", "경기도 성남시 분당구청장"},
        {"최수빈", "崔秀彬", "951207-2038417", "서울특별시 마포구 월드컵북로 396", "302동 1104호 (상암동)", "2021. 7. 3.", "서울특별시 마포구청장"},
        {"한지호", null, "030611-3847260", "대전광역시 유성구 대학로 291", "", "2023. 10. 27.", "대전광역시 유성구청장"},
        {"윤서연", "尹瑞妍", "880429-2561035", "울산광역시 남구 삼산로 274", "(삼산동, 현대백화점)", "2020. 12. 9.", "울산광역시 남구청장"},
        {"장도윤", "張度潤", "011118-3290564", "충청북도 청주시 상당구 상당로 155", "", "2022. 3. 2.", "충청북도 청주시 상당구청장"},
        {"석하늘", null, "920704-1736285", "강원특별자치도 춘천시 중앙로 1", "A동 201호", "2019. 11. 21.", "강원특별자치도 춘천시장"},
        {"신예린", "申叡璘", "070930-4418273", "전라북도 전주시 완산구 노송광장로 10", "", "2024. 2. 6.", "전라북도 전주시 완산구청장"},
        {"권민재", "權玟宰", "841022-1605937", "경상남도 창원시 의창구 중앙대로 151", "(용호동)", "2018. 5. 17.", "경상남도 창원시 의창구청장"},
        {"구본혁", "具本赫", "690101-1023847", "세종특별자치시 한누리대로 2130", "", "2021. 9. 30.", "세종특별자치시장"},
    };

    private static final String[] CARD_STYLES = {"card-2020", "card-1999b", "card-2020b"};

    /** Cards added later, all in the tuned style "card-2020c": two-line addresses, other cities' issuers, rare Hanja. */
    private static final String[][] TUNED_CARDS = {
        {"국재섭", "鞠在燮", "810923-1583022", "부산광역시 해운대구 센텀중앙로 79", "B동 1203호 (우동)", "2022. 1. 14.", "부산광역시 해운대구청장"},
        {"호민석", "扈敏晳", "990208-1274936", "제주특별자치도 제주시 문연로 6", "(연동, 제주도청)", "2019. 8. 5.", "제주특별자치도 제주시장"},
        {"변수영", "卞琇暎", "050517-4362917", "인천광역시 연수구 컨벤시아대로 165", "103동 702호", "2025. 11. 28.", "인천광역시 연수구청장"},
    };

    /**
     * Cards added in round 5, tuned: "card-2020d" (the photo on the left, a teal gradient under guilloche curves,
     * four-syllable names of two-syllable surnames in a serif face, {@code 2022.01.14} dates, road names with 로/길
     * and {@code (동명)}, the issuer under a red seal) and "card-1999c" (a larger scan, 1284 × 810, seen in slight
     * perspective under uneven light, the title white on a dark band, serif throughout, {@code 2022. 1. 14.} dates);
     * Hanja outside {@code chi_tra} (晙 玧 炅 珉 昞 頊 暻).
     */
    private static final String[][] ROUND5_CARDS = {
        {"선우재준", "鮮于在晙", "870214-1356821", "서울특별시 강남구 테헤란로 152 (역삼동)", "", "2022.01.14", "서울특별시 강남구청장"},
        {"제갈윤경", "諸葛玧炅", "020930-4157289", "경기도 수원시 팔달구 행궁로11번길 5", "(남창동)", "2023.04.07", "경기도 수원시 팔달구청장"},
        {"황보민혁", "皇甫珉赫", "950603-1842719", "부산광역시 수영구 광안해변로 219", "301동 1502호 (광안동)", "2021.03.09", "부산광역시 수영구청장"},
        {"남궁병", "南宮昞", "790812-1520631", "광주광역시 서구 상무중앙로 7 (치평동)", "", "2022. 1. 14.", "광주광역시 서구청장"},
        {"허욱", "許頊", "730411-1628035", "대구광역시 중구 국채보상로 680", "(동인동, 대구시청)", "2017. 10. 9.", "대구광역시 중구청장"},
        {"이경희", "李暻喜", "680120-2734511", "전라남도 목포시 영산로29번길 11", "C동 204호", "2021. 4. 3.", "전라남도 목포시장"},
    };

    private static final String[] ROUND5_STYLES = {"card-2020d", "card-2020d", "card-2020d", "card-1999c", "card-1999c", "card-1999c"};

    /**
     * Cards added in round 6, tuned: "card-2020e", under a holographic overlay (translucent rainbow bands and rings
     * across the text), the name in a regular-weight serif face with its syllables set wide apart ({@code 곽 도 현}),
     * print smaller than the other designs', two-line addresses ending in a building and unit and {@code (동명,
     * 아파트명)}, the issuer under a red seal.
     */
    private static final String[][] ROUND6_CARDS = {
        {"곽도현", "郭度炫", "910517-1283749", "서울특별시 송파구 올림픽로 435", "101동 1203호 (신천동, 파크리오아파트)", "2022. 1. 14.", "서울특별시 송파구청장"},
        {"육소희", "陸昭熙", "960822-2583169", "경상북도 포항시 남구 지곡로 80", "207동 904호 (지곡동, 효자그린아파트)", "2020. 11. 23.", "경상북도 포항시 남구청장"},
        {"편승우", "片承祐", "850304-1642097", "강원특별자치도 원주시 단구로 170", "", "2024. 6. 5.", "강원특별자치도 원주시장"},
    };

    /**
     * Cards added in round 7, held out until the third held-out group was drawn, tuned since: "card-2020f", the photo
     * on the right with a ghost image under it, vertical wavy lines, the title and the issuer in a regular weight, the
     * Hanja smaller than the Hangul. A Hanja name with rare characters (牟 as a surname, 喆), a two-line address ending
     * in a building, unit and {@code (동명, 아파트명)}, a name with no Hanja and an address in a town ({@code 읍});
     * numbers with the check digit of numbers issued before October 2020, one born in 2004.
     */
    private static final String[][] GHOST_IMAGE_CARDS = {
        {"모승철", "牟承喆", "781105-1538203", "경상남도 김해시 김해대로 2401", "", "2021. 6. 28.", "경상남도 김해시장"},
        {"오하은", "吳夏恩", "040219-4726519", "서울특별시 서초구 반포대로 58", "105동 2304호 (서초동, 서초래미안아파트)", "2023. 2. 7.", "서울특별시 서초구청장"},
        {"임바름", null, "990830-2615471", "충청남도 천안시 동남구 목천읍 독립기념관로 1", "", "2024.03.15", "충청남도 천안시 동남구청장"},
    };

    /**
     * Cards of the third held-out group: "card-2020g", a pale green card under a honeycomb scanned at a slight tilt
     * with a shadow. A Hanja name with a rare given name (胤) and {@code 卓} as a surname, a name with no Hanja, one-
     * and two-line addresses (one ending in a building, unit and {@code (동명, 아파트명)}); 830726-1529383 and
     * 971113-2645718 carry the check digit of numbers issued before October 2020, 060402-4318275 (born in 2006, issued
     * in 2023) has none.
     */
    private static final String[][] TILTED_SCAN_CARDS = {
        {"도재훈", "都在勳", "830726-1529383", "경기도 고양시 일산동구 중앙로 1275", "", "2022. 1. 14.", "경기도 고양시 일산동구청장"},
        {"탁서윤", "卓瑞胤", "060402-4318275", "부산광역시 동래구 명륜로 94", "102동 503호 (명륜동, 명륜아이파크)", "2023.08.21", "부산광역시 동래구청장"},
        {"어진솔", null, "971113-2645718", "전라남도 여수시 시청로 1", "(학동)", "2022. 1. 14.", "전라남도 여수시장"},
    };

    /** Three cards in each of three styles: 9 documents; then the groups added later, the held-out one last. */
    public static List<SyntheticDocuments.Sample> koreanCards(List<Degradation> degradations) {
        List<SyntheticDocuments.Sample> out = new ArrayList<>();
        // each group's seeds as first drawn, so that every card already measured stays the same image
        addCards(out, degradations, CARDS, n -> CARD_STYLES[n % CARD_STYLES.length], 7000, 90);
        addCards(out, degradations, TUNED_CARDS, n -> "card-2020c", 7500, 120);
        addCards(out, degradations, ROUND5_CARDS, n -> ROUND5_STYLES[n], 7600, 140);
        addCards(out, degradations, ROUND6_CARDS, n -> "card-2020e", 7800, 160);
        addCards(out, degradations, GHOST_IMAGE_CARDS, n -> "card-2020f", 7900, 180);
        addCards(out, degradations, TILTED_SCAN_CARDS, n -> "card-2020g", 8000, 200);
        return out;
    }

    /** Card {@code n} of the group drawn with {@code drawSeed + n}, each degradation seeded {@code degradeSeed + n}. */
    private static void addCards(List<SyntheticDocuments.Sample> out, List<Degradation> degradations, String[][] cards,
            IntFunction<String> styleOf, int drawSeed, int degradeSeed) {
        for (int n = 0; n < cards.length; n++) {
            String style = styleOf.apply(n);
            Map<String, String> fields = cardFields(cards[n]);
            BufferedImage card = drawCard(style, cards[n], new Random(drawSeed + n));
            for (Degradation d : degradations) {
                out.add(new SyntheticDocuments.Sample("korean-" + style + "-" + n, OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR,
                        style, d, d.apply(card, degradeSeed + n), fields));
            }
        }
    }

    private static Map<String, String> cardFields(String[] c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ID", c[2]);
        fields.put("Name", c[1] == null ? c[0] : c[0] + " (" + c[1] + ")");
        fields.put("Address", c[4].isEmpty() ? c[3] : c[3] + " " + c[4]);
        String[] date = c[5].replace(".", " ").trim().split("\\s+");
        fields.put("DateOfIssue", two(Integer.parseInt(date[2])) + "/" + two(Integer.parseInt(date[1])) + "/" + date[0]);
        fields.put("Birthday", SyntheticDocuments.birthday(c[2]));
        fields.put("Sex", (c[2].charAt(7) - '0') % 2 == 1 ? "男" : "女");
        return fields;
    }

    static BufferedImage drawCard(String style, String[] c, Random random) {
        int w = 856;
        int h = 540;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        boolean modern = style.startsWith("card-2020");
        if (style.equals("card-2020c")) {
            return drawTunedCard(c, random);
        }
        if (style.equals("card-2020d")) {
            return drawPhotoLeftCard(c, random);
        }
        if (style.equals("card-1999c")) {
            return drawScannedCard(c, random);
        }
        if (style.equals("card-2020e")) {
            return drawHologramCard(c, random);
        }
        if (style.equals("card-2020f")) {
            return drawGhostImageCard(c, random);
        }
        if (style.equals("card-2020g")) {
            return drawTiltedScanCard(c, random);
        }
        Graphics2D g = canvas(img, modern ? new Color(0xF2F0EA) : new Color(0xEFF2F6));
        g.setColor(modern ? new Color(0xE2DDD0) : new Color(0xDCE3EC));
        switch (style) {
            case "card-2020" -> {
                // Concentric waves, as the 2020 design's background.
                for (int r = 40; r < 1200; r += 26) {
                    g.drawOval(w / 2 - r, h - r / 2, 2 * r, r);
                }
            }
            case "card-1999b" -> {
                for (int y = 8; y < h; y += 14) {
                    for (int x = (y / 14) % 2 * 7; x < w; x += 14) {
                        g.fillOval(x, y, 3, 3);
                    }
                }
            }
            default -> {
                for (int x = 0; x < w; x += 6) {
                    int y0 = (int) (h / 2 + 120 * Math.sin(x / 60.0));
                    g.fillRect(x, y0, 2, 2);
                    g.fillRect(x, y0 + 90, 2, 2);
                    g.fillRect(x, y0 - 90, 2, 2);
                }
            }
        }
        Color ink = new Color(0x161616);
        String sans = CjkFonts.SANS_KR;
        String serif = CjkFonts.SERIF_KR;
        String name = c[1] == null ? c[0] : c[0] + "(" + c[1] + ")";
        Rectangle photo;
        if (modern) {
            boolean b = style.endsWith("b");
            text(g, "주민등록증", font(sans, Font.BOLD, b ? 40 : 44), new Color(0x203A6B), 45, 80);
            text(g, name, font(b ? serif : sans, Font.BOLD, 38), ink, 45, 160);
            text(g, c[2], font(sans, Font.BOLD, 36), ink, 45, 220);
            Font addr = font(sans, Font.PLAIN, b ? 24 : 26);
            text(g, c[3], addr, ink, 45, 290);
            if (!c[4].isEmpty()) {
                text(g, c[4], addr, ink, 45, 328);
            }
            text(g, c[5], font(sans, Font.PLAIN, 26), ink, b ? 330 : 280, 425);
            text(g, c[6], font(sans, Font.BOLD, 30), ink, b ? 230 : 200, 482);
            photo = b ? new Rectangle(620, 110, 190, 240) : new Rectangle(630, 130, 175, 225);
        } else {
            text(g, "주민등록증", font(serif, Font.BOLD, 42), ink, 50, 85);
            text(g, name, font(serif, Font.BOLD, 34), ink, 50, 170);
            text(g, c[2], font(sans, Font.PLAIN, 32), ink, 50, 228);
            Font addr = font(serif, Font.PLAIN, 25);
            text(g, c[3], addr, ink, 50, 300);
            if (!c[4].isEmpty()) {
                text(g, c[4], addr, ink, 50, 338);
            }
            text(g, c[5], font(serif, Font.PLAIN, 27), ink, 310, 435);
            text(g, c[6], font(serif, Font.BOLD, 29), ink, 240, 490);
            photo = new Rectangle(650, 140, 170, 220);
        }
        face(g, photo, random);
        g.dispose();
        return img;
    }

    /** A pink-tinted card under diagonal hatching, the title letter-spaced, the number in a monospaced face. */
    private static BufferedImage drawTunedCard(String[] c, Random random) {
        int w = 856;
        int h = 540;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF6EEF0));
        g.setColor(new Color(0xE8D8DC));
        for (int x = -h; x < w; x += 18) {
            g.drawLine(x, h, x + h, 0);
        }
        Color ink = new Color(0x1C1C24);
        String sans = CjkFonts.SANS_KR;
        String serif = CjkFonts.SERIF_KR;
        text(g, "주 민 등 록 증", font(serif, Font.BOLD, 40), new Color(0x4A2040), 60, 78);
        text(g, c[1] == null ? c[0] : c[0] + "(" + c[1] + ")", font(sans, Font.BOLD, 36), ink, 60, 158);
        text(g, c[2], font("Noto Sans Mono CJK KR", Font.BOLD, 34), ink, 60, 214);
        Font addr = font(serif, Font.PLAIN, 25);
        text(g, c[3], addr, ink, 60, 282);
        if (!c[4].isEmpty()) {
            text(g, c[4], addr, ink, 60, 318);
        }
        text(g, c[5], font(serif, Font.PLAIN, 26), ink, 300, 428);
        text(g, c[6], font(sans, Font.BOLD, 28), ink, 220, 486);
        face(g, new Rectangle(640, 120, 180, 232), random);
        g.dispose();
        return img;
    }

    /**
     * The photo on the left, a teal gradient under guilloche curves, the name in a serif face, the issuer under a red
     * seal that overlaps its last syllables.
     */
    private static BufferedImage drawPhotoLeftCard(String[] c, Random random) {
        int w = 856;
        int h = 540;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, Color.WHITE);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0xE6F2EF), 0, h, new Color(0xCBE0E6)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0xB4D0D3));
        g.setStroke(new BasicStroke(1.2f));
        for (int k = 0; k < 14; k++) {
            java.awt.geom.Path2D.Double curve = new java.awt.geom.Path2D.Double();
            for (int x = 0; x <= w; x += 4) {
                double y = 40 + k * 36 + 14 * Math.sin(x / 38.0 + k * 0.9) + 6 * Math.sin(x / 11.0);
                if (x == 0) {
                    curve.moveTo(x, y);
                } else {
                    curve.lineTo(x, y);
                }
            }
            g.draw(curve);
        }
        g.setStroke(new BasicStroke(1f));
        Color ink = new Color(0x10242A);
        String sans = CjkFonts.SANS_KR;
        String serif = CjkFonts.SERIF_KR;
        int x = 250;
        text(g, "주민등록증", font(sans, Font.BOLD, 38), new Color(0x0F4C5C), x, 80);
        text(g, c[0] + "(" + c[1] + ")", font(serif, Font.BOLD, 38), ink, x, 160);
        text(g, c[2], font(sans, Font.PLAIN, 32), ink, x, 216);
        Font addr = font(sans, Font.PLAIN, 24);
        text(g, c[3], addr, ink, x, 280);
        if (!c[4].isEmpty()) {
            text(g, c[4], addr, ink, x, 314);
        }
        text(g, c[5], font(sans, Font.PLAIN, 26), ink, 440, 420);
        Font issuerFont = font(serif, Font.BOLD, 28);
        text(g, c[6], issuerFont, ink, 330, 482);
        int end = 330 + g.getFontMetrics(issuerFont).stringWidth(c[6]);
        seal(g, end - 44, 440, 64);
        face(g, new Rectangle(40, 110, 176, 226), random);
        g.dispose();
        return img;
    }

    /**
     * Under a holographic overlay: translucent bands of changing hue drawn diagonally across the whole card and rings
     * about a point near the text's middle; the name in regular serif with wide-set syllables, small print, the
     * issuer under a red seal, the photo on the right.
     */
    private static BufferedImage drawHologramCard(String[] c, Random random) {
        int w = 856;
        int h = 540;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF4F3EE));
        Color ink = new Color(0x202020);
        String sans = CjkFonts.SANS_KR;
        String serif = CjkFonts.SERIF_KR;
        text(g, "주민등록증", font(sans, Font.BOLD, 36), new Color(0x2B3F73), 56, 76);
        Font nameFont = font(serif, Font.PLAIN, 34).deriveFont(Map.of(java.awt.font.TextAttribute.TRACKING, 0.45f));
        text(g, c[0], nameFont, ink, 56, 150);
        int afterName = 56 + g.getFontMetrics(nameFont).stringWidth(c[0]) + 6;
        text(g, "(" + c[1] + ")", font(serif, Font.PLAIN, 34), ink, afterName, 150);
        text(g, c[2], font(sans, Font.PLAIN, 28), ink, 56, 202);
        Font addr = font(sans, Font.PLAIN, 21);
        text(g, c[3], addr, ink, 56, 262);
        if (!c[4].isEmpty()) {
            text(g, c[4], addr, ink, 56, 292);
        }
        text(g, c[5], font(sans, Font.PLAIN, 23), ink, 300, 418);
        Font issuerFont = font(sans, Font.BOLD, 25);
        text(g, c[6], issuerFont, ink, 210, 476);
        int end = 210 + g.getFontMetrics(issuerFont).stringWidth(c[6]);
        seal(g, end - 40, 436, 58);
        face(g, new Rectangle(636, 118, 172, 222), random);
        // The overlay over everything, print and photo alike, as a laminate's hologram.
        for (int k = -h; k < w; k += 34) {
            Color band = Color.getHSBColor(((k + h) % 340) / 340f, 0.55f, 0.95f);
            g.setColor(new Color(band.getRed(), band.getGreen(), band.getBlue(), 46));
            g.fillPolygon(new int[] {k, k + 16, k + 16 + h / 2, k + h / 2}, new int[] {0, 0, h, h}, 4);
        }
        g.setStroke(new BasicStroke(2f));
        for (int r = 30; r < 260; r += 22) {
            Color ring = Color.getHSBColor(r / 260f, 0.5f, 0.9f);
            g.setColor(new Color(ring.getRed(), ring.getGreen(), ring.getBlue(), 70));
            g.drawOval(330 - r, 240 - r, 2 * r, 2 * r);
        }
        g.setStroke(new BasicStroke(1f));
        g.dispose();
        return img;
    }

    /**
     * A lavender-to-blue gradient under vertical wavy lines and a faint two-coloured emblem behind the text's middle,
     * the title and the issuer in a regular weight, the Hanja smaller than the Hangul and in serif, the number set a
     * little wide, the date flush right of the middle, the photo on the right and its faded small copy (a ghost image)
     * below it.
     */
    private static BufferedImage drawGhostImageCard(String[] c, Random random) {
        int w = 856;
        int h = 540;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, Color.WHITE);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0xEEEAF4), w, 0, new Color(0xE4EDF6)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0xD6D0E6));
        g.setStroke(new BasicStroke(1f));
        for (int x0 = 4; x0 < w; x0 += 11) {
            java.awt.geom.Path2D.Double wave = new java.awt.geom.Path2D.Double();
            wave.moveTo(x0, 0);
            for (int y = 4; y <= h; y += 4) {
                wave.lineTo(x0 + 5 * Math.sin(y / 17.0 + x0 / 50.0), y);
            }
            g.draw(wave);
        }
        g.setColor(new Color(220, 60, 80, 28));
        g.fillArc(330, 170, 200, 200, 0, 180);
        g.setColor(new Color(40, 80, 200, 28));
        g.fillArc(330, 170, 200, 200, 180, 180);
        Color ink = new Color(0x1E1B2E);
        String sans = CjkFonts.SANS_KR;
        text(g, "주민등록증", font(sans, Font.PLAIN, 42), new Color(0x3A2F6B), 48, 84);
        Font hangul = font(sans, Font.BOLD, 38);
        text(g, c[0], hangul, ink, 48, 158);
        if (c[1] != null) {
            g.setFont(hangul);
            int after = 48 + g.getFontMetrics().stringWidth(c[0]) + 4;
            text(g, "(" + c[1] + ")", font(CjkFonts.SERIF_KR, Font.PLAIN, 30), ink, after, 158);
        }
        text(g, c[2], font(sans, Font.PLAIN, 34).deriveFont(Map.of(java.awt.font.TextAttribute.TRACKING, 0.06f)), ink,
                48, 214);
        Font addr = font(sans, Font.PLAIN, 23);
        text(g, c[3], addr, new Color(0x2A2A3A), 48, 276);
        if (!c[4].isEmpty()) {
            text(g, c[4], addr, new Color(0x2A2A3A), 48, 310);
        }
        Font date = font(sans, Font.PLAIN, 25);
        g.setFont(date);
        text(g, c[5], date, ink, 560 - g.getFontMetrics().stringWidth(c[5]), 420);
        centred(g, c[6], font(sans, Font.PLAIN, 28), ink, 330, 480);
        Rectangle photo = new Rectangle(618, 96, 186, 240);
        BufferedImage face = new BufferedImage(photo.width, photo.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D fg = canvas(face, Color.WHITE);
        face(fg, new Rectangle(0, 0, photo.width, photo.height), random);
        fg.dispose();
        g.drawImage(face, photo.x, photo.y, null);
        java.awt.Composite opaque = g.getComposite();
        g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.3f));
        g.drawImage(face, 720, 372, 70, 90, null);
        g.setComposite(opaque);
        g.dispose();
        return img;
    }

    /**
     * A pale green card under a honeycomb of fine hexagons, scanned on a dark grey ground at a slight tilt (1.5°) with
     * a soft shadow to its lower right: the title in dark green, the name in a regular weight, the number in a bold
     * serif face, the address in serif, the photo smaller and higher than the other designs' in a thin frame.
     */
    private static BufferedImage drawTiltedScanCard(String[] c, Random random) {
        int w = 856;
        int h = 540;
        BufferedImage card = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(card, new Color(0xEDF3E8));
        g.setColor(new Color(0xD5E3CC));
        double side = 14;
        for (int row = 0; row * side * 1.5 < h + side; row++) {
            for (int col = 0; col * side * Math.sqrt(3) < w + side; col++) {
                double cx = col * side * Math.sqrt(3) + (row % 2) * side * Math.sqrt(3) / 2;
                double cy = row * side * 1.5;
                java.awt.geom.Path2D.Double hex = new java.awt.geom.Path2D.Double();
                for (int k = 0; k < 6; k++) {
                    double a = Math.toRadians(60 * k + 30);
                    if (k == 0) {
                        hex.moveTo(cx + side * Math.cos(a), cy + side * Math.sin(a));
                    } else {
                        hex.lineTo(cx + side * Math.cos(a), cy + side * Math.sin(a));
                    }
                }
                hex.closePath();
                g.draw(hex);
            }
        }
        Color ink = new Color(0x1B211C);
        String sans = CjkFonts.SANS_KR;
        String serif = CjkFonts.SERIF_KR;
        text(g, "주민등록증", font(sans, Font.BOLD, 40), new Color(0x1F4D3A), 52, 82);
        text(g, c[1] == null ? c[0] : c[0] + "(" + c[1] + ")", font(sans, Font.PLAIN, 38), ink, 52, 160);
        text(g, c[2], font(serif, Font.BOLD, 34), ink, 52, 218);
        Font addr = font(serif, Font.PLAIN, 24);
        text(g, c[3], addr, ink, 52, 284);
        if (!c[4].isEmpty()) {
            text(g, c[4], addr, ink, 52, 320);
        }
        centred(g, c[5], font(sans, Font.PLAIN, 26), ink, 428, 424);
        centred(g, c[6], font(sans, Font.BOLD, 30), ink, 428, 484);
        Rectangle photo = new Rectangle(668, 66, 150, 194);
        face(g, photo, random);
        g.setColor(new Color(0x6B7A70));
        g.drawRect(photo.x - 1, photo.y - 1, photo.width + 1, photo.height + 1);
        g.dispose();
        int sw = 960;
        int sh = 648;
        BufferedImage scan = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        Graphics2D s = canvas(scan, new Color(0x4A4E54));
        java.awt.geom.AffineTransform tilt = java.awt.geom.AffineTransform.getRotateInstance(Math.toRadians(1.5), sw / 2.0,
                sh / 2.0);
        tilt.translate((sw - w) / 2.0, (sh - h) / 2.0);
        for (int k = 14; k >= 2; k -= 2) {
            java.awt.geom.AffineTransform shadow = new java.awt.geom.AffineTransform(tilt);
            shadow.translate(k / 2.0 + 4, k / 2.0 + 6);
            s.setTransform(shadow);
            s.setColor(new Color(0, 0, 0, 18));
            s.fillRoundRect(-k / 2, -k / 2, w + k, h + k, 30 + k, 30 + k);
        }
        s.setTransform(tilt);
        s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        s.setClip(new java.awt.geom.RoundRectangle2D.Double(0, 0, w, h, 30, 30));
        s.drawImage(card, 0, 0, null);
        s.dispose();
        return scan;
    }

    /** A red square seal with four Hanja, drawn over what lies under it, as an issuer's seal on a card. */
    private static void seal(Graphics2D g, int x, int y, int side) {
        Color red = new Color(210, 40, 36, 190);
        g.setColor(red);
        g.setStroke(new BasicStroke(4f));
        g.drawRoundRect(x, y, side, side, 8, 8);
        g.setStroke(new BasicStroke(1f));
        Font f = font(CjkFonts.SERIF_KR, Font.BOLD, side * 2 / 5);
        String[] glyphs = {"廳", "長", "之", "印"};
        int cell = side / 2;
        for (int i = 0; i < 4; i++) {
            // Read right to left, top to bottom, as seals are.
            int cx = x + (i < 2 ? cell : 0) + 6;
            int cy = y + (i % 2 == 0 ? cell - 8 : 2 * cell - 8);
            text(g, glyphs[i], f, red, cx, cy);
        }
    }

    /**
     * A card scanned at 1284 × 810 and seen in slight perspective (the top edge narrower) under uneven light (darker
     * towards the lower left); the title white on a dark band; serif throughout; the photo on the right.
     */
    private static BufferedImage drawScannedCard(String[] c, Random random) {
        double s = 1.5;
        int w = (int) Math.round(856 * s);
        int h = (int) Math.round(540 * s);
        BufferedImage flat = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(flat, new Color(0xEEF1E6));
        // A rosette of ellipses turned about a point left of the middle: a guilloche in light olive.
        g.setColor(new Color(0xD9E0C8));
        g.setStroke(new BasicStroke(1.5f));
        for (int k = 0; k < 36; k++) {
            java.awt.geom.AffineTransform turned = java.awt.geom.AffineTransform.getRotateInstance(
                    Math.toRadians(k * 5), w * 0.4, h * 0.55);
            g.draw(turned.createTransformedShape(new java.awt.geom.Ellipse2D.Double(w * 0.4 - 330, h * 0.55 - 110, 660, 220)));
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(0x23395B));
        g.fillRect(0, 0, w, (int) (96 * s));
        Color ink = new Color(0x1A1A1A);
        String serif = CjkFonts.SERIF_KR;
        text(g, "주민등록증", font(CjkFonts.SANS_KR, Font.BOLD, (int) (40 * s)), Color.WHITE, (int) (60 * s), (int) (66 * s));
        text(g, c[0] + "(" + c[1] + ")", font(serif, Font.PLAIN, (int) (36 * s)), ink, (int) (60 * s), (int) (168 * s));
        text(g, c[2], font(serif, Font.PLAIN, (int) (32 * s)), ink, (int) (60 * s), (int) (224 * s));
        Font addr = font(serif, Font.PLAIN, (int) (24 * s));
        text(g, c[3], addr, ink, (int) (60 * s), (int) (288 * s));
        if (!c[4].isEmpty()) {
            text(g, c[4], addr, ink, (int) (60 * s), (int) (324 * s));
        }
        text(g, c[5], font(serif, Font.PLAIN, (int) (26 * s)), ink, (int) (330 * s), (int) (424 * s));
        text(g, c[6], font(serif, Font.BOLD, (int) (28 * s)), ink, (int) (250 * s), (int) (484 * s));
        face(g, new Rectangle((int) (646 * s), (int) (128 * s), (int) (176 * s), (int) (226 * s)), random);
        g.dispose();
        // seen from below its middle and lit from the upper right, as a phone photographs a card on a desk
        return Degradation.unevenLight(Degradation.perspective(flat, 0.03), 0.22);
    }

    private static void face(Graphics2D g, Rectangle r, Random random) {
        java.awt.Shape clip = g.getClip();
        g.setClip(r);
        g.setColor(new Color(0xC9D6DF - random.nextInt(0x10)));
        g.fillRect(r.x, r.y, r.width, r.height);
        g.setColor(new Color(0x2E3440));
        g.fillOval(r.x + 15, r.y + r.height * 2 / 3, r.width - 30, r.height / 2);
        g.setColor(new Color(0xE0B894));
        g.fillOval(r.x + 40, r.y + 35, r.width - 80, r.height / 2);
        g.setColor(new Color(0x1F1A17));
        g.fillArc(r.x + 35, r.y + 20, r.width - 70, r.height / 3, 0, 180);
        g.setClip(clip);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Graphics2D canvas(BufferedImage img, Color background) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    private static Font font(String family, int style, int size) {
        return CjkFonts.font(family, style, size);
    }

    private static void text(Graphics2D g, String s, Font font, Color colour, int x, int baseline) {
        g.setFont(font);
        g.setColor(colour);
        g.drawString(s, x, baseline);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
