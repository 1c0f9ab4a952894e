package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Thin table rules on a page turned a little, taken out; tinted bands and print left alone. */
class RulesTest {

    @Test
    void slantedAndUprightRulesGoWhileABandAndPrintStay() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        BufferedImage img = new BufferedImage(720, 700, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 720, 700);
        // A tinted band with print on it, as a banner holding the place.
        g.setColor(new Color(0xFFE0B2));
        g.fillRect(40, 40, 640, 56);
        g.setColor(new Color(0x5D4037));
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, 28));
        g.drawString("场所：武侯区农贸市场", 60, 78);
        // A table's rules, the page turned by 2 degrees (a rule then falls 23 px over its length), and a column rule.
        g.setColor(new Color(0xB0BEC5));
        g.setStroke(new BasicStroke(1.5f));
        for (int row = 0; row < 4; row++) {
            int y = 200 + row * 64;
            g.drawLine(36, y, 684, y + 23);
        }
        g.drawLine(262, 200, 262, 600);
        g.setColor(new Color(0x202020));
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, 26));
        g.drawString("阴性", 300, 250);
        g.dispose();
        GrayImage page = GrayImage.of(img);

        GrayImage out = Rules.removed(page);

        // Where two rules cross, the ink is thick across either: those few pixels stay.
        assertThat(darkIn(out, 100, 200, 600, 232)).as("the slanted rule's ink, away from the print")
                .isLessThan(darkIn(page, 100, 200, 600, 232) / 10);
        assertThat(darkIn(out, 255, 420, 270, 600)).as("the column rule's ink below the table's rows").isZero();
        assertThat(darkIn(out, 300, 220, 360, 256)).as("the print in the table")
                .isEqualTo(darkIn(page, 300, 220, 360, 256));
        assertThat(darkIn(out, 40, 40, 680, 96)).as("the band and the print on it")
                .isEqualTo(darkIn(page, 40, 40, 680, 96));
    }

    /** Pixels darker than the rules' threshold in the rectangle from (x0, y0) to (x1, y1). */
    private static int darkIn(GrayImage page, int x0, int y0, int x1, int y1) {
        byte[] px = page.pixels();
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += (px[y * page.width() + x] & 0xFF) < 235 ? 1 : 0;
            }
        }
        return n;
    }
}
