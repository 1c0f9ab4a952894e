package dev.ocrbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import org.junit.jupiter.api.Test;

class QuotaWindowsTest {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;

    @Test
    void aLateCheckedEarlierArrivalCountsInEveryWindowItBelongsTo() {
        QuotaWindows windows = new QuotaWindows();
        assertThat(windows.tryAcquire("id", ACTION, 2, 1_000).admitted()).isTrue();
        assertThat(windows.tryAcquire("id", ACTION, 2, 1_900).admitted()).isTrue();
        // arrived at 1,500 but checked last: (900, 1900] would hold three
        assertThat(windows.tryAcquire("id", ACTION, 2, 1_500).admitted()).isFalse();
        // arrived at 2,050: (1050, 2050] holds only 1,900
        assertThat(windows.tryAcquire("id", ACTION, 2, 2_050).admitted()).isTrue();
        // checked late again, arrived at 1,950: (950, 1950] holds 1,000? no: 1,000 is out; but 1,900 and 2,050
        // share (1050, 2050] with it, which would then hold three
        assertThat(windows.tryAcquire("id", ACTION, 2, 1_950).admitted()).isFalse();
    }

    @Test
    void inOrderArrivalsAreASlidingWindow() {
        QuotaWindows windows = new QuotaWindows();
        for (int i = 0; i < 10; i++) {
            assertThat(windows.tryAcquire("id", ACTION, 10, i * 100L).admitted()).isTrue();
        }
        QuotaWindows.Verdict eleventh = windows.tryAcquire("id", ACTION, 10, 999);
        assertThat(eleventh.admitted()).isFalse();
        assertThat(eleventh.timesInSecond()).isEqualTo(11);
        assertThat(windows.tryAcquire("id", ACTION, 10, 1_000).admitted()).isTrue();
        assertThat(windows.tryAcquire("other", ACTION, 10, 1_000).admitted()).isTrue();
    }
}
