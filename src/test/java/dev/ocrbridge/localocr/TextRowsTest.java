package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rows of a page's text regions, on a page turned as the degraded screenshots are. */
class TextRowsTest {

    @Test
    void aLabelAndItsValueFarRightOnAPageTurnedByThreeDegreesAreOneLine() {
        double slant = Math.toRadians(3);
        // A label at the left, its value 400 px to its right: on the turned page the value's centre stands 21 px lower,
        // more than half the rows' 30 px height; the next row 60 px below the label.
        List<TextBox> boxes = List.of(
                new TextBox(100, 200, 120, 30, slant, 0.9f),
                new TextBox(500, 200 + 400 * Math.tan(slant), 100, 30, slant, 0.9f),
                new TextBox(100, 260, 120, 30, slant, 0.9f),
                new TextBox(480, 260 + 380 * Math.tan(slant), 140, 30, slant, 0.9f));
        List<TextLine> words = new ArrayList<>();
        for (String text : List.of("检测结果", "阴性", "检测时间", "2022-05-01 10:20")) {
            words.add(new TextLine(text, boxes.get(words.size()).bounds(), 90f));
        }

        List<TextLine> lines = TextRows.lines(boxes, words, TextRows.slant(boxes));

        assertThat(lines).extracting(TextLine::text).containsExactly("检测结果 阴性", "检测时间 2022-05-01 10:20");
        assertThat(lines.get(0).box()).isEqualTo(words.get(0).box().union(words.get(1).box()));
    }

    @Test
    void regionsAreReadLeftToRightWhateverTheirOrder() {
        List<TextBox> boxes = List.of(new TextBox(400, 100, 80, 24, 0, 0.9f), new TextBox(100, 102, 80, 24, 0, 0.9f));
        List<TextLine> words = List.of(new TextLine("张*三", boxes.get(0).bounds(), 90f),
                new TextLine("姓名", boxes.get(1).bounds(), 90f));

        assertThat(TextRows.lines(boxes, words, TextRows.slant(boxes))).extracting(TextLine::text).containsExactly("姓名 张*三");
    }
}
