package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.outbox.AnswerStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claims and in-flight answers between nodes, against a real PostgreSQL: exclusive, released, taken over after the lease. */
class ClusterClaimsTest {

    /**
     * Long enough that a heartbeat delayed by a loaded machine never costs a node its good standing mid-test (a node
     * out of it claims nothing, which would look like a lost race); the take-over test uses {@link #SHORT_LEASE}.
     */
    private static final long LEASE = 30_000;
    private static final long SHORT_LEASE = 2_000;
    private static DataSource dataSource;

    private ClusterNode a;
    private ClusterNode b;

    @BeforeAll
    static void database() throws Exception {
        dataSource = TestPostgres.freshDatabase("ClusterClaimsTest").dataSource();
        ClusterSchema.create(dataSource);
        ClusterSchema.create(dataSource); // idempotent
    }

    @BeforeEach
    void nodes() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE ocrbridge_nodes, ocrbridge_claims, ocrbridge_answers, ocrbridge_halts");
        }
        a = new ClusterNode(dataSource, "a", LEASE);
        b = new ClusterNode(dataSource, "b", LEASE);
        a.join();
        b.join();
    }

    @AfterEach
    void leave() {
        a.close();
        b.close();
    }

    @Test
    void oneNodeHoldsAKeyUntilItLetsGoAndTheTableNeverHoldsTheName() throws Exception {
        ClusterClaims onA = new ClusterClaims(a);
        ClusterClaims onB = new ClusterClaims(b);
        String key = "file:inbox/health-code/Hong Gildong.png|1234|1700000000000";
        assertThat(onA.add(key)).isTrue();
        assertThat(onA.add(key)).as("held, even by its holder").isFalse();
        assertThat(onB.add(key)).isFalse();
        assertThat(onB.contains(key)).isTrue();
        assertThat(onB.remove(key)).as("only the holder lets go").isFalse();
        assertThat(onB.add(key)).isFalse();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT claim_key FROM ocrbridge_claims")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain("Hong").hasSize(64);
        }
        assertThat(onA.remove(key)).isTrue();
        assertThat(onB.add(key)).isTrue();
    }

    @Test
    void manyNodesRacingForOneKeyGiveItToExactlyOne() throws Exception {
        List<ClusterClaims> racers = List.of(new ClusterClaims(a), new ClusterClaims(b), new ClusterClaims(a),
                new ClusterClaims(b));
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            for (int round = 0; round < 50; round++) {
                String key = "file:race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger won = new AtomicInteger();
                List<CompletableFuture<Void>> all = racers.stream().map(r -> CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (r.add(key)) {
                        won.incrementAndGet();
                    }
                }, pool)).toList();
                start.countDown();
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                assertThat(won).as("round %d", round).hasValue(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadNodesClaimPassesToAnotherAfterTheLeaseAndNotBefore() throws Exception {
        // the lease a claim is judged by is the claiming node's: both sides use the short one here
        ClusterNode dying = new ClusterNode(dataSource, "dying", SHORT_LEASE);
        ClusterNode taker = new ClusterNode(dataSource, "taker", SHORT_LEASE);
        dying.join();
        taker.join();
        try {
            String key = "file:inbox/korean-id-card/x.png|1|2";
            assertThat(new ClusterClaims(dying).add(key)).isTrue();
            // dies: no more heartbeats, nothing signed off
            dying.stopBeatingForTest();
            ClusterClaims onTaker = new ClusterClaims(taker);
            assertThat(onTaker.add(key)).as("the holder's heartbeat is still fresh").isFalse();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> onTaker.add(key));
            assertThat(new ClusterClaims(a).add(key)).as("taken over once, by one node").isFalse();
        } finally {
            taker.close();
        }
    }

    @Test
    void aRestartUnderTheSameIdDropsWhatThePreviousProcessHeld() throws Exception {
        String key = "file:inbox/health-code/y.png|1|2";
        assertThat(new ClusterClaims(a).add(key)).isTrue();
        ClusterNode again = new ClusterNode(dataSource, "a", LEASE);
        again.join();
        try {
            assertThat(new ClusterClaims(b).add(key)).isTrue();
        } finally {
            again.close();
        }
    }

    @Test
    void anIdenticalImageOnAnotherNodeWaitsForTheAnswerInsteadOfBeingSentAgain() throws Exception {
        ClusterAnswers onA = new ClusterAnswers(a);
        ClusterAnswers onB = new ClusterAnswers(b);
        AnswerStore.Key key = new AnswerStore.Key(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, "ab".repeat(32),
                "RecognizeHealthCodeOCR region=ap-guangzhou endpoint=sandbox");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        assertThat(onA.claimOrAwait(key, deadline)).as("a calls").isEmpty();
        CompletableFuture<Optional<AnswerStore.Answer>> bWaits = CompletableFuture.supplyAsync(() -> {
            try {
                return onB.claimOrAwait(key, deadline);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // b is waiting, not calling: what it returns is the answer recorded after it began (a b that called would
        // have returned at once, empty)
        assertThat(bWaits).isNotDone();
        AnswerStore.Answer answer = new AnswerStore.Answer("req-1", Map.of("Name", "x"), 1, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(onA.record(key, answer)).isTrue();
        assertThat(bWaits.get(10, TimeUnit.SECONDS)).contains(answer);
        assertThat(onB.find(key)).contains(answer);
    }

    @Test
    void aCallThatEndedWithoutAnAnswerLetsTheNextNodeCall() throws Exception {
        ClusterAnswers onA = new ClusterAnswers(a);
        ClusterAnswers onB = new ClusterAnswers(b);
        AnswerStore.Key key = new AnswerStore.Key(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, "cd".repeat(32), "k");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        assertThat(onA.claimOrAwait(key, deadline)).isEmpty();
        CompletableFuture<Optional<AnswerStore.Answer>> bWaits = CompletableFuture.supplyAsync(() -> {
            try {
                return onB.claimOrAwait(key, deadline);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        onA.release(key);
        assertThat(bWaits.get(10, TimeUnit.SECONDS)).as("b holds the call now").isEmpty();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT node_id FROM ocrbridge_answers WHERE state = 'in_flight'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("b");
        }
    }
}
