package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.HaltSwitch;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A halt is the account's: raised on one node, seen by the other; resumed on either, resumed on both. */
class ClusterHaltsTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;

    @Test
    void aHaltOnOneNodeHaltsTheOtherAndAResumeOnTheOtherResumesBoth() throws Exception {
        DataSource ds = TestPostgres.freshDatabase("ClusterHaltsTest").dataSource();
        ClusterSchema.create(ds);
        try (ClusterNode a = new ClusterNode(ds, "a", 3000); ClusterNode b = new ClusterNode(ds, "b", 3000)) {
            a.join();
            b.join();
            HaltSwitch onA = new HaltSwitch();
            HaltSwitch onB = new HaltSwitch();
            try (ClusterHalts ha = new ClusterHalts(a, onA); ClusterHalts hb = new ClusterHalts(b, onB)) {
                onA.setSharedHalts(ha);
                onB.setSharedHalts(hb);
                ha.start(50);
                hb.start(50);

                onA.halt(HEALTH, "AuthFailure.SecretIdNotFound", "req-9");
                await().atMost(Duration.ofSeconds(5)).until(() -> onB.haltOf(HEALTH).isPresent());
                assertThat(onB.haltOf(HEALTH).get().code()).isEqualTo("AuthFailure.SecretIdNotFound");
                assertThat(onB.haltOf(HEALTH).get().requestId()).isEqualTo("req-9");
                assertThat(onB.haltOf(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR)).isEmpty();
                // polls go on: the halt is not undone on the node that raised it
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                        .until(() -> onA.haltOf(HEALTH).isPresent());

                assertThat(onB.resume("health-code")).isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> onA.haltOf(HEALTH).isEmpty());
                assertThat(onB.haltOf(HEALTH)).isEmpty();
            }
        }
    }

    @Test
    void aNodeStartingWhileTheAccountIsHaltedStartsHalted() throws Exception {
        DataSource ds = TestPostgres.freshDatabase("ClusterHaltsTest").dataSource();
        ClusterSchema.create(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ocrbridge_halts (action, code, since, node_id) VALUES "
                    + "('RecognizeKoreanIDCardOCR', 'AuthFailure.SignatureFailure', now(), 'gone')");
        }
        try (ClusterNode n = new ClusterNode(ds, "n", 3000)) {
            n.join();
            HaltSwitch halts = new HaltSwitch();
            try (ClusterHalts h = new ClusterHalts(n, halts)) {
                h.start(1000);
                // start() reads the halts once before returning: no route of this node runs before it knows
                assertThat(halts.haltOf(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR)).isPresent();
            }
        }
    }
}
