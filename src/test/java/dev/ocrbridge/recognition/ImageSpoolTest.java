package dev.ocrbridge.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
