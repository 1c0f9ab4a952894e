package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows of a page's text regions: regions whose centre lines overlap across the page's slant by more than half
 * the thinner one's height stand on one row, read left to right as one line (its text the regions' texts with a
 * space between, its box their union). The slant is the regions' median angle, so a page turned by a few degrees
 * keeps a row's far ends together. Pure: no engine.
 */
final class TextRows {

    private TextRows() {
    }

    /**
     * @param boxes the regions; @param words what was read in each (same order, boxes in page pixels);
     * @param slant the angle the regions' lines run at ({@link #slant})
     * @return the lines, top to bottom
     */
    static List<TextLine> lines(List<TextBox> boxes, List<TextLine> words, double slant) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> boxes.get(i).across(slant)));
        List<List<Integer>> rows = new ArrayList<>();
        for (int i : order) {
            TextBox box = boxes.get(i);
            List<Integer> best = null;
            double bestOverlap = 0;
            for (List<Integer> row : rows) {
                for (int j : row) {
                    TextBox other = boxes.get(j);
                    double a = box.across(slant);
                    double b = other.across(slant);
                    double overlap = Math.min(a + box.height() / 2, b + other.height() / 2)
                            - Math.max(a - box.height() / 2, b - other.height() / 2);
                    double share = overlap / Math.min(box.height(), other.height());
                    if (share > 0.5 && share > bestOverlap) {
                        bestOverlap = share;
                        best = row;
                    }
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                rows.add(best);
            }
            best.add(i);
        }
        // top to bottom across the slant: on a turned page a row's union box starts higher or lower than its middle
        rows.sort(Comparator.comparingDouble(row -> row.stream().mapToDouble(i -> boxes.get(i).across(slant))
                .average().orElse(0)));
        List<TextLine> lines = new ArrayList<>();
        for (List<Integer> row : rows) {
            row.sort(Comparator.comparingDouble(i -> boxes.get(i).centerX()));
            StringBuilder text = new StringBuilder();
            Rectangle box = null;
            double confidence = 0;
            for (int i : row) {
                TextLine word = words.get(i);
                text.append(text.isEmpty() ? "" : " ").append(word.text());
                box = box == null ? new Rectangle(word.box()) : box.union(word.box());
                confidence += word.confidence();
            }
            lines.add(new TextLine(text.toString(), box, (float) (confidence / row.size())));
        }
        return lines;
    }

    /**
     * The angle the page's lines run at: the median of the regions' turned for their length (0 when none is). A
     * hollow line's ({@link TextDetector}, scored under the box threshold) is left out: a ring's axis is not its
     * line's.
     */
    static double slant(List<TextBox> boxes) {
        double[] angles = boxes.stream().filter(b -> b.angle() != 0 && b.score() >= TextDetector.BOX_THRESHOLD)
                .mapToDouble(TextBox::angle).sorted().toArray();
        return angles.length == 0 ? 0 : angles[angles.length / 2];
    }
}
