package dev.ocrbridge.localocr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import dev.ocrbridge.actions.OcrAction;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test images with known answers, drawn with Java2D and the Noto CJK fonts: health-code screenshots in three
 * provinces' layouts (different labels, label beside or above its value, fields with no label at all) with a QR
 * code in green, yellow or red, and Korean resident registration cards (Hangul names with and without Hanja, rare
 * syllables, two-line addresses, resident numbers of three centuries and both sexes). Every document comes in the six
 * {@link Degradation}s. Deterministic: the same call returns the same bytes.
 */
public final class SyntheticDocuments {

    /** One test image and the fields the API should answer for it. */
    public record Sample(String id, OcrAction action, String layout, Degradation degradation, byte[] image,
                  Map<String, String> expected) {
        @Override
        public String toString() {
            return id + "/" + degradation;
        }
    }

    enum HealthLayout { GUANGDONG, BEIJING, SHANGHAI }

    static final String GREEN = "绿色";
    static final String YELLOW = "黄色";
    static final String RED = "红色";
    private static final Map<String, Color> QR_COLOURS = Map.of(
            GREEN, new Color(0x1AAD19), YELLOW, new Color(0xF5B800), RED, new Color(0xE02020));

    private SyntheticDocuments() {
    }

    // ---- health codes ----------------------------------------------------------------------------------------

    /** Health code documents: each layout in each colour (9), with varied values. */
    public static List<Sample> healthCodes(List<Degradation> degradations) {
        List<Sample> out = new ArrayList<>();
        String[] colours = {GREEN, YELLOW, RED};
        int n = 0;
        for (HealthLayout layout : HealthLayout.values()) {
            for (String colour : colours) {
                Random random = new Random(1000 + n);
                Map<String, String> fields = healthValues(layout, random, n);
                fields.put("Color", colour);
                BufferedImage page = drawHealthCode(layout, fields, random);
                for (Degradation d : degradations) {
                    out.add(new Sample("health-" + layout.name().toLowerCase() + "-" + n, OcrAction.RECOGNIZE_HEALTH_CODE_OCR,
                            layout.name(), d, d.apply(page, n), fields));
                }
                n++;
            }
        }
        return out;
    }

    private static final String[] HEALTH_NAMES = {"王*一", "李*", "张*华", "刘*", "陈*明", "欧阳*娜", "赵*", "周*杰", "吴*"};
    private static final String[] HEALTH_IDS = {"11**01", "4401**********123X", "310***********2046", "5101**********0817",
        "44************1029", "11**21", "3301**********442X", "21**35", "4201**********0056"};
    private static final String[] VACCINATIONS = {"已完成全程接种", "已接种2针", "已完成加强免疫", "已接种1针", "已接种3针"};
    private static final String[] SPOTS = {"朝阳大悦城", "首都图书馆", "西单商场", "国家体育场", "北京南站"};

    private static Map<String, String> healthValues(HealthLayout layout, Random r, int n) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Name", HEALTH_NAMES[n % HEALTH_NAMES.length]);
        f.put("IDNumber", HEALTH_IDS[n % HEALTH_IDS.length]);
        String month = two(1 + r.nextInt(12));
        String day = two(1 + r.nextInt(28));
        String clock = two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + ":" + two(r.nextInt(60));
        f.put("Time", layout == HealthLayout.BEIJING ? "2022-" + month + "-" + day + " " + clock : month + "-" + day + " " + clock);
        boolean tested = n % 4 != 3;
        f.put("TestingResult", tested ? "阴性" : "暂无核酸检测记录");
        f.put("TestingInterval", tested ? new String[] {"24小时", "48小时", "72小时", "7天"}[r.nextInt(4)] : "");
        f.put("TestingTime", tested ? "2022-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + " "
                + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) : "");
        f.put("Vaccination", VACCINATIONS[r.nextInt(VACCINATIONS.length)]);
        f.put("SpotName", layout == HealthLayout.BEIJING ? SPOTS[n % SPOTS.length] : "");
        f.put("VaccinationTime", "2021-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)));
        return f;
    }

    static BufferedImage drawHealthCode(HealthLayout layout, Map<String, String> f, Random random) {
        int w = 640;
        int h = 1100;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xF4F6F9));
        Color qr = QR_COLOURS.get(f.get("Color"));
        Font title = CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 38);
        Font big = CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 32);
        Font text = CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, 27);
        Font small = CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, 22);
        Color ink = new Color(0x222222);
        Color grey = new Color(0x777777);
        switch (layout) {
            case GUANGDONG -> {
                g.setColor(new Color(0x2B6FD6));
                g.fillRect(0, 0, w, 90);
                text(g, "粤康码", title, Color.WHITE, 250, 60);
                text(g, "姓名：" + f.get("Name"), text, ink, 40, 140);
                text(g, "证件号码：" + f.get("IDNumber"), text, ink, 40, 185);
                drawQr(g, qr, 170, 215, 300, random);
                text(g, "更新于 " + f.get("Time"), small, grey, 190, 555);
                int y = 620;
                for (String[] row : new String[][] {
                        {"核酸检测结果：", f.get("TestingResult")},
                        {"核酸检测时间：", f.get("TestingTime")},
                        {"距最近核酸检测：", f.get("TestingInterval")},
                        {"疫苗接种：", f.get("Vaccination")},
                        {"接种时间：", f.get("VaccinationTime")}}) {
                    if (!row[1].isEmpty()) {
                        text(g, row[0] + row[1], text, ink, 40, y);
                        y += 52;
                    }
                }
            }
            case BEIJING -> {
                g.setColor(new Color(0xFFFFFF));
                g.fillRect(20, 20, w - 40, h - 40);
                text(g, "北京健康宝", title, new Color(0x1F4E9C), 220, 80);
                text(g, f.get("Time"), big, ink, 150, 140);
                text(g, f.get("Name"), big, ink, 60, 200);
                text(g, f.get("IDNumber"), text, ink, 320, 200);
                drawQr(g, qr, 170, 230, 300, random);
                int y = 600;
                String testing = f.get("TestingResult") + (f.get("TestingInterval").isEmpty() ? "" : "   " + f.get("TestingInterval"));
                for (String[] row : new String[][] {
                        {"核酸", testing},
                        {"检测时间", f.get("TestingTime")},
                        {"疫苗", f.get("Vaccination")},
                        {"接种日期", f.get("VaccinationTime")},
                        {"场所", f.get("SpotName")}}) {
                    if (!row[1].isEmpty()) {
                        text(g, row[0], text, grey, 60, y);
                        text(g, row[1], text, ink, 230, y);
                        g.setColor(new Color(0xDDDDDD));
                        g.drawLine(50, y + 18, w - 50, y + 18);
                        y += 60;
                    }
                }
            }
            case SHANGHAI -> {
                g.setColor(new Color(0xFFFFFF));
                g.fillRoundRect(24, 24, w - 48, h - 48, 30, 30);
                text(g, "随申码", title, new Color(0xC0392B), 262, 85);
                text(g, "姓名", small, grey, 60, 140);
                text(g, f.get("Name"), big, ink, 60, 185);
                text(g, "证件号", small, grey, 330, 140);
                text(g, f.get("IDNumber"), text, ink, 330, 185);
                drawQr(g, qr, 185, 215, 270, random);
                text(g, "更新时间：" + f.get("Time"), small, grey, 170, 520);
                int y = 575;
                for (String[] row : new String[][] {
                        {"核酸检测结果", f.get("TestingResult")},
                        {"核酸检测时间", f.get("TestingTime")},
                        {"检测间隔", f.get("TestingInterval")},
                        {"新冠疫苗接种", f.get("Vaccination")},
                        {"最近接种日期", f.get("VaccinationTime")}}) {
                    if (!row[1].isEmpty()) {
                        text(g, row[0], small, grey, 60, y);
                        text(g, row[1], text, ink, 60, y + 38);
                        y += 88;
                    }
                }
            }
        }
        g.dispose();
        return img;
    }

    private static void drawQr(Graphics2D g, Color colour, int x, int y, int size, Random random) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode("https://example.invalid/hc/" + Long.toHexString(random.nextLong()),
                    BarcodeFormat.QR_CODE, size, size, Map.of(EncodeHintType.MARGIN, 1));
        } catch (WriterException e) {
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
     * Hangul name, Hanja (or null), resident number, two address lines, issue date as printed, its dd/mm/yyyy, issuing
     * authority, and optionally the name's face (serif bold, sans regular; sans bold when absent).
     */
    private static final String[][] CARDS = {
        {"홍길동", "洪吉童", "820701-1234567", "서울특별시 종로구 세종대로 209", "(세종로, 정부서울청사)", "2019. 5. 14.", "14/05/2019", "서울특별시 종로구청장"},
        {"김민서", "金旼抒", "020315-4123456", "부산광역시 해운대구 센텀중앙로 79", "101동 1203호 (우동, 센텀아파트)", "2021. 11. 2.", "02/11/2021", "부산광역시 해운대구청장"},
        {"남궁똠", null, "751224-2345678", "대구광역시 수성구 달구벌대로 2450", "(범어동, 범어빌딩 3층)", "2015. 3. 30.", "30/03/2015", "대구광역시 수성구청장"},
        {"황보쀼", null, "100808-3456789", "인천광역시 연수구 컨벤시아대로 165", "202동 501호 (송도동)", "2023. 8. 9.", "09/08/2023", "인천광역시 연수구청장"},
        {"이서윤", "李瑞允", "990101-2987654", "경기도 성남시 분당구 판교역로 235", "에이치스퀘어 N동 7층", "2018. 12. 24.", "24/12/2018", "경기도 성남시 분당구청장"},
        {"박환임", "朴奐任", "891130-1765432", "광주광역시 북구 용봉로 77", "(용봉동, 전남대학교 기숙사 5동)", "2020. 6. 1.", "01/06/2020", "광주광역시 북구청장"},
        // Variety: names in other faces (a card's font is not ours), a surname read as written (류, not 유), Latin marks.
        {"류현욱", "柳玹旭", "050412-3012345", "서울특별시 강남구 테헤란로 152", "B동 1502호 (역삼동, 강남파이낸스센터)", "2022. 4. 18.", "18/04/2022", "서울특별시 강남구청장", "serif"},
        {"정윤아", "鄭昀娥", "870923-2456789", "제주특별자치도 제주시 첨단로 242", "(영평동, 다음스페이스 A-3동)", "2017. 9. 5.", "05/09/2017", "제주특별자치도 제주시장", "plain"},
    };

    public static List<Sample> koreanCards(List<Degradation> degradations) {
        List<Sample> out = new ArrayList<>();
        for (int n = 0; n < CARDS.length; n++) {
            String[] c = CARDS[n];
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("ID", c[2]);
            fields.put("Name", c[1] == null ? c[0] : c[0] + " (" + c[1] + ")");
            fields.put("Address", c[3] + " " + c[4]);
            fields.put("DateOfIssue", c[6]);
            fields.put("Birthday", birthday(c[2]));
            fields.put("Sex", (c[2].charAt(7) - '0') % 2 == 1 ? "男" : "女");
            BufferedImage card = drawKoreanCard(c, new Random(2000 + n));
            for (Degradation d : degradations) {
                out.add(new Sample("korean-" + n, OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, "card", d, d.apply(card, 50 + n), fields));
            }
        }
        return out;
    }

    static String birthday(String id) {
        int century = switch (id.charAt(7)) {
            case '1', '2', '5', '6' -> 1900;
            case '3', '4', '7', '8' -> 2000;
            default -> 1800;
        };
        return id.substring(4, 6) + "/" + id.substring(2, 4) + "/" + (century + Integer.parseInt(id.substring(0, 2)));
    }

    /** Where the face photo sits on the card: the recognizer's crop must fall inside it. */
    public static final java.awt.Rectangle PHOTO = new java.awt.Rectangle(640, 150, 180, 230);

    static BufferedImage drawKoreanCard(String[] c, Random random) {
        int w = 856;
        int h = 540;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, new Color(0xEEF3F1));
        // A faint guilloche-like background, as printed cards have.
        g.setColor(new Color(0xDCE8E4));
        for (int i = -h; i < w; i += 24) {
            g.drawLine(i, h, i + h, 0);
        }
        Color ink = new Color(0x1A1A1A);
        text(g, "주민등록증", CjkFonts.font(CjkFonts.SERIF_KR, Font.BOLD, 46), ink, 40, 90);
        String name = c[1] == null ? c[0] : c[0] + "(" + c[1] + ")";
        String face = c.length > 8 ? c[8] : "";
        Font nameFont = switch (face) {
            case "serif" -> CjkFonts.font(CjkFonts.SERIF_KR, Font.BOLD, 36);
            case "plain" -> CjkFonts.font(CjkFonts.SANS_KR, Font.PLAIN, 36);
            default -> CjkFonts.font(CjkFonts.SANS_KR, Font.BOLD, 36);
        };
        text(g, name, nameFont, ink, 40, 175);
        text(g, c[2], CjkFonts.font(CjkFonts.SANS_KR, Font.PLAIN, 34), ink, 40, 235);
        Font addr = CjkFonts.font(CjkFonts.SANS_KR, Font.PLAIN, 25);
        text(g, c[3], addr, ink, 40, 305);
        text(g, c[4], addr, ink, 40, 345);
        text(g, c[5], CjkFonts.font(CjkFonts.SANS_KR, Font.PLAIN, 26), ink, 300, 430);
        text(g, c[7], CjkFonts.font(CjkFonts.SERIF_KR, Font.BOLD, 30), ink, 250, 485);
        drawFace(g, PHOTO, random);
        g.dispose();
        return img;
    }

    private static void drawFace(Graphics2D g, java.awt.Rectangle r, Random random) {
        java.awt.Shape clip = g.getClip();
        g.setClip(r);
        g.setColor(new Color(0x9FB7C9));
        g.fillRect(r.x, r.y, r.width, r.height);
        g.setColor(new Color(0x3A3A46));
        g.fillOval(r.x + 20, r.y + 150, r.width - 40, 140);
        g.setColor(new Color(0xE9C29E + random.nextInt(0x10)));
        g.fillOval(r.x + 45, r.y + 40, r.width - 90, 125);
        g.setColor(new Color(0x2B2018));
        g.fillArc(r.x + 40, r.y + 25, r.width - 80, 80, 0, 180);
        g.fillOval(r.x + 70, r.y + 95, 10, 8);
        g.fillOval(r.x + r.width - 80, r.y + 95, 10, 8);
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

    private static void text(Graphics2D g, String s, Font font, Color colour, int x, int baseline) {
        g.setFont(font);
        g.setColor(colour);
        g.drawString(s, x, baseline);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
