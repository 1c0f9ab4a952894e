package dev.ocrbridge.localocr;

import java.awt.Rectangle;

/**
 * A text region as the detector finds it: a rectangle turned by {@code angle} (radians, clockwise in image
 * coordinates, y down) about its centre, in page pixels, with the detector's score (0..1).
 */
record TextBox(double centerX, double centerY, double width, double height, double angle, float score) {

    /** The page point at {@code u} along the box's length and {@code v} across it, both from its centre. */
    double x(double u, double v) {
        return centerX + u * Math.cos(angle) - v * Math.sin(angle);
    }

    double y(double u, double v) {
        return centerY + u * Math.sin(angle) + v * Math.cos(angle);
    }

    /** The upright rectangle holding the part of the box from {@code from} to {@code to} along its length. */
    Rectangle bounds(double from, double to) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double u : new double[] {from, to}) {
            for (double v : new double[] {-height / 2, height / 2}) {
                minX = Math.min(minX, x(u, v));
                maxX = Math.max(maxX, x(u, v));
                minY = Math.min(minY, y(u, v));
                maxY = Math.max(maxY, y(u, v));
            }
        }
        int left = (int) Math.floor(minX);
        int top = (int) Math.floor(minY);
        return new Rectangle(left, top, (int) Math.ceil(maxX) - left, (int) Math.ceil(maxY) - top);
    }

    /** The upright rectangle holding the whole box. */
    Rectangle bounds() {
        return bounds(-width / 2, width / 2);
    }

    /**
     * The box on its page turned by {@code turn} about the page's centre ({@code pageCenterX}, {@code pageCenterY}):
     * its centre moved and its length turned with it (an upright box of a short region, whose angle says nothing,
     * stays upright).
     */
    TextBox turned(double turn, double pageCenterX, double pageCenterY) {
        double dx = centerX - pageCenterX;
        double dy = centerY - pageCenterY;
        double cos = Math.cos(turn);
        double sin = Math.sin(turn);
        return new TextBox(pageCenterX + dx * cos - dy * sin, pageCenterY + dx * sin + dy * cos, width, height,
                angle == 0 ? 0 : angle + turn, score);
    }

    /** Where the box's centre line stands across the page's rows when the page's lines run at {@code pageAngle}. */
    double across(double pageAngle) {
        return -centerX * Math.sin(pageAngle) + centerY * Math.cos(pageAngle);
    }

    @Override
    public String toString() {
        return "TextBox[" + Math.round(centerX) + "," + Math.round(centerY) + " " + Math.round(width) + "x"
                + Math.round(height) + "]";
    }
}
