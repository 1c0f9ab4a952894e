package dev.ocrbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.actions.OcrAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of answers on real files: durable, found again by a new instance, kept in memory when refused. */
class AnswerStoreTest {

    private static final String SHA = "ab".repeat(32);
    private static final AnswerStore.Key KEY = new AnswerStore.Key(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, SHA,
            "RecognizeKoreanIDCardOCR region=ap-singapore ReturnHeadImage=true endpoint=sandbox");
    private static final AnswerStore.Answer ANSWER = new AnswerStore.Answer("req-1",
            Map.of("Name", "홍길동", "Photo", "/9j/4AAQ"), 2, Instant.parse("2026-11-28T10:00:00Z"));

    @TempDir
    Path state;

    @Test
    void aRecordedAnswerIsFoundAfterARestartAndOnlyUnderTheSameDeterminants() throws Exception {
        new AnswerStore(state.resolve("answers"), state.resolve("staging")).record(KEY, ANSWER);

        AnswerStore restarted = new AnswerStore(state.resolve("answers"), state.resolve("staging"));
        assertThat(restarted.find(KEY)).contains(ANSWER);
        assertThat(restarted.find(new AnswerStore.Key(KEY.action(), SHA, KEY.determinedBy().replace("true", "false"))))
                .isEmpty();
        assertThat(restarted.find(new AnswerStore.Key(KEY.action(), "cd".repeat(32), KEY.determinedBy()))).isEmpty();
        try (var staged = Files.walk(state.resolve("staging"))) {
            assertThat(staged.filter(f -> f.toString().endsWith(".tmp"))).as("no staging leftovers").isEmpty();
        }
    }

    @Test
    void anAnswerTheDiskRefusesIsKeptInMemoryAndWrittenLater() throws Exception {
        Path staging = state.resolve("staging");
        Files.write(staging, new byte[0]); // a file where the staging folder should be: every write fails
        AnswerStore store = new AnswerStore(state.resolve("answers"), staging);

        assertThatThrownBy(() -> store.record(KEY, ANSWER)).isInstanceOf(IOException.class);
        assertThat(store.find(KEY)).contains(ANSWER);
        assertThat(store.unwrittenCount()).isEqualTo(1);
        assertThat(new AnswerStore(state.resolve("answers"), staging).find(KEY)).isEmpty();

        Files.delete(staging);
        store.writeUnwritten();
        assertThat(store.unwrittenCount()).isZero();
        assertThat(new AnswerStore(state.resolve("answers"), staging).find(KEY)).contains(ANSWER);
    }
}
