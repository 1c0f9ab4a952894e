package dev.ocrbridge.request;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A photographed JPEG turned the way its EXIF Orientation says, so the card reaches the API upright: Tencent reads
 * the pixels as stored, and a phone held sideways stores the card sideways.
 *
 * <p>Only a JPEG declaring an orientation of 2 to 8 is decoded; any other image costs a look at its head and is sent
 * as it is. The turned image is written as a JPEG of high quality (a PNG of a photograph would be several times its
 * size and fail the API's 7 MB limit), at a lower quality if that is still over {@code maxBase64Bytes}, and left
 * unturned if even that is. An image the JDK cannot decode (a CMYK JPEG) is sent as it is: turning is a courtesy,
 * the API and the pre-check judge the image.
 */
public final class UprightJpeg {

    /** The longest side decoded at full resolution; a larger photograph is subsampled to about this (12 MP phones fit). */
    static final int MAX_SIDE = 4_096;
    private static final float[] QUALITIES = {0.95f, 0.85f};

    private UprightJpeg() {
    }

    /**
     * @param image the JPEG (or any image: others come back as they are)
     * @return the image turned upright, or null when it is upright already or cannot be turned within the limit
     */
    public static byte[] turned(byte[] image, long maxBase64Bytes) {
        int orientation = ExifOrientation.of(image);
        if (orientation == ExifOrientation.UPRIGHT) {
            return null;
        }
        BufferedImage stored = decode(image);
        if (stored == null) {
            return null;
        }
        BufferedImage upright = turn(stored, orientation);
        for (float quality : QUALITIES) {
            byte[] jpeg = JpegEncoder.encode(upright, quality);
            if (jpeg != null && ImagePreCheck.base64Length(jpeg.length) <= maxBase64Bytes) {
                return jpeg;
            }
        }
        return null;
    }

    /** The stored pixels drawn as the orientation says they are seen (EXIF 2.32, tag 0x0112). */
    static BufferedImage turn(BufferedImage stored, int orientation) {
        int w = stored.getWidth();
        int h = stored.getHeight();
        // maps a stored pixel's position to where it is seen; 5 to 8 swap width and height
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        boolean swapped = orientation >= 5 && orientation <= 8;
        BufferedImage out = new BufferedImage(swapped ? h : w, swapped ? w : h,
                stored.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            // quarter turns and mirrors land on whole pixels: nothing to interpolate
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(stored, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The JPEG decoded (subsampled past {@link #MAX_SIDE}), or null when the JDK cannot or the image is absurd. */
    private static BufferedImage decode(byte[] image) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > ImagePreCheck.MAX_SIDE_PIXELS
                        || height > ImagePreCheck.MAX_SIDE_PIXELS) {
                    return null;
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (Math.max(width, height) + MAX_SIDE - 1) / MAX_SIDE;
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
