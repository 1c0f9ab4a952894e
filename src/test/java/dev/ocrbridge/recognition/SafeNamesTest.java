package dev.ocrbridge.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from outside, made safe: bounded in bytes of UTF-8, whole code points, and every derived name writable. */
class SafeNamesTest {

    private static final String HEX12 = "0123456789ab";

    @TempDir
    Path dir;

    @Test
    void aNameOf150HangulSyllablesIsCutTo231BytesKeepingItsExtensionAndEveryDerivedNameCanBeWritten()
            throws Exception {
        String name = "가".repeat(150) + ".png"; // 454 bytes of UTF-8

        String safe = SafeNames.safe(name);

        assertThat(bytes(safe)).isLessThanOrEqualTo(231);
        assertThat(safe).endsWith(".png").startsWith("가가가");
        assertThat(SafeNames.tooLong(name)).isTrue();
        assertDerivedNamesCanBeWritten(safe);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() throws Exception {
        String name = "😀".repeat(120) + ".jpg"; // 4 bytes and 2 chars each

        String safe = SafeNames.safe(name);

        assertThat(bytes(safe)).isLessThanOrEqualTo(231);
        assertThat(safe.codePoints()).noneMatch(cp -> Character.getType(cp) == Character.SURROGATE);
        assertThat(safe).endsWith(".jpg");
        assertDerivedNamesCanBeWritten(safe);
    }

    @Test
    void aLoneSurrogateIsReplacedSoThatTheNameCanBeAPath() throws Exception {
        String safe = SafeNames.safe("a\uD800b\uDC00.png");

        assertThat(safe).isEqualTo("a_b_.png");
        assertDerivedNamesCanBeWritten(safe);
    }

    @Test
    void aNameOfExactly231BytesIsKeptAsItIsAndOneOf232IsNot() {
        String fits = "a".repeat(227) + ".png";
        String over = "a".repeat(228) + ".png";

        assertThat(SafeNames.safe(fits)).isEqualTo(fits);
        assertThat(SafeNames.tooLong(fits)).isFalse();
        assertThat(SafeNames.tooLong(over)).isTrue();
        assertThat(bytes(SafeNames.safe(over))).isEqualTo(231);
    }

    /** The names ocrbridge derives from an image's name, each created as a file. */
    private void assertDerivedNamesCanBeWritten(String name) throws Exception {
        String stem = name.substring(0, name.lastIndexOf('.'));
        String ext = name.substring(name.lastIndexOf('.'));
        String taken = stem + "." + HEX12 + ext;
        for (String derived : new String[] {name, name + ".error.json", taken, taken + ".error.json",
                stem + ".json", stem + "." + HEX12 + ".json", stem + "." + HEX12 + ".photo.jpg"}) {
            assertThat(Files.createFile(dir.resolve(derived))).exists();
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
