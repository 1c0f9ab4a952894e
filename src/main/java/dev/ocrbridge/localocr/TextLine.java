package dev.ocrbridge.localocr;

import java.awt.Rectangle;

/** One line of text as the engine read it, with its box in the page's pixels and the engine's confidence (0..100). */
public record TextLine(String text, Rectangle box, float confidence) {

    public int centerY() {
        return box.y + box.height / 2;
    }

    @Override
    public String toString() {
        // Lines carry personal data: only their geometry is printable.
        return "TextLine[" + box.x + "," + box.y + " " + box.width + "x" + box.height + "]";
    }
}
