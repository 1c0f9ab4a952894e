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

/** A page lit unevenly made even, its print kept dark; a page lit evenly, or dark on purpose, left as it is. */
class EvenLightTest {

    @Test
    void aPageDimmedTowardsOneCornerIsEvenedAndItsGreyPrintStaysPrint() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        BufferedImage flat = page();
        // Light falling off towards the lower left, 40 % darker there, as a photo under one lamp.
        GrayImage dimmed = GrayImage.of(Degradation.unevenLight(flat, 0.4));
        Rectangle corner = new Rectangle(10, 560, 300, 30);
        assertThat(mean(dimmed, corner)).as("the dim corner's page before").isLessThan(175);

        GrayImage even = EvenLight.evened(dimmed);

        assertThat(mean(even, corner)).as("the dim corner's page").isGreaterThan(235);
        assertThat(mean(even, new Rectangle(600, 10, 100, 30))).as("the bright corner's page").isGreaterThan(235);
        // Grey print in the dim corner is as much darker than its page as it was before the light fell off.
        int print = darkest(even, new Rectangle(40, 500, 300, 50));
        assertThat(print).as("the grey label in the dim corner").isLessThan(160);
    }

    @Test
    void aPageLitEvenlyAPageInDarkModeAndANoisyDarkBandAreReturnedAsTheyAre() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        GrayImage even = GrayImage.of(page());
        assertThat(EvenLight.evened(even)).isSameAs(even);

        // Light print on a near-black page: its ground is dark on purpose, not a page the light missed.
        BufferedImage dark = new BufferedImage(720, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dark.createGraphics();
        g.setColor(new Color(0x15181C));
        g.fillRect(0, 0, 720, 600);
        g.setColor(new Color(0xECEFF1));
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, 26));
        g.drawString("疫苗接种：已接种3针", 40, 120);
        g.drawString("接种日期：2021/06/10", 40, 520);
        g.dispose();
        GrayImage night = GrayImage.of(dark);
        assertThat(EvenLight.evened(night)).isSameAs(night);

        // A dark band with grain on it is a ground, not a dimmed page: its grain is never lifted into grey.
        BufferedImage banded = page();
        g = banded.createGraphics();
        g.setColor(new Color(0x00574B));
        g.fillRect(0, 0, 720, 300);
        g.dispose();
        GrayImage noisy = GrayImage.of(Degradation.noise(banded, 18, 7));
        assertThat(EvenLight.evened(noisy)).isSameAs(noisy);
    }

    /** A light page with black print at the top and grey print at the bottom left. */
    private static BufferedImage page() {
        BufferedImage img = new BufferedImage(720, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xF7F7F7));
        g.fillRect(0, 0, 720, 600);
        g.setColor(new Color(0x202020));
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 40));
        g.drawString("核酸检测结果 阴性", 40, 200);
        g.setColor(new Color(0x8A8A8A));
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, 26));
        g.drawString("接种日期 2021-06-10", 40, 540);
        g.dispose();
        return img;
    }
}
