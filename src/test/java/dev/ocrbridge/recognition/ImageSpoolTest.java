package dev.ocrbridge.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.request.HashedImageFile;
import dev.ocrbridge.request.ImageBase64Body;
import dev.ocrbridge.request.RequestBodyWriter;
import dev.ocrbridge.request.RequestOptions;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spool keeps each image in flight as a private file, hashed as it is written; the copies of a process that is
 * gone are removed when the next one starts to spool, those of a live one never.
 */
class ImageSpoolTest {

    @TempDir
    Path root;

    @Test
    void aCopyHoldsTheBytesAndTheirHashAndIsNotInTheHeap() throws IOException {
        byte[] image = new byte[1_000_003];
        new Random(7).nextBytes(image);
        SpooledImage copy = new ImageSpool(root).copy(new ByteArrayInputStream(image));

        assertThat(copy.inMemory()).isNull();
        assertThat(copy.file()).startsWith(root);
        assertThat(Files.readAllBytes(copy.file())).isEqualTo(image);
        assertThat(copy.size()).isEqualTo(image.length);
        assertThat(copy.sha256()).isEqualTo(dev.ocrbridge.signing.Tc3Signer.sha256Hex(image, 0, image.length));
        copy.delete();
        assertThat(copy.file()).doesNotExist();
    }

    @Test
    void theCopiesOfAProcessThatIsGoneAreRemovedAndThoseOfALiveOneKept() throws IOException {
        // a crashed process's folder: nobody holds its lock
        Path dead = Files.createDirectories(root.resolve("dead-process"));
        Files.createFile(dead.resolve(".lock"));
        Files.write(dead.resolve("left-over.img"), new byte[] {1, 2, 3});
        ImageSpool live = new ImageSpool(root, 0);
        SpooledImage kept = live.copy(new ByteArrayInputStream(new byte[] {4}));
        assertThat(dead).doesNotExist();

        new ImageSpool(root, 0).copy(new ByteArrayInputStream(new byte[] {5}));

        assertThat(kept.file()).exists();
    }

    @Test
    void copiesNeverShareAFileAndTheSameBytesGiveTheSameHash() throws IOException {
        ImageSpool spool = new ImageSpool(root, 0);
        SpooledImage a = spool.copy(new ByteArrayInputStream(new byte[] {9, 9}));
        SpooledImage b = spool.copy(new ByteArrayInputStream(new byte[] {9, 9}));

        assertThat(a.file()).isNotEqualTo(b.file());
        assertThat(a.sha256()).isEqualTo(b.sha256());
        assertThat(a.sameContentAs(b.file())).isTrue();
    }

    @Test
    void aBoundedCopyStopsOneBytePastItsLimit() throws IOException {
        ImageSpool spool = new ImageSpool(root);
        byte[] big = new byte[200_000];

        assertThat(spool.copy(new ByteArrayInputStream(big), 100_000).size()).isEqualTo(100_001);
        assertThat(spool.copy(new ByteArrayInputStream(big), 200_000).size()).isEqualTo(200_000);
        assertThat(spool.copy(new ByteArrayInputStream(big)).size()).isEqualTo(200_000);
    }

    @Test
    void anImageUpToTheThresholdStaysInMemoryAndOneByteMoreGoesToAFile() throws IOException {
        ImageSpool spool = new ImageSpool(root);
        byte[] small = new byte[ImageSpool.IN_MEMORY_UP_TO];
        byte[] large = new byte[ImageSpool.IN_MEMORY_UP_TO + 1];
        new Random(3).nextBytes(small);
        new Random(4).nextBytes(large);

        SpooledImage kept = spool.copy(new ByteArrayInputStream(small));
        SpooledImage spooled = spool.copy(new ByteArrayInputStream(large));

        assertThat(kept.file()).isNull();
        assertThat(kept.readAllBytes()).isEqualTo(small);
        assertThat(kept.sha256()).isEqualTo(dev.ocrbridge.signing.Tc3Signer.sha256Hex(small, 0, small.length));
        assertThat(spooled.file()).exists().hasBinaryContent(large);
        assertThat(spooled.sha256()).isEqualTo(dev.ocrbridge.signing.Tc3Signer.sha256Hex(large, 0, large.length));
    }

    /**
     * The copy carries its request body's hash for every action and options, taken while it was written: signing
     * it reads nothing more (the process's read bytes, /proc/self/io, grow by far less than the image), and the hash
     * is that of the body sent. Blocks of every size (a stream's short reads) and sizes around the encoder's chunk.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, ImageBase64Body.CHUNK - 1, ImageBase64Body.CHUNK, ImageBase64Body.CHUNK + 1,
            3 * 1024 * 1024 + 2})
    void aCopyIsSignedFromTheHashTakenAsItWasWrittenWithoutReadingItAgain(int size) throws IOException {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        SpooledImage copy = new ImageSpool(root, 0).copy(new ShortReads(image));

        for (OcrAction action : OcrAction.values()) {
            for (RequestOptions options : new RequestOptions[] {RequestOptions.NONE, new RequestOptions(true, 2)}) {
                ImageBase64Body body = ImageBase64Body.of(action, (HashedImageFile) copy.asFile(), options);
                long readBefore = bytesReadByThisProcess();
                String signed = body.sha256Hex();
                long read = bytesReadByThisProcess() - readBefore;

                byte[] whole = RequestBodyWriter.imageBase64Body(action, image, options);
                assertThat(signed).isEqualTo(Tc3Signer.sha256Hex(whole, 0, whole.length));
                assertThat(sent(body)).isEqualTo(whole);
                assertThat(read).as("bytes read to sign").isLessThan(Math.max(size, 64 * 1024));
            }
        }
    }

    /**
     * A copy changed after it was written (same size, its modification time set back: only its change time tells)
     * is never signed with the hash taken at the write: what is signed is what is sent.
     */
    @Test
    void aCopyChangedAfterItWasWrittenIsSignedFromWhatItHoldsNow() throws IOException {
        byte[] image = new byte[ImageBase64Body.CHUNK * 3 + 1];
        new Random(11).nextBytes(image);
        SpooledImage copy = new ImageSpool(root, 0).copy(new ByteArrayInputStream(image));
        HashedImageFile file = (HashedImageFile) copy.asFile();
        FileTime modified = Files.getLastModifiedTime(copy.file());
        byte[] changed = image.clone();
        changed[ImageBase64Body.CHUNK + 5] ^= 1;
        // the change time has a tick of a few ms: wait until a change is sure to get one of its own
        FileTime changedBefore = (FileTime) Files.getAttribute(copy.file(), "unix:ctime");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Files.setLastModifiedTime(copy.file(), modified);
            return !Files.getAttribute(copy.file(), "unix:ctime").equals(changedBefore);
        });
        try (FileChannel channel = FileChannel.open(copy.file(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(changed));
        }
        Files.setLastModifiedTime(copy.file(), modified);

        ImageBase64Body body = ImageBase64Body.of(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, file, RequestOptions.NONE);

        byte[] sent = sent(body);
        assertThat(sent).isEqualTo(RequestBodyWriter.imageBase64Body(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, changed,
                RequestOptions.NONE));
        assertThat(body.sha256Hex()).isEqualTo(Tc3Signer.sha256Hex(sent, 0, sent.length));
    }

    private static byte[] sent(ImageBase64Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    /** What this process has read so far through read(2) and its kin (Linux: /proc/self/io, rchar). */
    private static long bytesReadByThisProcess() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring("rchar:".length()).trim());
            }
        }
        throw new IllegalStateException("no rchar in /proc/self/io");
    }

    /** A stream that hands its bytes over a few at a time, in blocks of varying size. */
    private static final class ShortReads extends InputStream {
        private final byte[] bytes;
        private int at;

        ShortReads(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + at % 7001), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
