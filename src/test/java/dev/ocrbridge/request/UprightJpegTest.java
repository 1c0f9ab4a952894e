package dev.ocrbridge.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.testsupport.ExifJpegs;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The EXIF Orientation read from a JPEG's head and applied: each of the eight orientations comes out upright, an
 * image without one is not touched, and no malformed Exif block is more than "no orientation".
 */
class UprightJpegTest {

    private static final long LIMIT = 7 * 1024 * 1024;

    /** Upright: 80 × 40, red in the top-left quarter, blue in the top-right, white below. */
    private static BufferedImage upright() {
        BufferedImage image = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 80, 40);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 20);
        g.setColor(Color.BLUE);
        g.fillRect(40, 0, 40, 20);
        g.dispose();
        return image;
    }

    /** What a camera stores for an upright scene when it writes {@code orientation}: the inverse of the turn. */
    private static BufferedImage stored(BufferedImage upright, int orientation) {
        int inverse = switch (orientation) {
            case 6 -> 8;
            case 8 -> 6;
            default -> orientation; // 2, 3, 4, 5, 7 are their own inverses
        };
        return UprightJpeg.turn(upright, inverse);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void eachOrientationComesOutUpright(int orientation) throws IOException {
        byte[] camera = ExifJpegs.withOrientation(ExifJpegs.jpeg(stored(upright(), orientation)), orientation,
                orientation % 2 == 0);
        assertThat(ExifOrientation.of(camera)).isEqualTo(orientation);

        byte[] turned = UprightJpeg.turned(camera, LIMIT);

        assertThat(turned).isNotNull();
        BufferedImage seen = ImageIO.read(new ByteArrayInputStream(turned));
        assertThat(seen.getWidth()).isEqualTo(80);
        assertThat(seen.getHeight()).isEqualTo(40);
        assertThat(near(seen.getRGB(10, 5), Color.RED)).as("top left").isTrue();
        assertThat(near(seen.getRGB(70, 5), Color.BLUE)).as("top right").isTrue();
        assertThat(near(seen.getRGB(40, 35), Color.WHITE)).as("bottom").isTrue();
        assertThat(ExifOrientation.of(turned)).as("the turned image declares nothing more").isEqualTo(1);
    }

    @Test
    void anUprightOrUndeclaredImageIsLeftAsItIs() {
        byte[] plain = ExifJpegs.jpeg(upright());
        assertThat(UprightJpeg.turned(plain, LIMIT)).isNull();
        assertThat(UprightJpeg.turned(ExifJpegs.withOrientation(plain, 1, false), LIMIT)).isNull();
        assertThat(UprightJpeg.turned(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, LIMIT)).isNull();
    }

    @Test
    void aTurnedImageOverTheLimitIsSentAsItWas() {
        byte[] camera = ExifJpegs.withOrientation(ExifJpegs.jpeg(stored(upright(), 6)), 6, false);
        assertThat(UprightJpeg.turned(camera, 64)).isNull();
    }

    @Test
    void malformedExifIsNoOrientation() {
        byte[] jpeg = ExifJpegs.jpeg(upright());
        byte[] segment = ExifJpegs.exifSegment(6, false);
        // the segment's length past the end of the data
        byte[] longer = segment.clone();
        longer[2] = (byte) 0xFF;
        longer[3] = (byte) 0xFF;
        assertThat(ExifOrientation.of(ExifJpegs.withApp1(jpeg, longer))).isEqualTo(1);
        // IFD0's offset past the segment
        byte[] farIfd = segment.clone();
        farIfd[4 + 6 + 4] = 0x7F;
        assertThat(ExifOrientation.of(ExifJpegs.withApp1(jpeg, farIfd))).isEqualTo(1);
        // more entries than the segment holds
        byte[] manyEntries = segment.clone();
        manyEntries[4 + 6 + 8] = (byte) 0xFF;
        manyEntries[4 + 6 + 9] = (byte) 0xFF;
        assertThat(ExifOrientation.of(ExifJpegs.withApp1(jpeg, manyEntries))).isEqualTo(1);
        // a value no orientation has
        assertThat(ExifOrientation.of(ExifJpegs.withOrientation(jpeg, 9, false))).isEqualTo(1);
        assertThat(ExifOrientation.of(ExifJpegs.withOrientation(jpeg, 0, true))).isEqualTo(1);
        // not a TIFF header
        byte[] notTiff = segment.clone();
        notTiff[4 + 6] = 'X';
        assertThat(ExifOrientation.of(ExifJpegs.withApp1(jpeg, notTiff))).isEqualTo(1);
        // cut anywhere
        byte[] camera = ExifJpegs.withOrientation(jpeg, 6, false);
        for (int n = 0; n < 80; n++) {
            int found = ExifOrientation.of(Arrays.copyOf(camera, n));
            assertThat(found).isIn(1, 6);
        }
    }

    @Test
    void randomBytesAfterAJpegStartAreNoOrientationAndEndQuickly() {
        Random random = new Random(24);
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[random.nextInt(600)];
            random.nextBytes(b);
            if (b.length > 3) {
                b[0] = (byte) 0xFF;
                b[1] = (byte) 0xD8;
                b[2] = (byte) 0xFF;
                b[3] = (byte) (i % 2 == 0 ? 0xE1 : 0xFF);
            }
            assertThat(ExifOrientation.of(b)).isBetween(1, 8);
            assertThat(UprightJpeg.turned(b, LIMIT)).isNull(); // whatever it declares, it does not decode
        }
    }

    private static boolean near(int rgb, Color want) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - want.getRed()) < 40 && Math.abs(c.getGreen() - want.getGreen()) < 40
                && Math.abs(c.getBlue() - want.getBlue()) < 40;
    }
}
