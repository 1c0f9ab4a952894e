package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packed {@code kor} model, extended: missing syllables get their jamo codes, nothing existing changes. */
class HangulCoverageTest {

    private static byte[] original;
    private static byte[] extended;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream packed = Tessdata.class.getResourceAsStream(Tessdata.RESOURCE_DIR + "kor.traineddata.gz")) {
            assertThat(packed).as("the build packs kor").isNotNull();
            original = new GZIPInputStream(packed).readAllBytes();
        }
        extended = HangulCoverage.extend(original);
    }

    @Test
    void aSyllableTheModelLacksGetsTheJamoCodesOfSyllablesItHas() {
        Model before = Model.of(original);
        Model after = Model.of(extended);
        assertThat(before.indexOf("똠")).as("not in the model's training set").isNegative();
        int[] ddong = after.code("똥");  // ㄸ ㅗ ㅇ
        int[] mom = after.code("몸");    // ㅁ ㅗ ㅁ
        assertThat(after.code("똠")).containsExactly(ddong[0], ddong[1], mom[2]);
        assertThat(after.indexOf("쀼")).isPositive();
        assertThat(after.indexOf("텀")).isPositive();
    }

    @Test
    void everyExistingCharacterKeepsItsIdAndCode() {
        Model before = Model.of(original);
        Model after = Model.of(extended);
        assertThat(after.unichars.subList(0, before.unichars.size())).isEqualTo(before.unichars);
        for (int i = 0; i < before.codes.size(); i++) {
            assertThat(after.codes.get(i)).as("code of id %d", i).isEqualTo(before.codes.get(i));
        }
        assertThat(after.unichars.size()).isGreaterThan(before.unichars.size() + 5000).isLessThanOrEqualTo(
                before.unichars.size() + 11172);
        // The network and the other components are the same bytes.
        assertThat(Arrays.equals(before.part(17), after.part(17))).isTrue();
        assertThat(Arrays.equals(before.part(19), after.part(19))).isTrue();
    }

    @Test
    void aFileWithoutARecoderIsLeftAsItIs() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * 24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(24);
        for (int i = 0; i < 24; i++) {
            b.putLong(-1);
        }
        assertThat(HangulCoverage.extend(b.array())).isSameAs(b.array());
    }

    /** A reader of the two components, written here from the format, independent of the code under test. */
    private record Model(byte[] data, long[] offsets, List<String> unichars, List<int[]> codes) {

        static Model of(byte[] data) {
            ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            long[] offsets = new long[in.getInt()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = in.getLong();
            }
            Model m = new Model(data, offsets, new ArrayList<>(), new ArrayList<>());
            String[] lines = new String(m.part(21), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                m.unichars.add(lines[i].split(" ")[0]);
            }
            ByteBuffer r = ByteBuffer.wrap(m.part(22)).order(ByteOrder.LITTLE_ENDIAN);
            int n = r.getInt();
            for (int i = 0; i < n; i++) {
                r.get();
                int[] code = new int[r.getInt()];
                for (int k = 0; k < code.length; k++) {
                    code[k] = r.getInt();
                }
                m.codes.add(code);
            }
            assertThat(m.codes).hasSameSizeAs(m.unichars);
            return m;
        }

        byte[] part(int index) {
            long end = data.length;
            for (long o : offsets) {
                if (o > offsets[index] && o < end) {
                    end = o;
                }
            }
            return Arrays.copyOfRange(data, (int) offsets[index], (int) end);
        }

        int indexOf(String unichar) {
            return unichars.indexOf(unichar);
        }

        int[] code(String unichar) {
            int i = indexOf(unichar);
            assertThat(i).as(unichar).isNotNegative();
            return codes.get(i);
        }
    }
}
