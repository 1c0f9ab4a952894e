package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pictures that are no text found on a screenshot, and what is left alone. */
class PicturesTest {

    @Test
    void anAvatarIsFoundButNotABarOrABadgeWithWordsNorBoldText() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        BufferedImage img = new BufferedImage(720, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xF7F7F7));
        g.fillRect(0, 0, 720, 600);
        // A title bar with white words, full width.
        g.setColor(new Color(0x0B7A3B));
        g.fillRect(0, 0, 720, 100);
        g.setColor(Color.WHITE);
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 40));
        g.drawString("苏康码", 300, 70);
        // An avatar, a large bold name beside it.
        g.setColor(new Color(0xB0BEC5));
        g.fillOval(50, 150, 90, 90);
        g.setColor(new Color(0x78909C));
        g.fillOval(80, 168, 30, 30);
        g.setColor(new Color(0x202020));
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 48));
        g.drawString("赵**", 165, 210);
        // A round badge with words in it.
        g.setColor(new Color(0x1AAD19));
        g.fillOval(300, 300, 140, 140);
        g.setColor(Color.WHITE);
        g.setFont(CjkFonts.font(CjkFonts.SANS_SC, Font.BOLD, 44));
        g.drawString("阴性", 326, 386);
        g.dispose();

        List<Rectangle> found = Pictures.find(GrayImage.of(img), 56);

        assertThat(found).hasSize(1);
        Rectangle avatar = found.get(0);
        assertThat(avatar.contains(new Rectangle(52, 152, 86, 86))).as("the whole avatar: " + avatar).isTrue();
        assertThat(avatar.x + avatar.width).as("not the name beside it").isLessThan(165);
    }
}
