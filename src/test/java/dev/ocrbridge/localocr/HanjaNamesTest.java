package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reading-constrained choice of a name's Hanja: the readings table, the decision, the glyph comparison. */
class HanjaNamesTest {

    /** 민 has 民 敏 旼 玟 in the Korean standard set; 蚊 reads 문. */
    private static final HanjaReadings READINGS = HanjaReadings.of(Map.of("金", "금", "民", "민", "敏", "민", "旼", "민",
            "玟", "민", "蚊", "문", "抒", "서", "李", "리", "奂", "환", "奐", "환"));

    @Test
    void theTableIsPackedAndReadsAsKoreanNamesDo() {
        HanjaReadings packed = HanjaReadings.load();
        assumeTrue(!packed.isEmpty(), "the build packed no Hanja readings (npm unreachable)");
        assertThat(packed.readsAs('洪', '홍')).isTrue();
        assertThat(packed.readsAs('李', '이')).as("리 at the start of a name reads 이").isTrue();
        assertThat(packed.readsAs('李', '리')).isTrue();
        assertThat(packed.readsAs('蚊', '민')).isFalse();
        assertThat(packed.candidates('민')).contains((int) '旼', (int) '敏', (int) '民');
        assertThat(packed.candidates('환')).as("the traditional form only, as Korean cards print it")
                .contains((int) '奐').doesNotContain((int) '奂');
    }

    @Test
    void aHangulSyllableMisreadByOneLetterIsPutRightByTheHanjaBesideIt() {
        HanjaReadings readings = HanjaReadings.of(Map.of("皇", "황", "甫", "보", "珉", "민", "赫", "혁", "許", "허",
                "頊", "욱", "李", "리", "暻", "경", "喜", "희"));
        assertThat(HanjaNames.hangul("항보민혁", "皇甫珉赫", readings)).as("the vowel of 황 misread").isEqualTo("황보민혁");
        assertThat(HanjaNames.hangul("히욱", "許頊", readings)).isEqualTo("허욱");
        assertThat(HanjaNames.hangul("미경희", "李暻喜", readings)).as("李 by the initial-sound rule").isEqualTo("이경희");
        // Two letters off (허 and 학): the Hanja may be the misread; none of them reading as theirs: untrusted.
        assertThat(HanjaNames.hangul("학욱", "許頊", readings)).isEqualTo("학욱");
        assertThat(HanjaNames.hangul("히옥", "許頊", readings)).as("neither reads as its syllable").isEqualTo("히옥");
        assertThat(HanjaNames.hangul("항보민", "皇甫珉赫", readings)).as("a Hanja more than the syllables").isEqualTo("항보민");
        assertThat(HanjaNames.hangul("황보민혁", "皇甫珉赫", readings)).isEqualTo("황보민혁");
        assertThat(HanjaNames.hangul("김민서", "金旼抒", READINGS)).as("金 reads 김 as a surname").isEqualTo("김민서");
    }

    @Test
    void theInitialSoundRuleMapsRieulAndNieun() {
        assertThat(HanjaReadings.initialSound('리')).isEqualTo('이');
        assertThat(HanjaReadings.initialSound('류')).isEqualTo('유');
        assertThat(HanjaReadings.initialSound('라')).isEqualTo('나');
        assertThat(HanjaReadings.initialSound('로')).isEqualTo('노');
        assertThat(HanjaReadings.initialSound('녀')).isEqualTo('여');
        assertThat(HanjaReadings.initialSound('남')).isEqualTo('남');
        assertThat(HanjaReadings.initialSound('김')).isEqualTo('김');
    }

    @Test
    void aCharacterThatDoesNotReadAsItsSyllableIsReplacedWhenTheGlyphClearlyShowsACandidate() {
        // The glyph in position 1 looks like 旼 (0.95), less like 玟 (0.78) and the engine's 蚊 (0.63).
        HanjaNames.Similarity glyphs = scores(Map.of(1, Map.of((int) '旼', 0.95, (int) '玟', 0.78, (int) '蚊', 0.63)));
        assertThat(HanjaNames.choose("김민서", "金蚊抒", READINGS, glyphs)).isEqualTo("金旼抒");
    }

    @Test
    void whenUnsureWhatTheEngineReadStays() {
        HanjaNames.Similarity close = scores(Map.of(1, Map.of((int) '旼', 0.80, (int) '玟', 0.79, (int) '蚊', 0.5)));
        assertThat(HanjaNames.choose("김민서", "金蚊抒", READINGS, close)).as("two candidates alike").isEqualTo("金蚊抒");
        HanjaNames.Similarity engineAsGood = scores(Map.of(1, Map.of((int) '旼', 0.80, (int) '蚊', 0.78)));
        assertThat(HanjaNames.choose("김민서", "金蚊抒", READINGS, engineAsGood)).as("no better than the engine's")
                .isEqualTo("金蚊抒");
        HanjaNames.Similarity faint = scores(Map.of(1, Map.of((int) '旼', 0.40)));
        assertThat(HanjaNames.choose("김민서", "金蚊抒", READINGS, faint)).as("nothing looks like it").isEqualTo("金蚊抒");
        assertThat(HanjaNames.choose("김민서", "金蚊抒", READINGS, null)).as("no glyphs cut out").isEqualTo("金蚊抒");
        assertThat(HanjaNames.choose("김민서", "金蚊抒", HanjaReadings.of(Map.of()), scores(Map.of())))
                .as("no table").isEqualTo("金蚊抒");
    }

    @Test
    void aCharacterThatReadsAsItsSyllableIsReplacedOnlyByOneThatLooksFarMoreLikeTheGlyph() {
        // 敏 reads 민 too: a plausible read, kept unless another 민 looks far more like the glyph (蛾 for 娥).
        HanjaNames.Similarity alike = scores(Map.of(1, Map.of((int) '旼', 0.86, (int) '敏', 0.80)));
        assertThat(HanjaNames.choose("김민서", "金敏抒", READINGS, alike)).isEqualTo("金敏抒");
        HanjaNames.Similarity looksRight = scores(Map.of(1, Map.of((int) '旼', 0.99, (int) '敏', 0.82)));
        assertThat(HanjaNames.choose("김민서", "金敏抒", READINGS, looksRight)).as("looks right enough: unchallenged")
                .isEqualTo("金敏抒");
        HanjaNames.Similarity farBetter = scores(Map.of(1, Map.of((int) '旼', 0.95, (int) '敏', 0.70)));
        assertThat(HanjaNames.choose("김민서", "金敏抒", READINGS, farBetter)).isEqualTo("金旼抒");
        // 金 reads 금 in the table, 김 as a surname: no candidate of 김 here, so it stays.
        assertThat(HanjaNames.choose("김민서", "金敏抒", READINGS, scores(Map.of()))).isEqualTo("金敏抒");
    }

    @Test
    void withTheWrongCountTheEnginesOwnCharactersAreCandidatesToo() {
        // 昀 reads 윤 on cards but is not under 윤 in the table; the engine read it, and a stray 和 besides.
        HanjaReadings table = HanjaReadings.of(Map.of("鄭", "정", "娥", "아", "蛾", "아", "潤", "윤"));
        Map<Integer, Map<Integer, Double>> glyphs = Map.of(0, Map.of((int) '鄭', 0.89), 1, Map.of((int) '昀', 0.94,
                (int) '潤', 0.35), 2, Map.of((int) '娥', 0.90, (int) '蛾', 0.80));
        assertThat(HanjaNames.choose("정윤아", "和鄭昀娥", table, scores(glyphs))).isEqualTo("鄭昀娥");
    }

    @Test
    void aReadWithTheWrongCountIsReplacedOnlyWhenEveryPositionIsSure() {
        Map<Integer, Map<Integer, Double>> sure = Map.of(0, Map.of((int) '金', 0.9), 1, Map.of((int) '旼', 0.95,
                (int) '玟', 0.7), 2, Map.of((int) '抒', 0.93));
        HanjaReadings withKim = HanjaReadings.of(Map.of("金", "김", "旼", "민", "玟", "민", "抒", "서"));
        assertThat(HanjaNames.choose("김민서", "蚊抒", withKim, scores(sure))).isEqualTo("金旼抒");
        Map<Integer, Map<Integer, Double>> oneUnsure = Map.of(0, Map.of((int) '金', 0.9), 1, Map.of((int) '旼', 0.80,
                (int) '玟', 0.79), 2, Map.of((int) '抒', 0.93));
        assertThat(HanjaNames.choose("김민서", "蚊抒", withKim, scores(oneUnsure))).isEqualTo("蚊抒");
    }

    @Test
    void printedGlyphsAreCutAtTheirPitchAndLookMostLikeThemselves() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        // Drawn in the sans face, compared with the serif face only: a card's font is never exactly ours.
        BufferedImage img = new BufferedImage(220, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(CjkFonts.SANS_KR, Font.BOLD, 36));
        g.drawString("(朴奐任)", 4, 45);
        g.dispose();
        GrayImage crop = GrayImage.of(img);

        List<Rectangle> cells = HanjaGlyphs.cells(crop, 3);
        assertThat(cells).as("three glyphs, the parentheses left out").hasSize(3);
        assertThat(cells.get(0).x).isGreaterThan(12);
        HanjaGlyphs serif = HanjaGlyphs.with(List.of(new Font(CjkFonts.SERIF_KR, Font.PLAIN, 72)));
        float[] middle = HanjaGlyphs.shape(crop, cells.get(1));
        assertThat(serif.similarity(middle, '奐')).isGreaterThan(serif.similarity(middle, '喚') + 0.1)
                .isGreaterThan(serif.similarity(middle, '丸') + 0.1).isGreaterThan(HanjaNames.MIN_SIMILARITY);
        assertThat(HanjaGlyphs.cells(crop, 8)).as("not eight glyphs").isEmpty();
    }

    private static HanjaNames.Similarity scores(Map<Integer, Map<Integer, Double>> byPosition) {
        return (position, hanja) -> byPosition.getOrDefault(position, Map.of()).getOrDefault(hanja, 0.0);
    }
}
