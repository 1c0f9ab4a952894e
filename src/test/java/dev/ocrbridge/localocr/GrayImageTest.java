package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grey page the engine reads: its own scaling, and painting parts of it out. */
class GrayImageTest {

    @Test
    void scalingUpMatchesJava2dsBicubicWithinAFewLevels() {
        BufferedImage text = new BufferedImage(384, 120, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = text.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 384, 120);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        g.drawString("2022-01-11 04:43  4401**********123X", 10, 60);
        g.dispose();
        double factor = 720.0 / 384;
        int w = (int) Math.round(384 * factor);
        int h = (int) Math.round(120 * factor);
        BufferedImage java2d = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D big = java2d.createGraphics();
        big.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        big.drawImage(text, 0, 0, w, h, null);
        big.dispose();

        GrayImage ours = GrayImage.of(text).scale(factor);

        assertThat(ours.width()).isEqualTo(w);
        assertThat(ours.height()).isEqualTo(h);
        byte[] theirs = GrayImage.of(java2d).pixels();
        long diff = 0;
        int worst = 0;
        for (int i = 0; i < theirs.length; i++) {
            int d = Math.abs((ours.pixels()[i] & 0xFF) - (theirs[i] & 0xFF));
            diff += d;
            worst = Math.max(worst, d);
        }
        assertThat((double) diff / theirs.length).as("mean difference in grey levels").isLessThan(2.0);
        assertThat(worst).as("largest difference, at a glyph's edge").isLessThan(64);
    }

    @Test
    void aTurnedPageTurnsItsPrintAboutTheCentreAndTakesItsMarginsFromTheEdges() {
        // a black bar along the middle row of a white page, with a grey frame at its edges
        int w = 201;
        int h = 101;
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1;
                px[y * w + x] = (byte) (edge ? 200 : Math.abs(y - 50) <= 1 && x >= 20 && x <= 180 ? 0 : 255);
            }
        }
        GrayImage page = GrayImage.of(px, w, h);
        double turn = Math.toRadians(10);

        GrayImage turned = page.turned(turn);

        // clockwise (y down): the bar's right end goes down, its left end up, its middle stays
        int dy = (int) Math.round(70 * Math.tan(turn));
        assertThat(turned.pixels()[(50 + dy) * w + 170] & 0xFF).as("right end").isLessThan(60);
        assertThat(turned.pixels()[(50 - dy) * w + 30] & 0xFF).as("left end").isLessThan(60);
        assertThat(turned.pixels()[50 * w + 100] & 0xFF).as("middle").isLessThan(60);
        assertThat(turned.pixels()[50 * w + 170] & 0xFF).as("where the right end was").isGreaterThan(200);
        // the corners come from beyond the page: the edge's grey, no black
        assertThat(turned.pixels()[0] & 0xFF).as("a corner").isGreaterThan(150);
        // turned back, the bar is where it was
        GrayImage back = turned.turned(-turn);
        assertThat(back.pixels()[50 * w + 170] & 0xFF).isLessThan(100);
        assertThat(back.pixels()[(50 + dy) * w + 170] & 0xFF).isGreaterThan(200);
    }

    @Test
    void aFlatPageStaysFlatAndTheEdgesAreKept() {
        BufferedImage flat = new BufferedImage(10, 7, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = flat.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, 10, 7);
        g.dispose();

        GrayImage scaled = GrayImage.of(flat).scale(2.5);

        assertThat(scaled.width()).isEqualTo(25);
        assertThat(scaled.height()).isEqualTo(18);
        for (byte b : scaled.pixels()) {
            assertThat(b & 0xFF).isEqualTo(200);
        }
    }

    @Test
    void withoutPaintsOutTheDroppedRectanglesButNotWhereAKeptOneOverlaps() {
        BufferedImage black = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
        GrayImage page = GrayImage.of(black);

        GrayImage out = page.without(List.of(new Rectangle(0, 0, 10, 10)), List.of(new Rectangle(5, 0, 10, 5)));

        assertThat(out.pixels()[0] & 0xFF).as("dropped").isEqualTo(255);
        assertThat(out.pixels()[6] & 0xFF).as("dropped, but kept too").isZero();
        assertThat(out.pixels()[7 * 20 + 6] & 0xFF).as("dropped, below the kept one").isEqualTo(255);
        assertThat(out.pixels()[15] & 0xFF).as("never dropped").isZero();
        assertThat(page.pixels()[0] & 0xFF).as("the page itself is unchanged").isZero();
    }

    @Test
    void greyPrintIsDarkenedAgainstALightBackgroundAndADarkPageIsLeftAlone() {
        BufferedImage page = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(247, 247, 247));
        g.fillRect(0, 0, 100, 100);
        g.setColor(new Color(138, 138, 138));
        g.fillRect(0, 0, 20, 10);
        g.setColor(new Color(32, 32, 32));
        g.fillRect(0, 10, 20, 10);
        g.dispose();

        GrayImage darkened = GrayImage.of(page).greyPrintDarkened();

        assertThat(darkened.pixels()[5 * 100 + 5] & 0xFF).as("grey print, 56 % of the background").isBetween(95, 115);
        assertThat(darkened.pixels()[15 * 100 + 5] & 0xFF).as("black print").isLessThan(15);
        assertThat(darkened.pixels()[50 * 100 + 50] & 0xFF).as("the background").isEqualTo(255);
        BufferedImage dark = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        GrayImage night = GrayImage.of(dark);
        assertThat(night.greyPrintDarkened()).as("a dark page").isSameAs(night);
    }
}
