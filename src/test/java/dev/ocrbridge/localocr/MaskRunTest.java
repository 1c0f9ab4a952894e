package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs of mask marks found by the glyphs' shapes, in rows of print as the apps draw them. */
class MaskRunTest {

    private static GrayImage row(String text, Color ink, int size) {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        BufferedImage img = new BufferedImage(720, size * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xF7F7F7));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.PLAIN, size));
        g.setColor(ink);
        g.drawString(text, 20, size * 3 / 2);
        g.dispose();
        return GrayImage.of(img);
    }

    @Test
    void aLongRunOfGreyMarksIsCountedWithTheDigitsOnEitherSideApart() {
        GrayImage row = row("1****************6", new Color(0x8A8A8A), 28);

        Optional<MaskRun.Found> run = MaskRun.in(row);

        assertThat(run).isPresent();
        assertThat(run.get().marks()).isEqualTo(16);
        assertThat(run.get().prefix(row.height()).width).as("the '1' before the run").isBetween(5, 20);
        assertThat(run.get().suffix(row.height()).width).as("the '6' after it").isBetween(8, 22);
    }

    @Test
    void theDigitsAreFoundBesideTheRunThoughALargerNameStandsInTheSameRow() {
        // The name's ideographs are taller than the digits: the marks are judged against the print beside them.
        GrayImage row = row("陈*明     44************1029", new Color(0x202020), 30);

        MaskRun.Found run = MaskRun.in(row).orElseThrow();

        assertThat(run.marks()).isEqualTo(12);
        assertThat(run.from() - run.before()).as("two digits before the run").isBetween(20, 45);
        assertThat(run.after() - run.to()).as("four digits after it").isBetween(45, 80);
    }

    @Test
    void rowsWithoutARunOfMarksGiveNone() {
        assertThat(MaskRun.in(row("2022-08-13 09:44:13", new Color(0x202020), 28))).isEmpty();
        assertThat(MaskRun.in(row("身份证号：440106199001011234", new Color(0x202020), 28))).isEmpty();
        assertThat(MaskRun.in(row("核酸检测时间", new Color(0x8A8A8A), 28))).isEmpty();
    }
}
