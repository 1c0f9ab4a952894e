package dev.ocrbridge.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** JPEGs as cameras write them: an APP1 Exif segment with IFD0's Orientation, written byte by byte here. */
public final class ExifJpegs {

    private ExifJpegs() {
    }

    /**
     * What a phone held a quarter turn clockwise stores for an upright scene, to be written with orientation 6
     * ("turn a quarter clockwise to see it"): the scene a quarter turn counter-clockwise.
     */
    public static BufferedImage storedForOrientation6(BufferedImage upright) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = stored.createGraphics();
        g.drawImage(upright, new java.awt.geom.AffineTransform(0, -1, 1, 0, 0, w), null);
        g.dispose();
        return stored;
    }

    /** The image as a JPEG of quality 0.95, with no EXIF. */
    public static byte[] jpeg(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(image, 0, 0, null);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment declaring {@code orientation}, inserted after SOI and any APP0. */
    public static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        return withApp1(jpeg, exifSegment(orientation, littleEndian));
    }

    /** The APP1 Exif segment, marker and length included, with one IFD0 entry: Orientation. */
    public static byte[] exifSegment(int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(littleEndian ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M'));
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] body = tiff.array();
        int length = 2 + 6 + body.length;
        ByteBuffer segment = ByteBuffer.allocate(2 + length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
        segment.put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(body);
        return segment.array();
    }

    /** The JPEG with {@code segment} inserted after SOI and the APP0 (JFIF) segment when there is one. */
    public static byte[] withApp1(byte[] jpeg, byte[] segment) {
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        }
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(jpeg, at, out, at + segment.length, jpeg.length - at);
        return out;
    }
}
