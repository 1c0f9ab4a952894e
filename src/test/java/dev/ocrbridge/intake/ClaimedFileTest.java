package dev.ocrbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim settles against the bytes that were recognized, compared a block at a time (no second copy of the
 * image): any changed byte, anywhere, and the file no longer holds the claim.
 */
class ClaimedFileTest {

    @TempDir
    Path inbox;
    @TempDir
    Path elsewhere;

    @Test
    void aFileStillHoldingTheClaimedBytesHoldsTheClaim() throws IOException {
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file);

        assertThat(claim.bytes()).isEqualTo(image);
        assertThat(claim.heldBy(file)).isTrue();
    }

    @Test
    void oneChangedByteAnywhereLosesTheClaim() throws IOException {
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file);
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
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file);

        Files.write(file, java.util.Arrays.copyOf(image, image.length + 1));
        assertThat(claim.heldBy(file)).isFalse();
        Files.write(file, java.util.Arrays.copyOf(image, image.length - 1));
        assertThat(claim.heldBy(file)).isFalse();
    }

    @Test
    void anEmptyFileIsClaimedAndHeldAsEmpty() throws IOException {
        Path file = Files.write(inbox.resolve("empty.png"), new byte[0]);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file);

        assertThat(claim.bytes()).isEmpty();
        assertThat(claim.heldBy(file)).isTrue();
        Files.write(file, new byte[] {1});
        assertThat(claim.heldBy(file)).isFalse();
    }

    @Test
    void aLinkToTheSameBytesDoesNotHoldTheClaim() throws IOException {
        byte[] image = image(1000);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file);
        Path outside = Files.write(elsewhere.resolve("a.png"), image);
        Files.delete(file);
        Files.createSymbolicLink(file, outside);

        assertThat(claim.heldBy(file)).isFalse();
    }

    private static byte[] image(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
