package dev.ocrbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim settles against the bytes that were recognized, compared a block at a time (neither side read whole):
 * any changed byte, anywhere, and the file no longer holds the claim. The bytes recognized are a private copy taken
 * at the claim, off the heap: what the file holds afterwards never reaches them. A file whose status on disk proves it
 * untouched since the claim holds it without either file being read again; any change, whatever its size and
 * times, still loses it.
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

    @Test
    void aFileUntouchedSinceAnOldChangeHoldsTheClaimByItsStatusWithoutEitherFileBeingReadAgain() throws IOException {
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE, aMinuteLater());
        // a compare would now find the copy gone and say no: only the file's status can say yes
        Files.delete(claim.image().file());

        assertThat(claim.status()).isNotNull();
        assertThat(claim.untouched()).isTrue();
        assertThat(claim.heldBy(file)).isTrue();
        boolean untouched = claim.untouched();
        Path moved = Files.move(file, elsewhere.resolve("a.png")); // a rename sets the change time
        assertThat(claim.heldBy(moved, untouched)).isTrue();
    }

    @Test
    void aSameSizeRewriteWithItsModificationTimeSetBackLosesAClaimHeldByStatus() throws IOException {
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE, aMinuteLater());
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] rewritten = image.clone();
        rewritten[image.length / 2] ^= 1;
        Files.write(file, rewritten); // same inode, same size
        Files.setLastModifiedTime(file, modified); // and the same modification time as when it was taken

        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
        assertThat(claim.untouched()).isFalse();
        assertThat(claim.heldBy(file)).isFalse();
        boolean untouched = claim.untouched();
        Path moved = Files.move(file, elsewhere.resolve("a.png"));
        assertThat(claim.heldBy(moved, untouched)).isFalse();
    }

    @Test
    void aFileChangedLessThanATimestampsDoubtBeforeItsClaimIsComparedByItsBytes() throws IOException {
        // a rewrite in the same tick of the file system's clock as the change before the claim keeps every time as
        // it was: the status of a file changed that recently proves nothing, and its bytes are compared
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        Instant changed = Files.getLastModifiedTime(file).toInstant();
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE,
                Clock.fixed(changed.plus(ClaimedFile.TIMESTAMP_DOUBT).minusMillis(1), ZoneOffset.UTC));

        assertThat(claim.status()).isNull();
        assertThat(claim.untouched()).isFalse();
        assertThat(claim.heldBy(file)).as("untouched, compared by its bytes").isTrue();
        Files.delete(claim.image().file());
        assertThat(claim.heldBy(file)).as("untouched, but compared with a copy that is gone").isFalse();
    }

    @Test
    void aFileReplacedUnderItsNameByAnotherWithTheSameTimesAndSizeLosesAClaimHeldByStatus() throws IOException {
        byte[] image = image(3 * 64 * 1024 + 17);
        Path file = Files.write(inbox.resolve("a.png"), image);
        ClaimedFile claim = ClaimedFile.take(inbox.toRealPath(), file, spool, Long.MAX_VALUE, aMinuteLater());
        byte[] other = image.clone();
        other[0] ^= 1;
        Path replacement = Files.write(elsewhere.resolve("b.png"), other);
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(file));
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(claim.untouched()).isFalse();
        assertThat(claim.heldBy(file)).isFalse();
    }

    /** A clock a minute ahead: every file just written looks as old as a dropped file waiting its turn. */
    @Test
    void aClaimInterruptedWhileItCopiesIsAStopThatLeavesTheFileAndNoCopy() throws Exception {
        byte[] image = image(300_000);
        Path file = Files.write(inbox.resolve("a.png"), image);
        Path inboxReal = inbox.toRealPath();

        // what a forced stop does to a thread in the copy: its channel is closed under it, the read fails
        Thread.currentThread().interrupt();
        try {
            // not a claim of an unreadable file (which would be dead-lettered): a stop, and the file is as it was
            assertThatThrownBy(() -> ClaimedFile.take(inboxReal, file, spool, Long.MAX_VALUE))
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(image);
        try (Stream<Path> copies = Files.walk(spoolRoot)) {
            assertThat(copies.filter(p -> p.toString().endsWith(".img"))).isEmpty();
        }
    }

    private static Clock aMinuteLater() {
        return Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
    }

    private static byte[] image(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
