package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.cluster.TestPostgres;
import dev.ocrbridge.errors.HaltRefusal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster's halt lives in the quota row every turn locks: once a halt is committed no node is granted a slot of
 * the action, whatever its own view of the halt, and a turn waiting for the row when the halt commits sees it.
 */
class PostgresPacerHaltTest {

    private static final String SECRET_ID = "AKIDclusterPacerHalt456789abcdefABCD";
    private static final String OTHER_ACCOUNT = "AKIDotherAccountHalt456789abcdefABCD";
    private static final String HALT = "AuthFailure.SecretIdNotFound";
    private static TestPostgres.Database db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase(PostgresPacerHaltTest.class.getSimpleName());
    }

    private static PostgresRequestPacer node(String secretId, String action) {
        PostgresRequestPacer pacer = new PostgresRequestPacer(db.dataSource(), secretId, action, 20, 1000, 0);
        pacer.start();
        return pacer;
    }

    @Test
    void onceOneNodeHaltsNoNodeIsGrantedATurnUntilResumed() {
        String action = "HaltTest";
        PostgresRequestPacer a = node(SECRET_ID, action);
        PostgresRequestPacer b = node(SECRET_ID, action);
        b.awaitSlot();

        a.halt(HALT);
        assertThatThrownBy(b::awaitSlot).isInstanceOfSatisfying(HaltRefusal.class,
                e -> assertThat(e.code()).isEqualTo(HALT));
        assertThatThrownBy(a::awaitSlot).isInstanceOf(HaltRefusal.class);
        a.halt("FailedOperation.UnOpenError");
        assertThatThrownBy(b::awaitSlot).as("the first halt's code is kept")
                .isInstanceOfSatisfying(HaltRefusal.class, e -> assertThat(e.code()).isEqualTo(HALT));

        b.resume();
        assertThat(a.awaitSlot()).isNotNull();
    }

    @Test
    void aTurnWaitingForTheRowWhenTheHaltCommitsIsRefused() throws Exception {
        String action = "HaltRaceTest";
        PostgresRequestPacer b = node(SECRET_ID, action);
        try (Connection halting = db.connect()) {
            halting.setAutoCommit(false);
            try (Statement s = halting.createStatement()) {
                // the halting transaction holds the row, as one that halts while a turn is being claimed would
                s.execute("SELECT 1 FROM " + PostgresRequestPacer.TABLE + " WHERE action = '" + action + "' FOR UPDATE");
            }
            CompletableFuture<Object> turn = CompletableFuture.supplyAsync(b::awaitSlot);
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock() > 0);
            PostgresRequestPacer.haltEveryAccount(halting, action, HALT);
            halting.commit();
            assertThat(turn).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .havingCause().isInstanceOf(HaltRefusal.class);
        }
        try (Connection c = db.connect()) {
            PostgresRequestPacer.haltEveryAccount(c, action, null);
        }
        assertThat(b.awaitSlot()).isNotNull();
    }

    @Test
    void aClusterHaltStopsEveryAccountOfTheActionAndNoOtherAction() throws Exception {
        PostgresRequestPacer one = node(SECRET_ID, "EveryAccountTest");
        PostgresRequestPacer other = node(OTHER_ACCOUNT, "EveryAccountTest");
        PostgresRequestPacer otherAction = node(SECRET_ID, "OtherActionTest");
        try (Connection c = db.connect()) {
            PostgresRequestPacer.haltEveryAccount(c, "EveryAccountTest", "Storage.WriteFailed");
        }
        assertThatThrownBy(one::awaitSlot).isInstanceOf(HaltRefusal.class);
        assertThatThrownBy(other::awaitSlot).isInstanceOf(HaltRefusal.class);
        assertThat(otherAction.awaitSlot()).isNotNull();
        try (Connection c = db.connect()) {
            PostgresRequestPacer.haltEveryAccount(c, "EveryAccountTest", null);
        }
        assertThat(one.awaitSlot()).isNotNull();
        assertThat(other.awaitSlot()).isNotNull();
    }

    private static int waitingForALock() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND datname = current_database()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
