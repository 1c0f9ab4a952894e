package dev.ocrbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The text rules, on the message shapes Camel, JSch and the mail client really print. */
class RedactorTest {

    @Test
    void argumentsOfForeignMessagesBecomeStableHashesExceptNumbersAndConstants() {
        String line = Redactor.foreign("Processing file: {} ({} bytes, {}, {}) after {}",
                new Object[] {"김철수 주민등록증.png", 48213, TimeUnit.SECONDS, true, Duration.ofMillis(5)});
        String hash = Redactor.hash("김철수 주민등록증.png");
        assertThat(hash).matches("#[0-9a-f]{8}");
        assertThat(line).isEqualTo("Processing file: " + hash + " (48213 bytes, SECONDS, true) after PT0.005S");
        assertThat(Redactor.foreign("Again: {}", new Object[] {"김철수 주민등록증.png"})).isEqualTo("Again: " + hash);
        assertThat(Redactor.hash("john.png")).isNotEqualTo(Redactor.hash("jane.png"));
        assertThat(Redactor.foreign("id {}", new Object[] {110101199003077777L})).doesNotContain("1101011990");
    }

    @Test
    void concatenatedPathsNamesAddressesAndNumbersAreMasked() {
        // GenericFileOnCompletion / MarkerFileExclusiveReadLockStrategy / MailConsumer shapes, built by concatenation
        String[] leaks = {"/data/inbox/health-code/김철수 주민등록증.png", "JohnSmithPassport.png", "report.JPEG",
            "C:\\inbox\\scan.png", "kim.cheolsu@example.com", "<1234.5678.JavaMail.ocr@mail.example.com>",
            "820701-2345678", "110101199003077777", "010 1234 5678", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA", "홍길동", "王小明", "sftp://ocr@host:22/inbox/a.png", "a.png.camelLock"};
        for (String leak : leaks) {
            String line = Redactor.foreign("Error during commit. Exchange[" + leak + "]. Caused by: [" + leak + "]", null);
            assertThat(line).as(leak).doesNotContain(leak).contains("Error during commit. Exchange[");
        }
        // names with spaces, quoted whole by Camel's own carriers
        String commit = "Error during commit. Exchange[1A2B-000000000000001]. Caused by: [org.apache.camel.component."
                + "file.GenericFileOperationFailedException - Cannot rename file: GenericFile[John Smith card] to: "
                + "GenericFile[done/John Smith card]]";
        assertThat(Redactor.mask(commit)).doesNotContain("John", "Smith", "card", "Cannot rename")
                .startsWith("Error during commit. Exchange[")
                .contains("Caused by: [org.apache.camel.component.file.GenericFileOperationFailedException - #");
        // MarkerFileExclusiveReadLockStrategy concatenates a java.io.File: a path, no carrier around it
        assertThat(Redactor.mask("Cannot acquire read lock within 20000 millis. Will skip the file: /in/John Smith card"))
                .matches("Cannot acquire read lock within 20000 millis. Will skip the file: #[0-9a-f]{8}");
        assertThat(Redactor.mask("Error deleting done file: Mary Lee.done. Exchange[A-1]. Caused by: [x.Y - Mary Lee]"))
                .matches("Error deleting done file: #[0-9a-f]{8}. Exchange\\[A-1]. Caused by: \\[x.Y - #[0-9a-f]{8}]");
        assertThat(Redactor.mask("Cannot rename file from: Mary Lee to: done/Mary Lee"))
                .matches("Cannot rename file from: #[0-9a-f]{8} to: #[0-9a-f]{8}");
        // FileChangedExclusiveReadLockStrategy concatenates the file; its name may hold a newline
        assertThat(Redactor.foreign("Will skip the file: GenericFile[/in/scan\n00:00:00.000 ERROR [main] Forged - x]",
                null)).matches("Will skip the file: #[0-9a-f]{8}");
        assertThat(Redactor.foreign("Rollback file strategy: x for GenericFile[/in/scan\n00:00 [main] Forged - x]",
                null)).matches("Rollback file strategy: x for GenericFile\\[#[0-9a-f]{8}]");
        assertThat(Redactor.mask("failed. Caused by: [java.io.IOException - line one\nline [two] Lee]"))
                .matches("failed. Caused by: \\[java.io.IOException - #[0-9a-f]{8}]");
        assertThat(Redactor.mask("Cannot acquire read lock. Will skip GenericFile[Mary Ann Lee]"))
                .matches("Cannot acquire read lock. Will skip GenericFile\\[#[0-9a-f]{8}]");
        assertThat(Redactor.mask("Deleting orphaned lock file: /tmp/in/scan 01.png.camelLock"))
                .doesNotContain("scan", "01.png", "/tmp").startsWith("Deleting orphaned lock file: #");
    }

    @Test
    void wordsClassNamesAndSmallNumbersStayReadable() {
        String text = "Route: file-drop-health-code started and consuming from org.apache.camel.component.file."
                + "GenericFileOnCompletion in 250 ms on port 8080, 3 files, 0.01 seconds";
        assertThat(Redactor.foreign(text, null)).isEqualTo(text);
    }

    @Test
    void controlCharactersAreEscapedInEveryLineSoNoneCanBeForged() {
        String forged = "scan\n12:00:00.000 ERROR [main] x - forged\r\u0085\u2028\u202e\t.png";
        assertThat(Redactor.own("name " + forged)).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u202e", "\t")
                .contains("\\n12:00:00.000 ERROR", "\\r", "\\u0085", "\\u2028", "\\u202e", "\\t");
        assertThat(Redactor.foreign("Polled " + forged + " and {}", new Object[] {forged}))
                .doesNotContain("\n", "\r", "\u2028").contains("Polled scan\\n12:00:00.000 ERROR");
    }

    @Test
    void escapedPlaceholdersAndMissingArgumentsFollowSlf4j() {
        assertThat(Redactor.foreign("literal \\{} then {} and {}", new Object[] {7})).isEqualTo("literal {} then 7 and {}");
        assertThat(Redactor.foreign(null, null)).isEqualTo("null");
        assertThat(Redactor.foreign("x {}", new Object[] {null})).isEqualTo("x null");
    }
}
