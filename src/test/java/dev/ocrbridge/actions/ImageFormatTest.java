package dev.ocrbridge.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The end-marker check walks the structure: trailers of any length pass, files cut anywhere before the end fail. */
class ImageFormatTest {

    @Test
    void bytesAfterThePngEndChunkAreAcceptedHoweverMany() {
        byte[] png = TestImages.noisePng(1);
        for (int trailer : new int[] {0, 1, 4096, 4097, 64 * 1024}) {
            assertThat(ImageFormat.PNG.looksComplete(concat(png, noise(trailer, trailer)))).as("trailer %d", trailer)
                    .isTrue();
        }
    }

    @Test
    void bytesAfterTheJpegEndMarkerAreAcceptedHoweverMany() {
        byte[] jpeg = TestImages.noiseJpeg(2);
        for (int trailer : new int[] {0, 1, 4096, 4097, 64 * 1024}) {
            assertThat(ImageFormat.JPEG.looksComplete(concat(jpeg, noise(trailer, trailer)))).as("trailer %d", trailer)
                    .isTrue();
        }
    }

    @Test
    void aPngCutAnywhereBeforeItsEndIsIncomplete() {
        byte[] png = TestImages.noisePng(3);
        for (int cut = 8; cut < png.length; cut++) {
            assertThat(ImageFormat.PNG.looksComplete(Arrays.copyOf(png, cut))).as("cut at %d", cut).isFalse();
        }
    }

    @Test
    void aJpegCutAnywhereBeforeItsEndIsIncompleteEvenWhenAnEndMarkerCameEarlier() {
        byte[] jpeg = TestImages.noiseJpeg(4);
        for (int cut = 2; cut < jpeg.length; cut++) {
            assertThat(ImageFormat.JPEG.looksComplete(Arrays.copyOf(jpeg, cut))).as("cut at %d", cut).isFalse();
        }
        // an EXIF-style APP1 segment holding a thumbnail's own FFD8..FFD9, then a cut main image
        byte[] thumbnail = TestImages.noiseJpeg(5);
        ByteArrayOutputStream withThumbnail = new ByteArrayOutputStream();
        withThumbnail.write(0xFF);
        withThumbnail.write(0xD8);
        withThumbnail.write(0xFF);
        withThumbnail.write(0xE1);
        int length = thumbnail.length + 2;
        withThumbnail.write(length >> 8);
        withThumbnail.write(length & 0xFF);
        withThumbnail.writeBytes(thumbnail);
        withThumbnail.writeBytes(Arrays.copyOfRange(jpeg, 2, jpeg.length));
        byte[] whole = withThumbnail.toByteArray();
        assertThat(ImageFormat.JPEG.looksComplete(whole)).isTrue();
        assertThat(ImageFormat.JPEG.looksComplete(Arrays.copyOf(whole, whole.length - 10))).isFalse();
    }

    private static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
