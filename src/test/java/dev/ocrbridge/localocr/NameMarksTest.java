package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bare masked name's marks told from its ideographs by their shapes, as the apps set such names: large and bold. */
class NameMarksTest {

    private static GrayImage row(String text, String family, int style, int size) {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        BufferedImage img = new BufferedImage(400, size * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xFFF8E6));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(CjkFonts.font(family, style, size));
        g.setColor(new Color(0x202020));
        g.drawString(text, 20, size * 3 / 2);
        g.dispose();
        return GrayImage.of(img);
    }

    private static List<Integer> marks(List<NameMarks.Part> parts) {
        return parts.stream().map(NameMarks.Part::marks).toList();
    }

    @Test
    void marksAfterOrBeforeTheIdeographsAreCounted() {
        assertThat(marks(NameMarks.in(row("赵**", CjkFonts.SANS_SC, Font.BOLD, 50), 0, 400))).containsExactly(0, 2);
        assertThat(marks(NameMarks.in(row("*子涵", CjkFonts.SANS_SC, Font.BOLD, 50), 0, 400))).containsExactly(1, 0);
        assertThat(marks(NameMarks.in(row("钱*文", "Noto Serif CJK SC", Font.BOLD, 40), 0, 400)))
                .containsExactly(0, 1, 0);
    }

    @Test
    void aNameWithoutMarksOrMarksAloneGiveNothing() {
        assertThat(NameMarks.in(row("张子涵", CjkFonts.SANS_SC, Font.BOLD, 50), 0, 400)).isEmpty();
        assertThat(NameMarks.in(row("小兰", CjkFonts.SANS_SC, Font.BOLD, 50), 0, 400)).as("dots are no marks").isEmpty();
        assertThat(NameMarks.in(row("***", CjkFonts.SANS_SC, Font.BOLD, 50), 0, 400)).isEmpty();
    }
}
