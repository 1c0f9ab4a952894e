package dev.ocrbridge.recognizer;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.testsupport.TestImages;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decode reads the image from its array: no byte of it goes through ImageIO's file cache. */
class ImageDecodingCacheTest {

    @Test
    void aLargePngIsDecodedWithoutATemporaryFile(@TempDir Path cache) throws Exception {
        byte[] png = withAncillaryChunk(TestImages.tinyPng(3), 2 * 1024 * 1024);
        File before = ImageIO.getCacheDirectory();
        boolean usedCache = ImageIO.getUseCache();
        List<String> created = new ArrayList<>();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            cache.register(watch, ENTRY_CREATE);
            ImageIO.setCacheDirectory(cache.toFile());
            ImageIO.setUseCache(true);

            assertThat(ImageDecoding.decode(RECOGNIZE_HEALTH_CODE_OCR, png).getWidth()).isEqualTo(2);

            // a file of ours after the decode: its event comes after any the decode caused, so waiting for it
            // waits for them
            Files.createFile(cache.resolve("marker"));
            while (!created.contains("marker")) {
                WatchKey key = watch.poll(60, TimeUnit.SECONDS);
                assertThat(key).as("the marker's creation is seen").isNotNull();
                for (WatchEvent<?> event : key.pollEvents()) {
                    created.add(String.valueOf(event.context()));
                }
                key.reset();
            }
        } finally {
            ImageIO.setCacheDirectory(before);
            ImageIO.setUseCache(usedCache);
        }
        assertThat(created).containsExactly("marker");
    }

    /** The PNG with a private ancillary chunk of {@code size} random bytes before IEND, CRC and all. */
    private static byte[] withAncillaryChunk(byte[] png, int size) {
        int iend = png.length - 12;
        byte[] chunk = new byte[4 + size];
        chunk[0] = 'p';
        chunk[1] = 'r';
        chunk[2] = 'V';
        chunk[3] = 't';
        byte[] data = new byte[size];
        new Random(3).nextBytes(data);
        System.arraycopy(data, 0, chunk, 4, size);
        CRC32 crc = new CRC32();
        crc.update(chunk);
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + size);
        out.put(png, 0, iend).putInt(size).put(chunk).putInt((int) crc.getValue()).put(png, iend, 12);
        return out.array();
    }
}
