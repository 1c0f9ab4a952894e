package dev.ocrbridge.localocr;

import java.awt.Rectangle;

/** Grey levels of a part of a page, for tests that check what a page's preparation did to its light and print. */
final class PageLevels {

    private PageLevels() {
    }

    static double mean(GrayImage img, Rectangle r) {
        long sum = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                sum += img.pixels()[y * img.width() + x] & 0xFF;
            }
        }
        return (double) sum / (r.width * r.height);
    }

    static int darkest(GrayImage img, Rectangle r) {
        int min = 255;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                min = Math.min(min, img.pixels()[y * img.width() + x] & 0xFF);
            }
        }
        return min;
    }
}
