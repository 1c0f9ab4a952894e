package dev.ocrbridge.localocr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The date of issue when the engine reads its dots as digits ({@code 2019. 8. 5.} as {@code 2019707808.}: small
 * serif print, a JPEG's blur or noise): the dots are found by their shape (a small blob on the baseline, far lower
 * and narrower than a digit) and left out, and the digit groups between them are set apart on a line of their own,
 * a wide gap between each, to be read with digits only. Pure: pixels in, pixels out.
 */
final class KoreanCardDate {

    private KoreanCardDate() {
    }

    /**
     * The date line's digit groups without its dots, one gap of the print's height between each; null when the line
     * does not show two or three dots between digits (then it is no date of this form).
     */
    static GrayImage withoutDots(GrayImage line) {
        List<int[]> runs = line.inkRuns(1);
        int dark = line.darkLevel();
        List<int[]> glyphs = new ArrayList<>();
        int top = line.height();
        int bottom = -1;
        for (int[] run : runs) {
            int[] extent = line.inkExtent(run[0], run[1], dark);
            if (extent == null) {
                // A lone dark pixel: a speck of noise.
                continue;
            }
            glyphs.add(new int[] {run[0], run[1], extent[0], extent[1]});
            top = Math.min(top, extent[0]);
            bottom = Math.max(bottom, extent[1]);
        }
        int height = bottom - top;
        if (glyphs.size() < 5 || height < 8) {
            return null;
        }
        // The groups of digits between dots: a dot is narrow, short, and sits in the lower part of the print.
        List<int[]> groups = new ArrayList<>();
        int groupStart = -1;
        int groupEnd = -1;
        int dots = 0;
        for (int[] g : glyphs) {
            boolean dot = g[1] - g[0] <= height * 0.45 && g[3] - g[2] <= height * 0.35 && g[2] >= top + height * 0.5;
            if (dot) {
                if (groupStart >= 0) {
                    groups.add(new int[] {groupStart, groupEnd});
                    groupStart = -1;
                    dots++;
                }
                continue;
            }
            if (groupStart < 0) {
                groupStart = g[0];
            }
            groupEnd = g[1];
        }
        if (groupStart >= 0) {
            groups.add(new int[] {groupStart, groupEnd});
        }
        if (dots < 2 || groups.size() != 3) {
            return null;
        }
        int gap = height;
        int margin = height / 2;
        int width = 2 * margin + (groups.size() - 1) * gap;
        for (int[] g : groups) {
            width += g[1] - g[0];
        }
        int rows = Math.min(line.height(), bottom + margin) - Math.max(0, top - margin);
        int from = Math.max(0, top - margin);
        BufferedImage image = new BufferedImage(width, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        // The line's own background (its dark level is 60 under it) around the groups: no edges where they were cut.
        Arrays.fill(out, (byte) Math.min(255, dark + 60));
        byte[] in = line.pixels();
        int x = margin;
        for (int[] g : groups) {
            for (int y = 0; y < rows; y++) {
                System.arraycopy(in, (from + y) * line.width() + g[0], out, y * width + x, g[1] - g[0]);
            }
            x += g[1] - g[0] + gap;
        }
        return GrayImage.of(image);
    }
}
