package dev.ocrbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim settles against the bytes that were recognized, compared a block at a time (neither side read whole):
 * any changed byte, anywhere, and the file no longer holds the claim. The bytes recognized are a private copy taken
 * at the claim, off the heap: what the file holds afterwards never reaches them.
 */
class ClaimedFileTest {

    @TempDir
    Path inbox;
    @TempDir
    Path elsewhere;
    @TempDir
    Path spoolRoot;
    ImageSpool spool;

    @BeforeEach
    void spool() {
        spool = new ImageSpool(spoolRoot);
    }

    @Test
    void aFileStillHoldingTheClaimedBytesHoldsTheClaim() throws IOException {
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE);

        assertThat(claim.image().readAllBytes()).isEqualTo(image);
        assertThat(claim.image().sha256()).isEqualTo(Tc3Signer.sha256Hex(image, 0, image.length));
        assertThat(claim.heldBy(file)).isTrue();
    }

    @Test
    void aFileOverTheLimitIsReadOnlyUpToTheLimitAndOneByteAndHoldsTheClaimByItsIdentity() throws IOException {
        byte[] head = image(300_000);
        Path file = Files.write(inbox.resolve("big.png"), head);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(1L << 32); // sparse: 4 GiB that cost the disk nothing
        }
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, 200_000);

        assertThat(claim.tooLarge()).isTrue();
        assertThat(claim.size()).isEqualTo(1L << 32);
        assertThat(claim.image().size()).isEqualTo(200_001);
        assertThat(claim.image().readAllBytes()).isEqualTo(java.util.Arrays.copyOf(head, 200_001));
        assertThat(claim.heldBy(file)).isTrue();
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength((1L << 32) + 1);
        }
        assertThat(claim.heldBy(file)).as("grown by a byte").isFalse();
    }

    @Test
    void oneChangedByteAnywhereLosesTheClaim() throws IOException {
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE);
        // first byte, across a block boundary, the very last byte: the same size each time
        for (int at : new int[] {0, 64 * 1024 - 1, 64 * 1024, image.length - 1}) {
            byte[] changed = image.clone();
            changed[at] ^= 1;
            Files.write(file, changed);
            assertThat(claim.heldBy(file)).as("changed at %d", at).isFalse();
        }
        Files.write(file, image);
        assertThat(claim.heldBy(file)).isTrue();
    }

    @Test
    void aLongerOrShorterFileLosesTheClaim() throws IOException {
        byte[] image = image(100_000);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE);

        Files.write(file, java.util.Arrays.copyOf(image, image.length + 1));
        assertThat(claim.heldBy(file)).isFalse();
        Files.write(file, java.util.Arrays.copyOf(image, image.length - 1));
        assertThat(claim.heldBy(file)).isFalse();
    }

    @Test
    void anEmptyFileIsClaimedAndHeldAsEmpty() throws IOException {
        Path file = Files.write(inbox.resolve("empty.png"), new byte[0]);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE);

        assertThat(claim.image().readAllBytes()).isEmpty();
        assertThat(claim.heldBy(file)).isTrue();
        Files.write(file, new byte[] {1});
        assertThat(claim.heldBy(file)).isFalse();
    }

    @Test
    void aLinkToTheSameBytesDoesNotHoldTheClaim() throws IOException {
        byte[] image = image(1000);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE);
        Path outside = Files.write(elsewhere.resolve("a.png"), image);
        Files.delete(file);
        Files.createSymbolicLink(file, outside);

        assertThat(claim.heldBy(file)).isFalse();
    }

    @Test
    void aFileChangedAfterItsClaimIsNeverSentWithItsNewBytes() throws IOException {
        byte[] image = image(200_000);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE);
        byte[] rewritten = image(200_001);
        Files.write(file, rewritten); // rewritten in place, same inode, after the claim

        // what recognition reads (hash, send, archive) is the copy taken at the claim
        assertThat(claim.image().file()).isNotEqualTo(file);
        assertThat(claim.image().readAllBytes()).isEqualTo(image);
        assertThat(claim.image().size()).isEqualTo(image.length);
        assertThat(claim.heldBy(file)).isFalse();
    }

    @Test
    void theClaimHoldsNoImageBytesInTheHeapAndReleasingItRemovesTheCopy() throws IOException {
        byte[] image = image(300_000);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE);

        assertThat(claim.image().inMemory()).isNull();
        Path copy = claim.image().file();
        assertThat(copy).startsWith(spoolRoot).exists();
        claim.release();
        assertThat(copy).doesNotExist();
        assertThat(file).exists(); // the source is settled by the commit, never by the release
    }

    @Test
    void aLinkIsNotFollowedWhenTheCopyIsTaken() throws IOException {
        Path outside = Files.write(elsewhere.resolve("secret.png"), image(1000));
        Path link = Files.createSymbolicLink(inbox.resolve("a.png"), outside);

        assertThat(ClaimedFile.take(inbox.toRealPath(), link, spool, Long.MAX_VALUE)).isNull();
    }

    private static byte[] image(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
