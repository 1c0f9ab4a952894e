package dev.ocrbridge.localocr;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairs a row of labels with the row of values it names, by where they stand: apps print a value beside its label,
 * under it, over it, or in columns (three values over three labels). A row that holds labels and nothing else takes
 * its values from the neighbouring row, above or below, that stands nearer to it (a label is set closer to its own
 * value than to the next field's); each value cell goes to the label whose column it overlaps most. The result is
 * the page's lines with each such pair written as "label value" lines, which {@link HealthCodeLayout} reads as it
 * reads a label beside its value. Pure: no engine.
 */
final class LabelGeometry {

    private LabelGeometry() {
    }

    /** A run of words on one line with no wide gap inside. */
    record Cell(String text, Rectangle box) {
    }

    /**
     * @param lines the page's lines, top to bottom; @param words the same read's words (boxes in the same pixels)
     * @return the lines' texts, label rows and their value rows merged into "label value" lines
     */
    static List<String> pair(List<TextLine> lines, List<TextLine> words) {
        int n = lines.size();
        List<List<Cell>> cells = new ArrayList<>();
        boolean[] labelRow = new boolean[n];
        for (int i = 0; i < n; i++) {
            // The code's colour in words is a chip that may stand on a row of labels (a card of its own beside theirs).
            List<Cell> row = labelsJoined(cells(lines.get(i), words).stream()
                    .filter(c -> !HealthCodeLayout.colourInWords(c.text())).toList());
            cells.add(row);
            // One label with nothing after it, or several (columns); the line's text counts, not only its words: a
            // value read again right of its label is in the text alone.
            labelRow[i] = !row.isEmpty() && row.stream().allMatch(c -> HealthCodeLayout.labelOnly(c.text()))
                    && (row.size() > 1 || HealthCodeLayout.labelOnly(lines.get(i).text()));
        }
        String[] out = new String[n];
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = lines.get(i).text();
        }
        for (int i = 0; i < n; i++) {
            if (!labelRow[i]) {
                continue;
            }
            // A row that starts with a label of its own (更新 2022-04-21 18:20:10 over a heading) is its label's value.
            int above = i > 0 && !labelRow[i - 1] && !used[i - 1]
                    && !HealthCodeLayout.labelled(lines.get(i - 1).text()) ? i - 1 : -1;
            int below = i + 1 < n && !labelRow[i + 1] && !used[i + 1]
                    && !HealthCodeLayout.labelled(lines.get(i + 1).text()) ? i + 1 : -1;
            Rectangle box = lines.get(i).box();
            int gapAbove = above < 0 ? Integer.MAX_VALUE : box.y - bottom(lines.get(above).box());
            int gapBelow = below < 0 ? Integer.MAX_VALUE : lines.get(below).box().y - bottom(box);
            List<Cell> labels = cells.get(i);
            int values = gapAbove < gapBelow ? above : below;
            if (values < 0 || !near(Math.min(gapAbove, gapBelow), box, lines.get(values).box())) {
                continue;
            }
            // Columns of labels: the row of values is the one that fills more of their columns, when both are near
            // (values over their labels, a line of another record set close under them: 无记录 -- 已完成全程接种 over
            // 核酸结果 检测间隔 疫苗接种, 暂无核酸检测记录 under the first column alone).
            int other = values == above ? below : above;
            int otherGap = values == above ? gapBelow : gapAbove;
            if (labels.size() > 1 && other >= 0 && near(otherGap, box, lines.get(other).box())
                    && columnsFilled(labels, cells.get(other)) > columnsFilled(labels, cells.get(values))) {
                values = other;
            }
            List<Cell> valueCells = cells.get(values);
            if (labels.size() == 1 && !overlaps(labels.get(0).box(), lines.get(values).box())) {
                continue;
            }
            StringBuilder[] paired = new StringBuilder[labels.size()];
            for (Cell v : valueCells) {
                int best = column(labels, v.box());
                if (paired[best] == null) {
                    paired[best] = new StringBuilder();
                } else {
                    paired[best].append(' ');
                }
                paired[best].append(v.text());
            }
            List<String> merged = new ArrayList<>();
            for (int k = 0; k < labels.size(); k++) {
                merged.add(labels.get(k).text() + " " + (paired[k] == null ? "" : paired[k]));
            }
            out[i] = String.join("\n", merged);
            out[values] = null;
            used[values] = true;
            used[i] = true;
        }
        List<String> result = new ArrayList<>();
        for (String s : out) {
            if (s != null) {
                result.addAll(List.of(s.split("\n")));
            }
        }
        return result;
    }

    /**
     * The row's cells with a label the engine boxed in two words far apart (接种 | 日期, a wide-set small label)
     * made one cell again: two neighbours that are a label together and not both labels alone.
     */
    static List<Cell> labelsJoined(List<Cell> row) {
        List<Cell> out = new ArrayList<>(row);
        for (int k = 0; k + 1 < out.size(); k++) {
            Cell a = out.get(k);
            Cell b = out.get(k + 1);
            String joined = a.text() + " " + b.text();
            if (HealthCodeLayout.labelOnly(joined)
                    && !(HealthCodeLayout.labelOnly(a.text()) && HealthCodeLayout.labelOnly(b.text()))) {
                out.set(k, new Cell(joined, a.box().union(b.box())));
                out.remove(k + 1);
                k--;
            }
        }
        return out;
    }

    /**
     * Whether a row {@code gap} pixels from the label row may hold its values: within about two lines; farther, a
     * heading over a list, not a label over its value.
     */
    private static boolean near(int gap, Rectangle labels, Rectangle values) {
        return gap <= 2 * Math.max(labels.height, values.height);
    }

    /** How many of the labels' columns some value cell overlaps. */
    private static int columnsFilled(List<Cell> labels, List<Cell> values) {
        int filled = 0;
        for (Cell label : labels) {
            filled += values.stream().anyMatch(v -> overlaps(label.box(), v.box())) ? 1 : 0;
        }
        return filled;
    }

    /** The label whose column the value overlaps most; the nearest by centre when it overlaps none. */
    private static int column(List<Cell> labels, Rectangle value) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < labels.size(); k++) {
            Rectangle l = labels.get(k).box();
            double overlap = Math.min(l.x + l.width, value.x + value.width) - Math.max(l.x, value.x);
            double score = overlap > 0 ? overlap : -Math.abs(l.getCenterX() - value.getCenterX());
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    /** The line's words in runs split where the gap is wider than about a character (the line's height). */
    static List<Cell> cells(TextLine line, List<TextLine> words) {
        List<TextLine> mine = new ArrayList<>();
        for (TextLine w : words) {
            if (line.box().contains(w.box().getCenterX(), w.box().getCenterY()) && !w.text().isBlank()) {
                mine.add(w);
            }
        }
        mine.sort((a, b) -> Integer.compare(a.box().x, b.box().x));
        List<Cell> out = new ArrayList<>();
        StringBuilder text = null;
        Rectangle box = null;
        for (TextLine w : mine) {
            if (box != null && w.box().x - (box.x + box.width) > line.box().height) {
                out.add(new Cell(text.toString(), box));
                text = null;
                box = null;
            }
            if (box == null) {
                text = new StringBuilder(w.text());
                box = new Rectangle(w.box());
            } else {
                text.append(' ').append(w.text());
                box = box.union(w.box());
            }
        }
        if (box != null) {
            out.add(new Cell(text.toString(), box));
        }
        return out;
    }

    private static boolean overlaps(Rectangle a, Rectangle b) {
        return Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x);
    }

    private static int bottom(Rectangle r) {
        return r.y + r.height;
    }
}
