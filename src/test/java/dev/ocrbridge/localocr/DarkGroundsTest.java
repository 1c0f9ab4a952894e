package dev.ocrbridge.localocr;

import static dev.ocrbridge.localocr.PageLevels.darkest;
import static dev.ocrbridge.localocr.PageLevels.mean;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Light print on dark grounds turned dark on light; dark print on the page and on mid-dark grounds left alone. */
class DarkGroundsTest {

    @Test
    void whiteWordsOnABandAndOnAPillTurnDarkOnLightAndTheRestStays() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        BufferedImage img = new BufferedImage(720, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xF7F7F7));
        g.fillRect(0, 0, 720, 500);
        // A dark band, full width, with a name in white; a green pill with a result in white.
        g.setColor(new Color(0x00574B));
        g.fillRect(0, 0, 720, 120);
        g.setColor(Color.WHITE);
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 44));
        g.drawString("司马*然", 180, 80);
        g.setColor(new Color(0x2E7D32));
        g.fillRoundRect(300, 170, 110, 56, 56, 56);
        g.setColor(Color.WHITE);
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 32));
        g.drawString("阴性", 323, 210);
        // Black print on the page, large and bold; black print on a mid-grey bar.
        g.setColor(new Color(0x202020));
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 50));
        g.drawString("赵**", 60, 320);
        g.setColor(new Color(0x808080));
        g.fillRect(0, 380, 720, 80);
        g.setColor(Color.BLACK);
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, 30));
        g.drawString("核酸检测结果", 60, 432);
        g.dispose();
        GrayImage page = GrayImage.of(img);

        GrayImage light = DarkGrounds.lightened(page);

        // The band and the pill are light now, their words dark; nothing outlines them.
        Rectangle bandWords = new Rectangle(180, 36, 200, 56);
        assertThat(mean(light, new Rectangle(20, 20, 120, 80))).as("the band's ground").isGreaterThan(230);
        assertThat(darkest(light, bandWords)).as("the name on the band").isLessThan(110);
        assertThat(mean(light, new Rectangle(0, 118, 720, 6))).as("the band's lower edge").isGreaterThan(200);
        assertThat(darkest(light, new Rectangle(323, 180, 64, 36))).as("the result on the pill").isLessThan(130);
        assertThat(mean(light, new Rectangle(302, 176, 14, 44))).as("the pill's end").isGreaterThan(200);
        // The page's own print and the grey bar with black words are as they were.
        for (Rectangle kept : new Rectangle[] {new Rectangle(40, 260, 200, 80), new Rectangle(0, 380, 720, 80)}) {
            assertThat(same(page, light, kept)).as("unchanged: " + kept).isTrue();
        }
    }

    @Test
    void aPageWithoutDarkGroundsIsReturnedAsItIs() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        BufferedImage img = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 200);
        g.setColor(Color.BLACK);
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 48));
        g.drawString("疫苗接种", 20, 100);
        g.dispose();
        GrayImage page = GrayImage.of(img);

        assertThat(DarkGrounds.lightened(page)).isSameAs(page);
    }

    private static boolean same(GrayImage a, GrayImage b, Rectangle r) {
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (a.pixels()[y * a.width() + x] != b.pixels()[y * b.width() + x]) {
                    return false;
                }
            }
        }
        return true;
    }
}
