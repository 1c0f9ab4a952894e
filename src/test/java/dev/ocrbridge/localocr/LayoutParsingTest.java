package dev.ocrbridge.localocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout parsers on text as the engine gives it (spaces between ideographs, labels in several forms). */
class LayoutParsingTest {

    @Test
    void healthCodeLabelsBesideAboveOrAbsentAllGiveTheFields() {
        Map<String, String> beside = HealthCodeLayout.parse(List.of("粤 康 码", "姓名 : 王 * 一", "证件号码：11**01",
                "更新 于 01-08 17:05:05", "核酸 检测 结果 : 阴性", "核酸 检测 时 间 : 2022-01-15 22:52",
                "距 最 近 核 酸 检测 : 48 小 时", "疫苗 接种 : 已 完成 全 程 接种", "接种 时 间 : 2021-07-25"));
        assertThat(beside).containsEntry("Name", "王*一").containsEntry("IDNumber", "11**01")
                .containsEntry("Time", "01-08 17:05:05").containsEntry("TestingResult", "阴性")
                .containsEntry("TestingTime", "2022-01-15 22:52").containsEntry("TestingInterval", "48小时")
                .containsEntry("Vaccination", "已完成全程接种").containsEntry("VaccinationTime", "2021-07-25")
                .containsEntry("SpotName", "");

        Map<String, String> unlabelled = HealthCodeLayout.parse(List.of("北京 健康 宝", "2022-10-16 06:15:56",
                "陈 * 明     44************1029", "核酸   阴性   7 天", "场所 北京 南 站"));
        assertThat(unlabelled).containsEntry("Name", "陈*明").containsEntry("IDNumber", "44************1029")
                .containsEntry("Time", "2022-10-16 06:15:56").containsEntry("TestingResult", "阴性")
                .containsEntry("TestingInterval", "7天").containsEntry("SpotName", "北京南站");

        Map<String, String> above = HealthCodeLayout.parse(List.of("核酸 检测 结果", "暂 无 核酸 检测 记录",
                "最 近 接种 日 期", "2021-06-10"));
        assertThat(above).containsEntry("TestingResult", "暂无核酸检测记录").containsEntry("VaccinationTime", "2021-06-10")
                .containsEntry("TestingTime", "");
    }

    @Test
    void aDateOrATimeWhoseLabelWasMisreadIsKnownByItsShape() {
        // Labels read with one character wrong (日其 for 日期, 接和补 for 接种) or cut short (采样时) name no field; a date
        // alone can only be the vaccination's, a time to the minute only the test's (the update time has seconds).
        Map<String, String> misread = HealthCodeLayout.parse(List.of("更新时间 2022-04-17 09:26:59", "采样时 2022-03-19 04:42",
                "新冠疫苗接种", "已完成全程接种", "最近接种日其", "2021-06-10"));
        assertThat(misread).containsEntry("TestingTime", "2022-03-19 04:42").containsEntry("VaccinationTime", "2021-06-10")
                .containsEntry("Time", "2022-04-17 09:26:59");
        // A time with seconds and no label is the update time's shape, never taken for the test's.
        Map<String, String> seconds = HealthCodeLayout.parse(List.of("2022-10-16 06:15:56", "核酸结果 阴性",
                "接和补日期 2021-02-05"));
        assertThat(seconds).containsEntry("TestingTime", "").containsEntry("VaccinationTime", "2021-02-05")
                .containsEntry("Time", "2022-10-16 06:15:56");
        // On a page no health-code label names (another document), a date alone is nobody's.
        assertThat(HealthCodeLayout.parse(List.of("주민등록증", "2022-01-14", "2021-03-05 10:20")))
                .containsEntry("VaccinationTime", "").containsEntry("TestingTime", "");
    }

    @Test
    void aLongMaskKeepsEighteenCharacters() {
        assertThat(HealthCodeLayout.maskedId("： 4401***********123X")).isEqualTo("4401**********123X");
        assertThat(HealthCodeLayout.maskedId("11**01")).isEqualTo("11**01");
        assertThat(HealthCodeLayout.maskedId("51017*********0817")).as("the first '*' read as 7")
                .isEqualTo("5101**********0817");
    }

    @Test
    void aRunOfStarsReadAsLettersOrQuotesIsStillAMask() {
        // What chi_sim gives for '*' runs on degraded screenshots.
        assertThat(HealthCodeLayout.maskedId("证 件 号 码 : 4401***rrsssrr123X")).isEqualTo("4401**********123X");
        assertThat(HealthCodeLayout.maskedId("310”””rssr2046")).isEqualTo("310***********2046");
        assertThat(HealthCodeLayout.maskedId("4401**** xx*xx*123X")).as("a gap inside the number")
                .isEqualTo("4401**********123X");
        assertThat(HealthCodeLayout.maskedId("11”“01")).as("short form: one '*' per mark").isEqualTo("11**01");
        assertThat(HealthCodeLayout.maskedId("11*\"21")).isEqualTo("11**21");
        assertThat(HealthCodeLayout.maskedId("rr ss")).as("marks without digits are no number").isEmpty();
        assertThat(HealthCodeLayout.maskedId("2022-01-15 22:52")).isEmpty();
    }

    @Test
    void aNumberRightAfterAMaskedNameIsFound() {
        // No label, the name's '*' directly before the number once the engine's spaces are closed.
        Map<String, String> fields = HealthCodeLayout.parse(List.of("北京 健康 宝", "刘 * 5101xxxxxxxxxx0817"));
        assertThat(fields).containsEntry("Name", "刘*").containsEntry("IDNumber", "5101**********0817");
        assertThat(HealthCodeLayout.mayHoldMaskedId("欧阳 * 娜 了 2")).as("read again: the number beside the name")
                .isTrue();
        assertThat(HealthCodeLayout.mayHoldMaskedId("疫苗 已 接种 3 针")).isFalse();
    }

    @Test
    void theResidentNumbersSeventhDigitGivesCenturyAndSexWithoutACheckDigit() {
        assertThat(KoreanCardLayout.derived("820701-1234567")).containsExactly("01/07/1982", "男");
        assertThat(KoreanCardLayout.derived("020315-4123450")).containsExactly("15/03/2002", "女");
        assertThat(KoreanCardLayout.derived("991231-5000000")).containsExactly("31/12/1999", "男");
        assertThat(KoreanCardLayout.derived("990101-0000000")).containsExactly("01/01/1899", "女");
        assertThat(KoreanCardLayout.derived("991301-1000000")).as("no 13th month").containsExactly("", "");
    }

    @Test
    void addressLinesLoseStrayMarksAndKeepTheirWords() {
        assertThat(KoreanCardLayout.addressLine("광주광역시 북구 용봉로 77 ᅵ (용봉동,전남대학교 기숙사 5동) 』 ᅵ"))
                .isEqualTo("광주광역시 북구 용봉로 77 (용봉동, 전남대학교 기숙사 5동)");
        assertThat(KoreanCardLayout.addressLine("{범어동, 범어빌딩 3층)")).isEqualTo("(범어동, 범어빌딩 3층)");
    }

    @Test
    void aDateOfIssueReadAsLettersAndMarksIsReadAgainAsDigits() {
        // What kor made of "2021. 11. 2." on a JPEG card: no date, but a line worth reading again.
        assertThat(KoreanCardLayout.dateOfIssue("20211 7;")).isEmpty();
        assertThat(KoreanCardLayout.mayBeDate("20211 7;")).isTrue();
        assertThat(KoreanCardLayout.dateOfIssue("2021.11. 2.")).isEqualTo("02/11/2021");
        assertThat(KoreanCardLayout.mayBeDate("020315-4123456")).as("the resident number").isFalse();
        assertThat(KoreanCardLayout.mayBeDate("부산광역시 해운대구청장")).isFalse();
    }

    @Test
    void aCardIsAnchoredOnItsNumber() {
        List<TextLine> lines = new ArrayList<>();
        for (String t : new String[] {"주민등록증", "홍길동(洪吉童)", "82O701-1234567", "서울특별시 종로구 세종대로 209",
            "(세종로, 정부서울청사)", "2019. 5. 14.", "서울특별시 종로구청장"}) {
            lines.add(new TextLine(t, new Rectangle(0, lines.size() * 40, 300, 30), 90));
        }
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(lines);
        assertThat(parsed.fields()).containsEntry("ID", "820701-1234567").containsEntry("Name", "홍길동 (洪吉童)")
                .containsEntry("Address", "서울특별시 종로구 세종대로 209 (세종로, 정부서울청사)")
                .containsEntry("DateOfIssue", "14/05/2019").containsEntry("Birthday", "01/07/1982")
                .containsEntry("Sex", "男");
        assertThat(parsed.nameLine().text()).isEqualTo("홍길동(洪吉童)");
        assertThat(parsed.addressLines()).as("indexes of the address lines").containsExactly(3, 4);
    }

    @Test
    void aBuildingMarkKorMisreadIsTakenFromTheSecondRead() {
        // kor has no Latin letters: N동 comes back as 4동, (동, \동 or a bare 동; the mark's crop read with A-Z0-9- says N.
        assertThat(KoreanCardLayout.withBuildingMark("4동", "N")).isEqualTo("N동");
        assertThat(KoreanCardLayout.withBuildingMark("(동", "N")).as("a lone parenthesis is the misread mark")
                .isEqualTo("N동");
        assertThat(KoreanCardLayout.withBuildingMark("\\동", "N")).isEqualTo("N동");
        assertThat(KoreanCardLayout.withBuildingMark("동", "N")).as("a dropped mark").isEqualTo("N동");
        assertThat(KoreanCardLayout.withBuildingMark("[동", " B 1 ")).isEqualTo("B1동");
        assertThat(KoreanCardLayout.withBuildingMark("(4동)", "A")).as("a parenthesis before a mark stays")
                .isEqualTo("(A동)");
    }

    @Test
    void aSecondReadThatLostOrAddedACharacterDoesNotUndoAWholeMark() {
        assertThat(KoreanCardLayout.withBuildingMark("202동", "2")).isEqualTo("202동");
        assertThat(KoreanCardLayout.withBuildingMark("5동)", "5-")).isEqualTo("5동)");
        assertThat(KoreanCardLayout.withBuildingMark("7층", "")).as("nothing read").isEqualTo("7층");
        assertThat(KoreanCardLayout.withBuildingMark("7층", "n")).as("not a mark").isEqualTo("7층");
        assertThat(KoreanCardLayout.withBuildingMark("1502호", "1507")).as("kor's digits stand against digits")
                .isEqualTo("1502호");
        assertThat(KoreanCardLayout.withBuildingMark("8동", "B")).as("a letter kor cannot read").isEqualTo("B동");
        assertThat(KoreanCardLayout.withBuildingMark("^-3동)", "A3")).as("the hyphen the first read saw")
                .isEqualTo("A-3동)");
        assertThat(KoreanCardLayout.withBuildingMark("4-3동", "A-3")).isEqualTo("A-3동");
    }

    @Test
    void aLetterReadWholeWhenEnlargedReplacesTheOneOrTwoDigitsKorSawForIt() {
        assertThat(KoreanCardLayout.withEnlargedMark("78동", "B")).as("a serif B read as two digits").isEqualTo("B동");
        assertThat(KoreanCardLayout.withEnlargedMark("8동", "B")).isEqualTo("B동");
        assertThat(KoreanCardLayout.withEnlargedMark("8농", "B")).as("동 read 농 after a mark").isEqualTo("B동");
        assertThat(KoreanCardLayout.isBuildingWord("농협")).isFalse();
        assertThat(KoreanCardLayout.withEnlargedMark("202동", "B")).as("three digits are a number").isEqualTo("202동");
        assertThat(KoreanCardLayout.withEnlargedMark("5동)", "5-")).isEqualTo("5동)");
        assertThat(KoreanCardLayout.withEnlargedMark("7층", "-7")).isEqualTo("7층");
        assertThat(KoreanCardLayout.isShortMark("78동")).isTrue();
        assertThat(KoreanCardLayout.isShortMark("1203호")).isFalse();
    }

    @Test
    void onlyWordsThatNumberABuildingUnitOrFloorAreReadAgain() {
        assertThat(KoreanCardLayout.isBuildingWord("101동")).isTrue();
        assertThat(KoreanCardLayout.isBuildingWord("1203호")).isTrue();
        assertThat(KoreanCardLayout.isBuildingWord("3층)")).isTrue();
        assertThat(KoreanCardLayout.isBuildingWord("동")).isTrue();
        assertThat(KoreanCardLayout.isBuildingWord("(우동,")).as("a place name ending in 동").isFalse();
        assertThat(KoreanCardLayout.isBuildingWord("범어동,")).isFalse();
        assertThat(KoreanCardLayout.isBuildingWord("송도동)")).isFalse();
        assertThat(KoreanCardLayout.isBuildingWord("세종대로")).isFalse();
    }

    @Test
    void theMarkIsCutWhereTheEngineSawItOrWhereItMustBe() {
        TextLine previous = new TextLine("어", new Rectangle(100, 50, 24, 24), 90);
        // 4동: the mark is the characters before the suffix (with a margin), not the suffix.
        Rectangle seen = KoreanIdCardRecognizer.markArea(List.of(new TextLine("4", new Rectangle(140, 50, 14, 24), 90),
                new TextLine("동", new Rectangle(156, 50, 24, 24), 90)), previous);
        assertThat(seen.x).isLessThan(140);
        assertThat(seen.x + seen.width).isLessThanOrEqualTo(156);
        // 동 alone after a gap: the gap.
        Rectangle gap = KoreanIdCardRecognizer.markArea(List.of(new TextLine("동", new Rectangle(156, 50, 24, 24), 90)),
                previous);
        assertThat(gap.x).isGreaterThan(124);
        assertThat(gap.x + gap.width).isLessThanOrEqualTo(156);
        // 동 boxed together with the letter before it (a box half again as wide as high): its left part.
        Rectangle boxed = KoreanIdCardRecognizer.markArea(List.of(new TextLine("동", new Rectangle(130, 50, 38, 24), 90)),
                new TextLine("어", new Rectangle(100, 50, 24, 24), 90));
        assertThat(boxed.x).isLessThanOrEqualTo(130);
        assertThat(boxed.x + boxed.width).isLessThanOrEqualTo(130 + 38 - 24);
        // No room for a character: nothing to read.
        assertThat(KoreanIdCardRecognizer.markArea(List.of(new TextLine("동", new Rectangle(126, 50, 24, 24), 90)),
                previous)).isNull();
    }

    /** A line of words as the engine boxes them: each word {@code [text, x]}, 30 px wide per character, at {@code y}. */
    private static TextLine[] line(int y, int height, Object... words) {
        List<TextLine> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Rectangle box = null;
        for (int k = 0; k < words.length; k += 2) {
            String w = (String) words[k];
            Rectangle r = new Rectangle((Integer) words[k + 1], y, 30 * w.codePointCount(0, w.length()), height);
            parts.add(new TextLine(w, r, 90));
            text.append(text.length() == 0 ? "" : " ").append(w);
            box = box == null ? new Rectangle(r) : box.union(r);
        }
        parts.add(0, new TextLine(text.toString(), box, 90));
        return parts.toArray(new TextLine[0]);
    }

    private static List<String> paired(TextLine[]... rows) {
        List<TextLine> lines = new ArrayList<>();
        List<TextLine> words = new ArrayList<>();
        for (TextLine[] row : rows) {
            lines.add(row[0]);
            words.addAll(List.of(row).subList(1, row.length));
        }
        return LabelGeometry.pair(lines, words);
    }

    @Test
    void aHeadingOverARecordNamesNoValueAndTheRecordsOwnLabelsDo() {
        // Tuned TIANJIN: the update time over the heading 核酸检测 (a result's label too), the record's labels over
        // their values on a timeline. The time, nearer the heading than the first record, was taken for its value.
        List<String> lines = paired(line(870, 33, "更新", 114, "Updated", 180, "2022-04-21 18:20:10", 330),
                line(949, 41, "核酸检测", 40, "Testing", 170),
                line(1013, 33, "检测结果", 70, "Result", 200),
                line(1043, 44, "阴性", 94),
                line(1289, 34, "采样地点", 70, "Site", 200),
                line(1322, 40, "金水区人民医院", 94));
        assertThat(HealthCodeLayout.parse(lines)).containsEntry("Time", "2022-04-21 18:20:10")
                .containsEntry("TestingResult", "阴性").containsEntry("SpotName", "金水区人民医院");
    }

    @Test
    void aDateOverAClockIsOneTimeAndOtherAppsWordsAreTheirs() {
        // Tuned CHONGQING: the page's time as a date with its weekday over a large clock, 末次接种日期 for the
        // vaccination's date, a menu below the fold; tuned JILIN: the colour's chip beside the name, 场所码 over a place.
        Map<String, String> chongqing = HealthCodeLayout.parse(List.of("*子涵", "绿码", "2022-07-01 星期五", "10:29:51",
                "核酸检测结果 阴性", "末次接种日期 2021-07-24", "通信行程卡", "场所码扫码记录", "核酸检测点查询"));
        assertThat(chongqing).containsEntry("Time", "2022-07-01 10:29:51").containsEntry("VaccinationTime", "2021-07-24")
                .containsEntry("SpotName", "");
        Map<String, String> jilin = HealthCodeLayout.parse(List.of("林*黄码", "4201**********123X", "场所码 西湖区文化中心"));
        assertThat(jilin).containsEntry("Name", "林*").containsEntry("SpotName", "西湖区文化中心");
        // JILIN's two cards to a row, their labels read as one line over their values: 检测时效 is the interval's
        Map<String, String> cards = HealthCodeLayout.parse(List.of("核酸结果 检测时效", "阴性 3天"));
        assertThat(cards).containsEntry("TestingResult", "阴性").containsEntry("TestingInterval", "3天");
        // a result's label beside a word of no label's is still no result
        assertThat(HealthCodeLayout.parse(List.of("核酸结果 检测状态", "阴性 3天"))).containsEntry("TestingResult", "阴性");
    }

    @Test
    void valuesOverTheirLabelsInColumnsArePairedByTheColumnTheyStandIn() {
        // Three values over three labels; the third label names nothing Tencent returns.
        List<String> lines = paired(line(700, 36, "阴性", 110, "48小时内", 300, "已采样", 560),
                line(745, 22, "检测结果", 100, "检测间隔", 320, "采样状态", 550));
        Map<String, String> fields = HealthCodeLayout.parse(lines);
        assertThat(fields).containsEntry("TestingResult", "阴性").containsEntry("TestingInterval", "48小时内");
        assertThat(HealthCodeLayout.parse(List.of("阴性 48小时内 已采样", "检测结果 检测间隔 采样状态")))
                .as("read by text order, the label row's first label takes the other labels for its value, no result's"
                        + " shape: the result is the first of that shape on the page")
                .containsEntry("TestingResult", "阴性").containsEntry("TestingInterval", "48小时内");
    }

    @Test
    void aLabelAloneTakesTheNearerRowAboveOrBelow() {
        // Value over its label (the label close under it), then the next field's value further down.
        Map<String, String> under = HealthCodeLayout.parse(paired(line(660, 32, "阳性", 60), line(704, 20, "核酸检测结果", 60),
                line(756, 24, "2022-03-19 04:42", 60), line(796, 20, "检测时间", 60), line(844, 32, "3天", 60),
                line(888, 20, "距上次核酸", 60)));
        assertThat(under).containsEntry("TestingResult", "阳性").containsEntry("TestingTime", "2022-03-19 04:42")
                .containsEntry("TestingInterval", "3天");
        // Label over its value (the value close under it).
        Map<String, String> over = HealthCodeLayout.parse(paired(line(560, 20, "检测时间", 60),
                line(592, 26, "2022-05-01 10:20", 60), line(650, 20, "检测间隔", 60), line(682, 26, "7天", 60)));
        assertThat(over).containsEntry("TestingTime", "2022-05-01 10:20").containsEntry("TestingInterval", "7天");
        // Two labels side by side over two values, the values' words in other places than the labels'.
        Map<String, String> grid = HealthCodeLayout.parse(paired(line(690, 24, "核酸检测结果", 60, "检测时间", 400),
                line(734, 32, "阴性", 60, "2022-05-17", 400, "12:09", 720)));
        assertThat(grid).containsEntry("TestingResult", "阴性").containsEntry("TestingTime", "2022-05-17 12:09");
    }

    @Test
    void otherAppsLabelWordingsAndALabelBoxedInTwoFarWordsPairWithTheValuesOverThem() {
        // A two-by-two grid of values over labels (SHANDONG's): "距上次检测" names the interval, and the small
        // wide-set "接种日期" comes back as two words further apart than the line is high.
        Map<String, String> grid = HealthCodeLayout.parse(paired(line(750, 34, "阳性", 168, "48小时内", 480),
                line(800, 20, "核酸结果", 157, "距上次检测", 496), line(870, 34, "已接种3针", 125, "2021-04-22", 473),
                line(920, 20, "疫苗接种", 157, "接种", 480, "日期", 575), line(1017, 26, "最近采样", 61, "2022-02-26", 190,
                        "09:17:17", 350)));
        assertThat(grid).containsEntry("TestingResult", "阳性").containsEntry("TestingInterval", "48小时内")
                .containsEntry("Vaccination", "已接种3针").containsEntry("VaccinationTime", "2021-04-22")
                .containsEntry("TestingTime", "2022-02-26 09:17:17");
        assertThat(HealthCodeLayout.parse(List.of("接种状态 已完成全程接种", "采样日期 2022-03-21 08:36:43")))
                .containsEntry("Vaccination", "已完成全程接种").containsEntry("TestingTime", "2022-03-21 08:36:43");
    }

    @Test
    void aMaskedNamesStarReadAsAnApostropheIsAStar() {
        assertThat(HealthCodeLayout.parse(List.of("姓名 : 钱 ' 文"))).containsEntry("Name", "钱*文");
        assertThat(HealthCodeLayout.parse(List.of("姓名：李’"))).containsEntry("Name", "李*");
    }

    @Test
    void otherAppsFormsOfNamesNumbersIntervalsAndTimesAreRead() {
        assertThat(HealthCodeLayout.parse(List.of("*子涵", "1****************6"))).containsEntry("Name", "*子涵")
                .containsEntry("IDNumber", "1****************6");
        assertThat(HealthCodeLayout.parse(List.of("姓名：赵**"))).containsEntry("Name", "赵**");
        assertThat(HealthCodeLayout.parse(List.of("姓名 : 孙 ”"))).as("the '*' read as a quote").containsEntry("Name", "孙*");
        Map<String, String> f = HealthCodeLayout.parse(List.of("核酸检测时间 2022-05-17 12:09:11", "检测间隔 24小时内",
                "核酸结果 阳性", "已完成加强免疫"));
        assertThat(f).containsEntry("TestingTime", "2022-05-17 12:09:11").containsEntry("TestingInterval", "24小时内")
                .containsEntry("TestingResult", "阳性").as("a vaccination no label names").containsEntry("Vaccination", "已完成加强免疫")
                .as("the testing time is no update time").containsEntry("Time", "");
        assertThat(HealthCodeLayout.parse(List.of("暂无核酸检测记录"))).containsEntry("TestingResult", "暂无核酸检测记录");
    }

    @Test
    void aTimesColonsReadAsSemicolonsOrFullStopsInANarrowFaceStillGiveTheTime() {
        // YUNNAN's condensed face (tuned): chi_sim reads its colons as ';' or '.'; the date before the digits says they
        // are a time.
        Map<String, String> f = HealthCodeLayout.parse(List.of("更 新 时 间 : 2022-02-10 04.21:04",
                "采样 时 间 2022-11-18 07;29;05", "接种 时 间 2021-09-14"));
        assertThat(f).containsEntry("Time", "2022-02-10 04:21:04").containsEntry("TestingTime", "2022-11-18 07:29:05")
                .containsEntry("VaccinationTime", "2021-09-14");
        assertThat(HealthCodeLayout.parse(List.of("核酸 检测 时 间 : 2022-01-15 22.52"))).as("to the minute")
                .containsEntry("TestingTime", "2022-01-15 22:52");
    }

    @Test
    void datesWithSlashesFullStopsOrYearMonthDayAreGivenInTencentsForm() {
        // Tuned GUIZHOU and HAINAN print 2022/07/18 and 2022年6月5日; Tencent answers 2022-07-18 and 2022-06-05.
        Map<String, String> f = HealthCodeLayout.parse(List.of("更 新 时 间 : 2022/07/18 23:49:45",
                "采样 时 间 Sampled | 2022 年 6 月 5 日 22:30", "接种 日 期 Date 2021 年 12 月 8 日"));
        assertThat(f).containsEntry("Time", "2022-07-18 23:49:45").containsEntry("TestingTime", "2022-06-05 22:30")
                .containsEntry("VaccinationTime", "2021-12-08");
        assertThat(HealthCodeLayout.parse(List.of("采样时间：2022.02.06 08:30:15", "接种日期：2021/7/25")))
                .containsEntry("TestingTime", "2022-02-06 08:30:15").containsEntry("VaccinationTime", "2021-07-25");
        assertThat(HealthCodeLayout.parse(List.of("核酸检测时间 2022-05-1712:09"))).as("a day run into the hour")
                .containsEntry("TestingTime", "2022-05-17 12:09");
    }

    @Test
    void aGridsCellsReadAsOneLineAreReadApartAfterAWholeValue() {
        // Tuned NINGXIA: a ruled grid, two label-value pairs to a row, read as one line with no colon.
        Map<String, String> f = HealthCodeLayout.parse(List.of("采样时间 2022-05-28 20:29:45 场所名称 江汉区菜市场",
                "疫苗接种 已接种2针 接种日期 2021-12-16"));
        assertThat(f).containsEntry("TestingTime", "2022-05-28 20:29:45").containsEntry("SpotName", "江汉区菜市场")
                .containsEntry("Vaccination", "已接种2针").containsEntry("VaccinationTime", "2021-12-16");
        // a value of no whole shape before a label's words is one value: 暂无 is no result
        assertThat(HealthCodeLayout.pairsCut("核酸结果 暂无 核酸检测记录")).hasSize(1);
        assertThat(HealthCodeLayout.parse(List.of("核酸结果 暂无核酸检测记录")))
                .containsEntry("TestingResult", "暂无核酸检测记录");
    }

    @Test
    void theColourInWordsBesideARowOfLabelsIsNoPartOfIt() {
        // Tuned NINGXIA: the colour's chip over the code, read on the row the name's label starts
        assertThat(HealthCodeLayout.parse(List.of("绿码 姓名 何* 证件号码 440*******5510")))
                .containsEntry("Name", "何*");
        // Tuned HEBEI: the chip on a card of its own beside a row of labels over their values
        Map<String, String> f = HealthCodeLayout.parse(paired(line(187, 33, "黄码", 160, "姓名", 300, "核酸结果", 560),
                line(215, 33, "*子涵", 290, "阴性", 580)));
        assertThat(f).containsEntry("Name", "*子涵").containsEntry("TestingResult", "阴性");
    }

    @Test
    void columnsOfLabelsTakeTheRowThatFillsTheirColumnsNotTheNearerLineUnderOne() {
        // HENAN: three values over three labels, and a line of another record set close under the first column
        // alone; nearer than the values, it was taken for the labels' row and the vaccination was lost.
        Map<String, String> f = HealthCodeLayout.parse(paired(line(709, 43, "无记录", 100, "已完成全程接种", 500),
                line(756, 35, "核酸结果", 100, "检测间隔", 330, "疫苗接种", 560),
                line(792, 38, "暂无核酸检测记录", 58)));
        assertThat(f).containsEntry("Vaccination", "已完成全程接种").containsEntry("TestingResult", "暂无核酸检测记录");
    }

    @Test
    void aLabelAfterAWordNamingTheRecordIsStillItsFieldsLabel() {
        // HUNAN: 最近扫码场所 over the place; 本次 and 最近一次 likewise
        assertThat(HealthCodeLayout.parse(List.of("最近扫码场所", "鼓楼区农贸市场")))
                .containsEntry("SpotName", "鼓楼区农贸市场");
        assertThat(HealthCodeLayout.parse(List.of("本次检测结果 阴性", "最近一次采样时间 2022-02-06 06:35")))
                .containsEntry("TestingResult", "阴性").containsEntry("TestingTime", "2022-02-06 06:35");
        // a value that starts with such a word is no label's
        assertThat(HealthCodeLayout.labelled("最近无记录")).isFalse();
    }

    @Test
    void aBadgeBesideANameIsNoPartOfIt() {
        // LIAONING: 已实名 in an outline beside the big name, run into it by the text's normalisation
        assertThat(HealthCodeLayout.parse(List.of("林* 已实名", "4201**********123X"))).containsEntry("Name", "林*");
        assertThat(HealthCodeLayout.parse(List.of("司马*然 已实名"))).containsEntry("Name", "司马*然");
        assertThat(HealthCodeLayout.parse(List.of("钱*文 已认证"))).containsEntry("Name", "钱*文");
    }

    @Test
    void theColourInWordsIsKnownOnlyWhenThePageNamesOne() {
        assertThat(HealthCodeLayout.colourNamedIn(List.of("姓名 林*", "黄码"))).isEqualTo(QrCode.YELLOW);
        assertThat(HealthCodeLayout.colourNamedIn(List.of("绿码 姓名 何*"))).isEqualTo(QrCode.GREEN);
        assertThat(HealthCodeLayout.colourNamedIn(List.of("红码人员请勿外出", "黄码人员请配合"))).isEmpty();
        assertThat(HealthCodeLayout.colourNamedIn(List.of("健康码", "姓名 林*"))).isEmpty();
    }

    @Test
    void twoLabelValuePairsOnOneLineAreReadApart() {
        // Tuned GUIZHOU: two pairs to a row, each label followed by a colon (read as ';' or ',' in small print).
        Map<String, String> f = HealthCodeLayout.parse(List.of("姓名 : “ 伟 证 件 号 : 51” “09",
                "核酸 结果 : 阴性 检测 间隔 : 7 天", "疫苗 接种 : 已 接种 2 针 接种 日 期 ;: 2021/02/21"));
        assertThat(f).containsEntry("Name", "*伟").containsEntry("TestingResult", "阴性")
                .containsEntry("TestingInterval", "7天").containsEntry("Vaccination", "已接种2针")
                .containsEntry("VaccinationTime", "2021-02-21");
        // PP-OCR's read of such a row, the second label's last character and its colon lost: its number still starts a pair
        assertThat(HealthCodeLayout.parse(List.of("姓名：冯** 证件号4101********2333"))).containsEntry("Name", "冯**")
                .containsEntry("IDNumber", "4101**********2333");
        assertThat(HealthCodeLayout.pairsCut("暂无核酸检测记录")).as("no label: whole").containsExactly("暂无核酸检测记录");
        assertThat(HealthCodeLayout.pairsCut("核酸检测时间:2022-05-17 12:09")).as("one pair: whole").hasSize(1);
    }

    @Test
    void aLabelsEnglishGlossIsPartOfTheLabel() {
        // Tuned HAINAN's bilingual labels: 场所名称 Place, 证件号码 ID.
        assertThat(HealthCodeLayout.parse(List.of("姓名 Name * 子 涵", "场所 名 称 Place 武 侯 区 农贸 市 场")))
                .containsEntry("Name", "*子涵").containsEntry("SpotName", "武侯区农贸市场");
        assertThat(HealthCodeLayout.labelOnly("证件 号码 ID")).as("a label with its gloss and no value").isTrue();
        assertThat(HealthCodeLayout.parse(List.of("证件号码 ID 4101**********2333"))).containsEntry("IDNumber",
                "4101**********2333");
    }

    @Test
    void aNumberThatCannotBeAResidentNumberIsNotTrusted() {
        assertThat(KoreanCardLayout.plausible("760315-1472156")).isTrue();
        assertThat(KoreanCardLayout.plausible("769315-1408106")).as("no 93rd month").isFalse();
        assertThat(KoreanCardLayout.plausible("760315-9472156")).as("7th digit 9: born in the 1800s").isFalse();
        assertThat(KoreanCardLayout.plausible("760315-147215")).as("12 digits").isFalse();
        assertThat(KoreanCardLayout.number("76 0315-147 2156")).isEqualTo("760315-1472156");
    }

    @Test
    void aNumberMisreadIntoAWrongCheckDigitGivesWayToAReadWhoseCheckHolds() {
        assertThat(KoreanCardLayout.checkDigitHolds("760315-1472156")).as("issued before October 2020").isTrue();
        assertThat(KoreanCardLayout.checkDigitHolds("760315-1478156")).as("its 10th digit misread").isFalse();
        // A misread that is still a valid number (a date that exists, 7th digit 1): only its check digit shows it.
        assertThat(KoreanCardLayout.plausible("760315-1478156")).isTrue();
        assertThat(KoreanCardLayout.chooseNumber(List.of("760315-1478156", "760315-1472156"))).isEqualTo("760315-1472156");
        assertThat(KoreanCardLayout.chooseNumber(List.of("760315-1472156", "760313-1472156"))).isEqualTo("760315-1472156");
        // Each read wrong in another digit: the number their digits make whose check holds.
        assertThat(KoreanCardLayout.chooseNumber(List.of("760315-1478156", "760313-1472156"))).isEqualTo("760315-1472156");
        assertThat(KoreanCardLayout.chooseNumber(List.of("769315-1408106", "760315-9472156"))).as("none plausible")
                .isEmpty();
    }

    @Test
    void anAddressesFirstWordMisreadByOneLetterIsTheDivisionItNames() {
        assertThat(KoreanCardLayout.withProvince("서물특별시 송파구 올림픽로 435")).isEqualTo("서울특별시 송파구 올림픽로 435");
        assertThat(KoreanCardLayout.withProvince("인전광역시 연수구")).isEqualTo("인천광역시 연수구");
        assertThat(KoreanCardLayout.withProvince("서울특별시 송파구")).isEqualTo("서울특별시 송파구");
        assertThat(KoreanCardLayout.withProvince("서물득별시 송파구")).as("two syllables off").isEqualTo("서물득별시 송파구");
        assertThat(KoreanCardLayout.withProvince("서뮬특별시 송파구")).as("two letters off").isEqualTo("서뮬특별시 송파구");
        assertThat(KoreanCardLayout.withProvince("(신천동, 파크리오아파트)")).isEqualTo("(신천동, 파크리오아파트)");
    }

    @Test
    void aBuildingMarkWithALetterAfterItsDigitsIsADigitMisread() {
        assertThat(KoreanCardLayout.withBuildingMark("101동", "10L")).isEqualTo("101동");
        assertThat(KoreanCardLayout.withBuildingMark("4동", "N")).isEqualTo("N동");
        assertThat(KoreanCardLayout.withBuildingMark("81동", "B1")).isEqualTo("B1동");
    }

    @Test
    void aNameWithItsSyllablesSetApartIsOneName() {
        assertThat(KoreanCardLayout.name("육 소 희 (陸昭熙)")).isEqualTo("육소희 (陸昭熙)");
        assertThat(KoreanCardLayout.name("곽 도 현")).isEqualTo("곽도현");
        assertThat(KoreanCardLayout.name("선 우 재 준(鮮于在晙)")).isEqualTo("선우재준 (鮮于在晙)");
        assertThat(KoreanCardLayout.name("엄태웅 (嚴泰雄)")).isEqualTo("엄태웅 (嚴泰雄)");
        // Parts of one syllable or two, marks seen in the gaps, the Hanja read as digits.
        assertThat(KoreanCardLayout.name("곽 도현   (郭度炫)")).isEqualTo("곽도현 (郭度炫)");
        assertThat(KoreanCardLayout.name("곽,도/현,(郭度炫)")).isEqualTo("곽도현 (郭度炫)");
        assertThat(KoreanCardLayout.name("편 승 우 000)")).isEqualTo("편승우");
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(card("주 민 등 록 증", 60, "편 승 우 (片承祐)", 140,
                "850304-1642097", 200, "강원특별자치도 원주시 단구로 170", 260, "2024. 6. 5.", 400));
        assertThat(parsed.fields()).containsEntry("Name", "편승우 (片承祐)").containsEntry("ID", "850304-1642097");
    }

    @Test
    void aNumberIssuedSinceOctober2020WithoutACheckDigitIsKeptAsRead() {
        assertThat(KoreanCardLayout.checkDigitHolds("850304-1642097")).isFalse();
        assertThat(KoreanCardLayout.chooseNumber(List.of("850304-1642097", "850304-1642097"))).isEqualTo("850304-1642097");
        // Two reads that differ and neither has a check: the first plausible one, not a number made up of both.
        assertThat(KoreanCardLayout.chooseNumber(List.of("850304-1642097", "880304-1642097"))).isEqualTo("850304-1642097");
        assertThat(KoreanCardLayout.chooseNumber(List.of("851304-1642097", "850304-1642097"))).as("the first no date")
                .isEqualTo("850304-1642097");
        // A read whose check holds only by another check digit, or by more than one other digit: no evidence.
        assertThat(KoreanCardLayout.chooseNumber(List.of("850304-1642097", "850304-1642093"))).isEqualTo("850304-1642097");
        assertThat(KoreanCardLayout.checkDigitHolds("760315-1408056")).isTrue();
        assertThat(KoreanCardLayout.chooseNumber(List.of("760315-1478156", "760315-1408056"))).isEqualTo("760315-1478156");
    }

    private static List<TextLine> card(Object... textAndY) {
        List<TextLine> lines = new ArrayList<>();
        for (int k = 0; k < textAndY.length; k += 2) {
            lines.add(new TextLine((String) textAndY[k], new Rectangle(40, (Integer) textAndY[k + 1], 400, 28), 90));
        }
        return lines;
    }

    @Test
    void theAddressEndsAtTheGapAfterItNeverTakingTheIssuerLine() {
        // The issue date unread, the issuer's title cut off: what follows the gap is not the address.
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(card("주민등록증", 60, "엄태웅", 140, "760315-1472156", 200,
                "경기도 성남시 분당구 정자일로 95", 270, "경기도 성남시", 460));
        assertThat(parsed.fields()).containsEntry("Address", "경기도 성남시 분당구 정자일로 95");
        KoreanCardLayout.Parsed twoLines = KoreanCardLayout.parse(card("760315-1472156", 200, "서울특별시 마포구 월드컵북로 396",
                270, "302동 1104호 (상암동)", 308, "2022. 1. 14.", 400));
        assertThat(twoLines.fields()).containsEntry("Address", "서울특별시 마포구 월드컵북로 396 302동 1104호 (상암동)")
                .containsEntry("DateOfIssue", "14/01/2022");
    }

    @Test
    void aTitledCardWhoseNumberCannotBeReadStillGivesItsOtherFields() {
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(card("주민등록증", 60, "한지호", 140, "O3O6ll-3B4?2&O", 200,
                "대전광역시 유성구 대학로 291", 270, "2023. 10. 27.", 400));
        assertThat(parsed.looksLikeCard()).isTrue();
        assertThat(parsed.fields()).containsEntry("ID", "").containsEntry("Name", "한지호")
                .containsEntry("Address", "대전광역시 유성구 대학로 291").containsEntry("DateOfIssue", "27/10/2023");
    }

    @Test
    void aCardWithNeitherANumberNorATitleReadIsAnsweredFromItsAddressAndIssue() {
        // The title drawn in a way the engine misreads, the number under a glare: the address above the issue date and
        // the issuer still say it is a card, and anchor the name above them.
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(card("KOREA", 40, "남궁병(南宮昞)", 140, "?9O8I2-", 200,
                "광주광역시 서구 상무중앙로 7 (치평동)", 270, "2022. 1. 14.", 400, "광주광역시 서구청장", 460));
        assertThat(parsed.looksLikeCard()).isTrue();
        assertThat(parsed.fields()).containsEntry("ID", "").containsEntry("Name", "남궁병 (南宮昞)")
                .containsEntry("Address", "광주광역시 서구 상무중앙로 7 (치평동)").containsEntry("DateOfIssue", "14/01/2022");
        assertThat(parsed.nameLine().text()).isEqualTo("남궁병(南宮昞)");
        // Text of another kind: no place names above a date, no issuer.
        assertThat(KoreanCardLayout.parse(card("건강 코드", 40, "2022-01-14 10:00:00", 140)).looksLikeCard()).isFalse();
    }

    @Test
    void aBuildingLetterReadAsALoneHangulLetterIsReadAgain() {
        // kor has no Latin letters: a serif C came back as the jamo ᄋ, alone or after a digit.
        assertThat(KoreanCardLayout.isBuildingWord("ᄋ동")).isTrue();
        assertThat(KoreanCardLayout.withBuildingMark("ᄋ동", "C")).isEqualTo("C동");
        assertThat(KoreanCardLayout.withBuildingMark("0ᄋ동", "C")).isEqualTo("C동");
        assertThat(KoreanCardLayout.isBuildingWord("센텀동")).as("a place's name, no mark").isFalse();
    }

    @Test
    void aTitleWithASyllableMisreadIsStillTheTitle() {
        assertThat(KoreanCardLayout.isTitle("주민동록증")).isTrue();
        assertThat(KoreanCardLayout.isTitle("주 민 등 록 중")).isTrue();
        assertThat(KoreanCardLayout.isTitle("즈민등록증")).isTrue();
        assertThat(KoreanCardLayout.isTitle("주민수")).as("a name").isFalse();
        assertThat(KoreanCardLayout.isTitle("서울특별시 강남구 테헤란로 152 (역삼동)")).isFalse();
        KoreanCardLayout.Parsed parsed = KoreanCardLayout.parse(card("주민동록증", 60, "한지호", 140, "O3O6ll-3B4?2&O", 200,
                "대전광역시 유성구 대학로 291", 270, "2023. 10. 27.", 400));
        assertThat(parsed.fields()).containsEntry("Name", "한지호").containsEntry("Address", "대전광역시 유성구 대학로 291");
    }

    @Test
    void whatStandsFarRightOfALineIsNotPartOfIt() {
        // A mark of the photo or the card's pattern, read as a syllable beside the address.
        TextLine[] row = line(270, 28, "울산광역시", 40, "남구", 200, "삼산로", 270, "274", 370, "기", 700);
        TextLine trimmed = KoreanCardLayout.beforeWideGap(row[0], List.of(row).subList(1, row.length));
        assertThat(trimmed.text()).isEqualTo("울산광역시 남구 삼산로 274");
        TextLine[] whole = line(270, 28, "울산광역시", 40, "남구", 200);
        assertThat(KoreanCardLayout.beforeWideGap(whole[0], List.of(whole).subList(1, whole.length))).isSameAs(whole[0]);
    }
}
