package dev.ocrbridge.localocr;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.sandbox.SignedClient;
import dev.ocrbridge.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local recognizers behind the real sandbox over HTTP, on a few generated documents (recognition costs CPU:
 * the full set is the accuracy command's, bench/recognition.sh). Floors, not the benchmark's figures.
 */
class LocalRecognitionTest {

    private static OcrSandbox sandbox;
    private static SignedClient client;

    @BeforeAll
    static void start() {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        sandbox = OcrSandbox.builder().port(0).credential("AKIDlocalRecognition0123456789abcdef", "localKey")
                .localRecognition().build().start();
        assertThat(sandbox.localRecognition()).as("the engine loads from the build's own files").isTrue();
        client = new SignedClient(sandbox.port(), "AKIDlocalRecognition0123456789abcdef", "localKey");
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static SyntheticDocuments.Sample health(int n) {
        return SyntheticDocuments.healthCodes(List.of(Degradation.ORIGINAL)).get(n);
    }

    private static SyntheticDocuments.Sample card(int n) {
        return SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(n);
    }

    @Test
    void aKoreanCardIsReadWithItsHanjaNameAndTheFieldsItsNumberGives() throws Exception {
        SyntheticDocuments.Sample card = card(0);
        JsonNode r = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", TestImages.base64(card.image()),
                "ReturnHeadImage", false)).response();

        assertThat(r.has("Error")).as(r.toString()).isFalse();
        for (Map.Entry<String, String> e : card.expected().entrySet()) {
            assertThat(r.path(e.getKey()).asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(r.path("Name").asText()).isEqualTo("홍길동 (洪吉童)");
        assertThat(r.path("Sex").asText()).isEqualTo("男");
        assertThat(r.path("Birthday").asText()).isEqualTo("01/07/1982");
        assertThat(r.has("Photo")).isFalse();
    }

    @Test
    void syllablesOutsideTheModelsTrainingTextAreRead() throws Exception {
        // 똠 (a name) and 텀 (센텀, a street) are not among the syllables kor was trained on; their letters are.
        SyntheticDocuments.Sample namedDdom = card(2);
        JsonNode r = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, namedDdom.image()).response();
        assertThat(r.path("Name").asText()).isEqualTo("남궁똠");

        JsonNode centum = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card(1).image()).response();
        assertThat(centum.path("Address").asText()).contains("센텀중앙로", "센텀아파트");
    }

    @Test
    void hanjaOutsideTheModelsAreChosenByTheHangulReadingAndTheGlyph() throws Exception {
        // 旼 (민) and 奐 (환) are not among chi_tra's characters: it reads 蚊 and 久; the Hangul before them allows
        // only Hanja that read 민 and 환, and the printed glyph looks clearly like one of them.
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card(1).image()).response().path("Name").asText())
                .isEqualTo("김민서 (金旼抒)");
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card(5).image()).response().path("Name").asText())
                .isEqualTo("박환임 (朴奐任)");
    }

    @Test
    void aLatinBuildingLetterInTheAddressIsRead() throws Exception {
        // kor has no Latin letters (it reads 4동); the mark alone is read again with A-Z0-9-.
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card(4).image()).response().path("Address").asText())
                .isEqualTo("경기도 성남시 분당구 판교역로 235 에이치스퀘어 N동 7층");
    }

    @Test
    void theFacePhotoIsAJpegOfTheFaceOnlyWhenAskedFor() throws Exception {
        SyntheticDocuments.Sample card = card(1);
        JsonNode r = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", TestImages.base64(card.image()),
                "ReturnHeadImage", true)).response();

        assertThat(r.path("ID").asText()).isEqualTo("020315-4123456");
        assertThat(r.path("Sex").asText()).as("7th digit 4: a woman born in the 2000s").isEqualTo("女");
        assertThat(r.path("Birthday").asText()).isEqualTo("15/03/2002");
        byte[] photo = Base64.getDecoder().decode(r.path("Photo").asText());
        assertThat(photo).startsWith(0xFF, 0xD8, 0xFF);
        BufferedImage face = ImageIO.read(new ByteArrayInputStream(photo));
        // The card is read at 900 px wide (drawn at 856): the crop is the photo, give or take a few pixels.
        double scale = 900.0 / 856;
        assertThat(face.getWidth()).isBetween((int) (SyntheticDocuments.PHOTO.width * scale * 0.9),
                (int) (SyntheticDocuments.PHOTO.width * scale * 1.1));
        assertThat(face.getHeight()).isBetween((int) (SyntheticDocuments.PHOTO.height * scale * 0.9),
                (int) (SyntheticDocuments.PHOTO.height * scale * 1.1));
    }

    @Test
    void healthCodesOfThreeLayoutsGiveTheirColourFromTheQrCodeAndMostFields() throws Exception {
        // Guangdong green, Beijing yellow, Shanghai red: labels beside, no labels, labels above.
        for (int n : new int[] {0, 4, 8}) {
            SyntheticDocuments.Sample code = health(n);
            JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, code.image()).response();
            assertThat(r.has("Error")).as(r.toString()).isFalse();
            assertThat(r.path("Color").asText()).as(code.id()).isEqualTo(code.expected().get("Color"));
            int right = 0;
            for (Map.Entry<String, String> e : code.expected().entrySet()) {
                assertThat(r.path(e.getKey()).isTextual()).as(e.getKey()).isTrue();
                right += e.getValue().equals(r.path(e.getKey()).asText()) ? 1 : 0;
            }
            assertThat(right).as(code.id() + " fields right of 10").isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void maskedIdsOfAnyRunOfMarksAreReadBesideAnAvatarAndAfterALabel() throws Exception {
        // Tuned layouts: grey numbers under a label-less name beside an avatar (Jiangsu), one after its label
        // (Zhejiang); long runs of '*' that the engine reads as ideographs.
        for (String id : new String[] {"health-jiangsu-0", "health-jiangsu-1", "health-zhejiang-3"}) {
            SyntheticDocuments.Sample code = VariedDocuments.healthCodes(List.of(Degradation.ORIGINAL)).stream()
                    .filter(s -> s.id().equals(id)).findFirst().orElseThrow();
            JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, code.image()).response();
            assertThat(r.path("IDNumber").asText()).as(id).isEqualTo(code.expected().get("IDNumber"));
            if (id.equals("health-jiangsu-1")) {
                assertThat(r.path("Name").asText()).as("the name beside the avatar").isEqualTo("赵**");
            }
        }
    }

    @Test
    void valuesOverLabelsInAGridABareBigNameASkippedNumberAndACheckLetterAreRead() throws Exception {
        // Tuned layouts added in round 3: SHANDONG's values over their labels two by two (one label boxed in two far
        // words), "最近采样" before the testing time, 赵** large and bold beside the avatar, a masked number in a row the
        // block read skips; FUJIAN's number ending 0X.
        Map<String, SyntheticDocuments.Sample> byId = new java.util.HashMap<>();
        for (SyntheticDocuments.Sample s : VariedDocuments.healthCodes(List.of(Degradation.ORIGINAL))) {
            byId.put(s.id(), s);
        }
        SyntheticDocuments.Sample grid = byId.get("health-shandong-11");
        JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, grid.image()).response();
        for (String field : List.of("Name", "TestingResult", "TestingTime", "Vaccination", "VaccinationTime")) {
            assertThat(r.path(field).asText()).as(field).isEqualTo(grid.expected().get(field));
        }
        // The grey monospaced number under the big name, a row the block read skips, its lone '1' in front of the marks.
        SyntheticDocuments.Sample skipped = byId.get("health-shandong-10");
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, skipped.image()).response().path("IDNumber").asText())
                .isEqualTo("1****************6");
        SyntheticDocuments.Sample checkLetter = byId.get("health-fujian-13");
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, checkLetter.image()).response().path("IDNumber").asText())
                .isEqualTo("51**************0X");
    }

    @Test
    void printInWhiteOnADarkBandAndOnColouredPillsIsRead() throws Exception {
        // Tuned layouts added in round 5: ANHUI's label-less name, masked number and update time in white on the
        // band under the status bar and its result in a white-on-green pill; YUNNAN's positive result on a red pill.
        Map<String, SyntheticDocuments.Sample> byId = new java.util.HashMap<>();
        for (SyntheticDocuments.Sample s : VariedDocuments.healthCodes(List.of(Degradation.ORIGINAL))) {
            byId.put(s.id(), s);
        }
        SyntheticDocuments.Sample band = byId.get("health-anhui-15");
        JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, band.image()).response();
        for (String field : List.of("Name", "IDNumber", "Time", "TestingResult")) {
            assertThat(r.path(field).asText()).as(field).isEqualTo(band.expected().get(field));
        }
        SyntheticDocuments.Sample pill = byId.get("health-yunnan-17");
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, pill.image()).response().path("TestingResult").asText())
                .isEqualTo("阳性");
        // YUNNAN's name after its small label, in a Traditional-style serif whose '*' the engine reads 的 (何的): its
        // mark found by shape.
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, byId.get("health-yunnan-16").image()).response()
                .path("Name").asText()).isEqualTo("何*");
    }

    @Test
    void aPageInDarkModeWithTwoPairsToARowAndATableWithBilingualLabelsAreRead() throws Exception {
        // Tuned layouts added in round 6: GUIZHOU's light print on a near-black page (its green result was lost to the
        // engine's threshold), two label-value pairs to a row, dates with slashes; HAINAN's ruled table, 场所名称 Place,
        // dates in 年月日.
        Map<String, SyntheticDocuments.Sample> byId = new java.util.HashMap<>();
        for (SyntheticDocuments.Sample s : VariedDocuments.healthCodes(List.of(Degradation.ORIGINAL))) {
            byId.put(s.id(), s);
        }
        for (String id : List.of("health-guizhou-18", "health-hainan-21")) {
            SyntheticDocuments.Sample code = byId.get(id);
            JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, code.image()).response();
            for (Map.Entry<String, String> e : code.expected().entrySet()) {
                assertThat(r.path(e.getKey()).asText()).as(id + " " + e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void aPageWhoseSplitReadStopsBeforeRowsAboveTheCutIsReadAndTheProcessLives() throws Exception {
        // Tuned HAINAN on noise: the upper read of the page's two stops on a word that the engine's order puts before
        // rows above the cut; asked for the text of those unread rows, the engine read through a null in native code
        // and the whole process (here the sandbox's, the test's own) died.
        SyntheticDocuments.Sample noisy = VariedDocuments.healthCodes(List.of(Degradation.NOISE)).stream()
                .filter(s -> s.id().equals("health-hainan-21")).findFirst().orElseThrow();
        JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, noisy.image()).response();
        assertThat(r.has("Error")).as(r.toString()).isFalse();
        assertThat(r.path("Color").asText()).isEqualTo(noisy.expected().get("Color"));
        assertThat(r.path("SpotName").asText()).as("a row below the stop, read by the other part").isNotEmpty();
    }

    @Test
    void aScreenshotPhotographedUnderLightFallingOffTowardsOneCornerIsReadInItsDimCornerToo() throws Exception {
        // Tuned SHANGHAI, 40 % darker at the lower left: read as it was, the dim lower half fell under the engine's one
        // threshold for the page, and the result, interval, testing time and vaccination were all lost.
        SyntheticDocuments.Sample dim = SyntheticDocuments.healthCodes(List.of(Degradation.UNEVEN_LIGHT)).get(6);
        JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, dim.image()).response();
        for (Map.Entry<String, String> e : dim.expected().entrySet()) {
            assertThat(r.path(e.getKey()).asText()).as(dim + " " + e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void failuresAreAnsweredAsTencentAnswersThem() throws Exception {
        BufferedImage white = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        byte[] blank = Degradation.png(white);
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, blank).code()).isEqualTo("FailedOperation.ImageNoText");
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, blank).code()).isEqualTo("FailedOperation.ImageNoText");
        // A document of the other kind: text, but not what the action reads.
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, health(0).image()).code())
                .isEqualTo("FailedOperation.OcrFailed");
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, card(0).image()).code())
                .isEqualTo("FailedOperation.OcrFailed");
    }

    @Test
    void aCardInThe2020DesignIsReadWithItsShortDateWholeAddressAndPhoto() throws Exception {
        // A tuned layout: light photo background, waves behind the text, a one-line address, "2022. 1. 14.".
        SyntheticDocuments.Sample card = VariedDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0);
        JsonNode r = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", TestImages.base64(card.image()),
                "ReturnHeadImage", true)).response();

        assertThat(r.has("Error")).as(r.toString()).isFalse();
        assertThat(r.path("ID").asText()).isEqualTo("760315-1472156");
        assertThat(r.path("Birthday").asText()).isEqualTo("15/03/1976");
        assertThat(r.path("Address").asText()).as("nothing of the photo or the issuer").isEqualTo("경기도 성남시 분당구 정자일로 95");
        assertThat(r.path("DateOfIssue").asText()).isEqualTo("14/01/2022");
        assertThat(r.path("Photo").asText()).isNotEmpty();
    }

    @Test
    void cardsWithThePhotoOnTheLeftOrABandedTitleInPerspectiveAreReadWithTheirFaceAndDottedDates() throws Exception {
        // Tuned designs of round 5: card-2020d (photo left, teal gradient, 2022.01.14, a seal on the issuer),
        // card-1999c (scanned large, in perspective under uneven light, the title white on a band); and card-2020c's
        // serif date on its JPEG variant, whose dots the engine reads as digits.
        Map<String, SyntheticDocuments.Sample> byId = new java.util.HashMap<>();
        for (SyntheticDocuments.Sample s : VariedDocuments.koreanCards(List.of(Degradation.ORIGINAL, Degradation.JPEG))) {
            byId.put(s.id() + "/" + s.degradation(), s);
        }
        for (String id : List.of("korean-card-2020d-0/ORIGINAL", "korean-card-1999c-3/ORIGINAL")) {
            SyntheticDocuments.Sample card = byId.get(id);
            JsonNode r = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", TestImages.base64(card.image()),
                    "ReturnHeadImage", true)).response();
            for (Map.Entry<String, String> e : card.expected().entrySet()) {
                assertThat(r.path(e.getKey()).asText()).as(id + " " + e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(r.path("Photo").asText()).as(id + " photo").isNotEmpty();
        }
        SyntheticDocuments.Sample dotted = byId.get("korean-card-2020c-1/JPEG");
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, dotted.image()).response().path("DateOfIssue").asText())
                .isEqualTo("05/08/2019");
    }

    private static Map<String, SyntheticDocuments.Sample> tunedCards(Degradation... degradations) {
        Map<String, SyntheticDocuments.Sample> byId = new java.util.HashMap<>();
        for (SyntheticDocuments.Sample s : VariedDocuments.koreanCards(List.of(degradations))) {
            byId.put(s.id() + "/" + s.degradation(), s);
        }
        return byId;
    }

    @Test
    void aResidentNumberMisreadIntoAWrongCheckDigitIsReadAgainAndPutRight() throws Exception {
        // On the noisy card-2020d the page's read and a digits-only read both give 810214-1356821: a date that exists,
        // so only the check digit shows the misread; Birthday follows from the number.
        SyntheticDocuments.Sample card = tunedCards(Degradation.NOISE).get("korean-card-2020d-0/NOISE");
        JsonNode r = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card.image()).response();

        assertThat(r.path("ID").asText()).isEqualTo("870214-1356821");
        assertThat(r.path("Birthday").asText()).isEqualTo("14/02/1987");
        assertThat(r.path("Sex").asText()).isEqualTo("男");
    }

    @Test
    void aResidentNumberWithoutACheckDigitIsKeptAsRead() throws Exception {
        // Numbers issued since October 2020 have no check digit: read again, but not replaced by a read that fits one.
        SyntheticDocuments.Sample issuedSince = tunedCards(Degradation.ORIGINAL).get("korean-card-2020e-2/ORIGINAL");
        assertThat(KoreanCardLayout.checkDigitHolds(issuedSince.expected().get("ID"))).isFalse();
        JsonNode r = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, issuedSince.image()).response();
        assertThat(r.path("ID").asText()).isEqualTo("850304-1642097");
        assertThat(r.path("Birthday").asText()).isEqualTo("04/03/1985");

        // chi_sim reads this one otherwise in several digits, and a number made of both reads' digits fits a check
        // digit: no evidence against the page's read.
        JsonNode other = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card(2).image()).response();
        assertThat(other.path("ID").asText()).isEqualTo("751224-2345678");
    }

    @Test
    void aNameSetWideApartUnderAHologramIsReadWhole() throws Exception {
        // card-2020e: 육 소 희 in a regular serif, letter-spaced, under translucent rainbow bands (tuned, round 6).
        SyntheticDocuments.Sample card = tunedCards(Degradation.ORIGINAL).get("korean-card-2020e-1/ORIGINAL");
        JsonNode r = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card.image()).response();

        assertThat(r.path("Name").asText()).isEqualTo("육소희 (陸昭熙)");
        assertThat(r.path("Address").asText()).isEqualTo(card.expected().get("Address"));
    }

    @Test
    void aNamesHangulMisreadByOneLetterIsPutRightByItsHanja() throws Exception {
        // card-1999c's serif 허 is read 히; 許 beside it reads 허.
        SyntheticDocuments.Sample card = tunedCards(Degradation.ORIGINAL).get("korean-card-1999c-4/ORIGINAL");
        JsonNode r = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card.image()).response();

        assertThat(r.path("Name").asText()).isEqualTo("허욱 (許頊)");
    }

    @Test
    void aNamePrintedWithoutHanjaTakesNoneFromTheCardsPattern() throws Exception {
        // card-2020f's wavy lines right of 임바름, read 三: a Hanja for a name of three syllables is no name's
        SyntheticDocuments.Sample card = tunedCards(Degradation.ORIGINAL).get("korean-card-2020f-2/ORIGINAL");
        JsonNode r = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, card.image()).response();

        assertThat(r.path("Name").asText()).isEqualTo("임바름");
    }

    /**
     * A tuned design (card-2020d) with its title set in English only and its number lost under a glare: neither of
     * what used to say "a card" can be read.
     */
    static BufferedImage unusualCard() {
        String[] c = {"남궁병", "南宮昞", "790812-1520634", "광주광역시 서구 상무중앙로 7 (치평동)", "", "2022.01.14", "광주광역시 서구청장"};
        BufferedImage card = VariedDocuments.drawCard("card-2020d", c, new java.util.Random(7700));
        java.awt.Graphics2D g = card.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(0xE6F2EF), 0, 540, new java.awt.Color(0xCBE0E6)));
        g.fillRect(240, 30, 600, 62);
        g.setColor(new java.awt.Color(0x0F4C5C));
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 28));
        g.drawString("RESIDENT REGISTRATION", 250, 78);
        g.setColor(java.awt.Color.WHITE);
        g.fillRoundRect(236, 178, 320, 52, 40, 40);
        g.dispose();
        return card;
    }

    @Test
    void aCardWhoseTitleAndNumberCannotBeReadIsAnsweredWithWhatCanBeRead() throws Exception {
        // Its address above the issue date and its issuer still say it is a card (it used to be OcrFailed).
        JsonNode r = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64",
                TestImages.base64(Degradation.png(unusualCard())), "ReturnHeadImage", true)).response();

        assertThat(r.has("Error")).as(r.toString()).isFalse();
        assertThat(r.path("ID").asText()).isEmpty();
        assertThat(r.path("Birthday").asText()).isEmpty();
        assertThat(r.path("Name").asText()).startsWith("남궁병");
        assertThat(r.path("Address").asText()).isEqualTo("광주광역시 서구 상무중앙로 7 (치평동)");
        assertThat(r.path("DateOfIssue").asText()).isEqualTo("14/01/2022");
        assertThat(r.path("Photo").asText()).isNotEmpty();
    }

    @Test
    void heldOutCardLayoutsAreReadWithTheirPhotoAndNeverFail() throws Exception {
        // Layouts never looked at while the recognizer was changed (VariedDocuments.HELD_OUT): a floor on all their
        // fields together, and every card answered with its face.
        int right = 0;
        int total = 0;
        for (SyntheticDocuments.Sample card : VariedDocuments.koreanCards(List.of(Degradation.ORIGINAL))) {
            if (!VariedDocuments.heldOut(card)) {
                continue;
            }
            JsonNode r = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageBase64", TestImages.base64(card.image()),
                    "ReturnHeadImage", true)).response();
            assertThat(r.has("Error")).as(card.id() + " " + r.path("Error")).isFalse();
            assertThat(r.path("Photo").asText()).as(card.id() + " photo").isNotEmpty();
            for (Map.Entry<String, String> e : card.expected().entrySet()) {
                total++;
                right += e.getValue().equals(r.path(e.getKey()).asText()) ? 1 : 0;
            }
        }
        // Three cards: the floor is what the group's first measurement read less a tenth of the total, rounded down.
        assertThat(total).isEqualTo(18);
        assertThat(right).as("fields right on three held-out cards").isGreaterThanOrEqualTo(15);
    }

    @Test
    void heldOutHealthCodeLayoutsGiveTheirColourAndMostFields() throws Exception {
        // A dark page with a bordered table, a serif column of right-aligned labels under a header naming the place,
        // a small page of tinted tiles, a tall page of centred label-colon-value lines: layouts never looked at while
        // the recognizer was changed.
        int right = 0;
        int total = 0;
        for (SyntheticDocuments.Sample code : VariedDocuments.healthCodes(List.of(Degradation.ORIGINAL))) {
            if (!VariedDocuments.heldOut(code)) {
                continue;
            }
            JsonNode r = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, code.image()).response();
            assertThat(r.has("Error")).as(code.id() + " " + r.path("Error")).isFalse();
            assertThat(r.path("Color").asText()).as(code.id()).isEqualTo(code.expected().get("Color"));
            for (Map.Entry<String, String> e : code.expected().entrySet()) {
                total++;
                right += e.getValue().equals(r.path(e.getKey()).asText()) ? 1 : 0;
            }
        }
        // Eight pages: the floor is what the group's first measurement read less a tenth of the total, rounded down.
        assertThat(total).isEqualTo(80);
        assertThat(right).as("fields right on eight held-out health codes").isGreaterThanOrEqualTo(71);
    }
}
