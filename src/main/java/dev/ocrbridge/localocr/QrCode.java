package dev.ocrbridge.localocr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.detector.FinderPattern;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a health code's QR code and tells its colour. The colour is what the code means (green, yellow, red) and is
 * read from the modules' hue, never from text. ZXing reads luminance, in which a yellow code on white is too light
 * to find: the first try uses the darkest channel of each pixel, where every saturated colour is dark.
 */
final class QrCode {

    static final String GREEN = "绿色";
    static final String YELLOW = "黄色";
    static final String RED = "红色";

    /** Where the code is (module area plus its quiet zone), and its colour or "" when no hue dominates. */
    record Found(Rectangle area, String colour) {

        /** The same code on the image scaled by {@code factor}. */
        Found scaled(double factor) {
            return new Found(Images.scaled(area, factor), colour);
        }
    }

    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private QrCode() {
    }

    static Optional<Found> find(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        // The darkest channel first: every code colour (and black) is dark in it, so a yellow code is found on the
        // first try instead of after a failed search of the whole page (~30 ms); luminance is the second opinion.
        Result result = decode(new Luminance(w, h, rgb, true));
        if (result == null) {
            result = decode(new Luminance(w, h, rgb, false));
        }
        if (result == null || result.getResultPoints() == null || result.getResultPoints().length < 3) {
            return Optional.empty();
        }
        Rectangle area = area(result.getResultPoints(), w, h);
        return Optional.of(new Found(area, colour(rgb, w, area)));
    }

    private static Result decode(LuminanceSource source) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), HINTS);
        } catch (NotFoundException e) {
            return null;
        } catch (ReaderException e) {
            return null;
        }
    }

    /** The finder patterns' centres lie 3.5 modules inside the corners; one module more covers anti-aliasing. */
    private static Rectangle area(ResultPoint[] points, int w, int h) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -1;
        float maxY = -1;
        for (int i = 0; i < 3; i++) {
            minX = Math.min(minX, points[i].getX());
            minY = Math.min(minY, points[i].getY());
            maxX = Math.max(maxX, points[i].getX());
            maxY = Math.max(maxY, points[i].getY());
        }
        float module = points[0] instanceof FinderPattern f ? f.getEstimatedModuleSize()
                : Math.max(maxX - minX, maxY - minY) / 14f;
        float pad = module * 5f;
        int x0 = Math.max(0, (int) (minX - pad));
        int y0 = Math.max(0, (int) (minY - pad));
        int x1 = Math.min(w, (int) Math.ceil(maxX + pad));
        int y1 = Math.min(h, (int) Math.ceil(maxY + pad));
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    /** Majority hue of the saturated pixels inside the code. */
    static String colour(int[] rgb, int w, Rectangle area) {
        int green = 0;
        int yellow = 0;
        int red = 0;
        float[] hsb = new float[3];
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                int p = rgb[y * w + x];
                java.awt.Color.RGBtoHSB((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, hsb);
                if (hsb[1] < 0.45f || hsb[2] < 0.35f) {
                    continue;
                }
                float deg = hsb[0] * 360f;
                if (deg >= 75 && deg <= 170) {
                    green++;
                } else if (deg >= 35 && deg < 75) {
                    yellow++;
                } else if (deg < 20 || deg >= 330) {
                    red++;
                }
            }
        }
        int best = Math.max(green, Math.max(yellow, red));
        if (best < 50) {
            return "";
        }
        return best == green ? GREEN : best == yellow ? YELLOW : RED;
    }

    /** ZXing's view of the page: plain luminance, or each pixel's darkest channel. */
    private static final class Luminance extends LuminanceSource {
        private final byte[] luma;

        Luminance(int w, int h, int[] rgb, boolean darkestChannel) {
            super(w, h);
            luma = new byte[w * h];
            for (int i = 0; i < luma.length; i++) {
                int p = rgb[i];
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                int v = darkestChannel ? Math.min(r, Math.min(g, b)) : (r * 299 + g * 587 + b * 114) / 1000;
                luma[i] = (byte) v;
            }
        }

        @Override
        public byte[] getRow(int y, byte[] row) {
            int w = getWidth();
            byte[] out = row != null && row.length >= w ? row : new byte[w];
            System.arraycopy(luma, y * w, out, 0, w);
            return out;
        }

        @Override
        public byte[] getMatrix() {
            return luma;
        }
    }
}
