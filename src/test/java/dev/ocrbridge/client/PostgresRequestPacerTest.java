package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.cluster.TestPostgres;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The cluster pacer against a real PostgreSQL: slots handed to many nodes at once are spaced by one interval on the
 * database's clock, the adaptive state is shared and lowered once per overload, the SecretId never reaches the
 * database, and a database that is gone fails a turn with a stable code, naming nothing.
 */
class PostgresRequestPacerTest {

    private static final String SECRET_ID = "AKIDclusterPacer0123456789abcdefABCD";
    private static final String ACTION = "RecognizeHealthCodeOCR";
    /** Rounding between the database's float8 and Java's double. */
    private static final double EPSILON = 1e-6;
    private static TestPostgres.Database db;
    private static ExecutorService threads;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase(PostgresRequestPacerTest.class.getSimpleName());
        threads = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    /** Each node has its own DataSource, as separate JVMs would. */
    private static PostgresRequestPacer node(String action, int rate) {
        PostgresRequestPacer pacer = new PostgresRequestPacer(db.dataSource(), SECRET_ID, action, rate, 1000, 0);
        pacer.start();
        return pacer;
    }

    @Test
    void slotsTakenByThreeNodesAtOnceAreSpacedByOneIntervalAndNoQuotaPlusOneTurnsWithinAPeriod() {
        int rate = 20;
        String action = "SpacingTest";
        List<PostgresRequestPacer> nodes = List.of(node(action, rate), node(action, rate), node(action, rate));
        List<PostgresRequestPacer.Claim> claims = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(3 * rate);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (PostgresRequestPacer node : nodes) {
            for (int t = 0; t < RequestPacer.BODIES_IN_WAITING; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    while (left.getAndDecrement() > 0) {
                        PostgresRequestPacer.Claim claim = node.awaitSlot();
                        node.sent(claim, 0);
                        claims.add(claim);
                    }
                }, threads));
            }
        }
        workers.forEach(CompletableFuture::join);

        List<Long> sorted = claims.stream().map(PostgresRequestPacer.Claim::slotMicros).sorted().toList();
        assertThat(sorted).hasSize(3 * rate);
        long intervalMicros = 1_000_000 / rate;
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("slot %d after slot %d", i, i - 1)
                    .isGreaterThanOrEqualTo(intervalMicros - 1);
        }
        // what the quota counts: the moments of the claims (a request leaves after its claim), in turn order
        List<PostgresRequestPacer.Claim> byTurn = claims.stream()
                .sorted(java.util.Comparator.comparingLong(PostgresRequestPacer.Claim::turn)).toList();
        for (int i = rate; i < byTurn.size(); i++) {
            assertThat(claimedMicros(byTurn.get(i)) - claimedMicros(byTurn.get(i - rate)))
                    .as("turn %d claimed after turn %d", i, i - rate)
                    .isGreaterThanOrEqualTo(1_000_000 - Math.round(PostgresRequestPacer.SEND_ALLOWANCE_MILLIS * 1000));
        }
    }

    private static long claimedMicros(PostgresRequestPacer.Claim claim) {
        return claim.slotMicros() + Math.round(claim.claimLagSeconds() * 1e6);
    }

    @Test
    void aLateRequestHoldsOnlyTheTurnOneQuotaLaterUntilAPeriodAfterItLeft() throws Exception {
        int rate = 2; // an interval of 500 ms: a claim up to that late still keeps the schedule, even on a loaded machine
        String action = "LateSendTest";
        PostgresRequestPacer a = node(action, rate);
        PostgresRequestPacer b = node(action, rate);
        long intervalMicros = 1_000_000 / rate;

        PostgresRequestPacer.Claim first = a.awaitSlot();
        long claimed = System.nanoTime();
        // node a's request leaves 600 ms after its slot (a pause between the turn and the last bytes), after the
        // next slot has come
        long lateMicros = 600_000;
        await().atMost(Duration.ofSeconds(30)).until(() -> databaseMicros() >= first.slotMicros() + lateMicros);
        a.sent(first, System.nanoTime() - claimed);
        long sentMicros = first.slotMicros() + lateMicros;
        long next = b.awaitSlot().slotMicros();
        long quotaLater = b.awaitSlot().slotMicros();

        long allowanceMicros = Math.round(PostgresRequestPacer.SEND_ALLOWANCE_MILLIS * 1000);
        assertThat(next - first.slotMicros()).as("the next slot, µs after the late one: not moved by the late send")
                .isGreaterThanOrEqualTo(intervalMicros)
                .isLessThan(lateMicros + intervalMicros - allowanceMicros);
        assertThat(quotaLater - sentMicros).as("the turn one quota later, µs after the late request left")
                .isGreaterThanOrEqualTo(1_000_000 - allowanceMicros);
    }

    @Test
    void aClaimBehindItsSlotKeepsTheSchedule() throws Exception {
        String action = "ScheduleTest";
        PostgresRequestPacer a = node(action, 2);
        long slotMicros;
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("UPDATE " + PostgresRequestPacer.TABLE + " SET next_slot = clock_timestamp()"
                     + " - interval '50 milliseconds' WHERE action = '" + action + "'"
                     + " RETURNING round(extract(epoch FROM next_slot) * 1e6)::bigint")) {
            assertThat(rs.next()).isTrue();
            slotMicros = rs.getLong(1);
        }

        assertThat(a.awaitSlot().slotMicros()).as("a claim 50 ms (or a little more) behind its slot takes that slot")
                .isEqualTo(slotMicros);
    }

    @Test
    void aFreshNodeTakesItsTurnsAtTheFullRate() {
        int rate = 2;
        PostgresRequestPacer fresh = node("ColdStartTest", rate);
        long firstSlot = fresh.awaitSlot().slotMicros();
        long secondSlot = fresh.awaitSlot().slotMicros();

        // with a cold-start share, the interval after a fresh node's first turns was longer by 200 ms / rate
        assertThat(secondSlot - firstSlot).as("µs between a fresh node's first two slots")
                .isGreaterThanOrEqualTo(1_000_000 / rate).isLessThan(1_000_000 / rate + 100_000);
    }

    private static long databaseMicros() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT round(extract(epoch FROM clock_timestamp()) * 1e6)::bigint")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void anOverloadLowersTheSharedRateOnceAndOnlyRequestsSentAfterItLowerItAgain() throws Exception {
        String action = "AdaptiveTest";
        PostgresRequestPacer a = node(action, 10);
        PostgresRequestPacer b = node(action, 10);
        PostgresRequestPacer.Claim first = a.awaitSlot();
        PostgresRequestPacer.Claim second = b.awaitSlot();
        assertThat(b.currentRate()).isEqualTo(10);

        // the cluster's ten requests of the second (counted from its rate: 10/s) and three of someone else's
        a.limitExceeded(first, new RequestLimitCount(13, 10));
        Object decreasedAt = column(action, "decreased_at");
        assertThat(decreasedAt).isNotNull();
        b.limitExceeded(second, new RequestLimitCount(20, 10)); // sent before the decrease: already answered by it
        assertThat(column(action, "decreased_at")).isEqualTo(decreasedAt);

        b.awaitSlot();
        double held = AdaptiveRate.MARGIN * (10 - 3);
        assertThat(b.currentRate()).as("the other node paces at the rate held under the share left")
                .isCloseTo(held, offset(EPSILON));
        // a request sent within the settling second after the decrease: its second held the older requests
        long settlingMicros = Math.round((epoch(action, "decreased_at") + AdaptiveRate.SETTLE_SECONDS / 2) * 1e6);
        a.limitExceeded(new PostgresRequestPacer.Claim(settlingMicros, 0, 0, 0.1, 0, false), null);
        assertThat(column(action, "decreased_at")).isEqualTo(decreasedAt);
        PostgresRequestPacer.Claim afterDecrease = a.awaitSlot();
        while (afterDecrease.slotMicros() / 1e6 - epoch(action, "decreased_at") < AdaptiveRate.SETTLE_SECONDS) {
            afterDecrease = a.awaitSlot();
        }
        a.limitExceeded(afterDecrease, null);
        assertThat(column(action, "decreased_at")).isNotEqualTo(decreasedAt);
        b.awaitSlot();
        assertThat(b.currentRate()).as("a second overload, its answer without a count, cuts the held rate")
                .isCloseTo(AdaptiveRate.DECREASE * held, offset(EPSILON));
    }

    @Test
    void onceItsPeriodHasPassedTheClaimRightAfterARegularOneIsTheProbeAndItsAdmissionLetsEveryNodeClimb()
            throws Exception {
        String action = "ProbeTest";
        PostgresRequestPacer a = node(action, 10);
        PostgresRequestPacer b = node(action, 10);
        // the cluster's ten requests of the second and one of someone else's
        a.limitExceeded(a.awaitSlot(), new RequestLimitCount(11, 10));
        double held = AdaptiveRate.MARGIN * (10 - 1);
        long intervalMicros = Math.round(1e6 / held);
        double decreasedAt = epoch(action, "decreased_at");

        List<PostgresRequestPacer> nodes = List.of(a, b);
        PostgresRequestPacer.Claim previous = a.awaitSlot();
        PostgresRequestPacer.Claim probe = null;
        for (int i = 0; probe == null && i < 20 * AdaptiveRate.PROBE_AFTER_SECONDS; i++) {
            PostgresRequestPacer.Claim next = nodes.get(i % 2).awaitSlot();
            if (next.probe()) {
                probe = next;
            } else {
                assertThat(next.slotMicros() - previous.slotMicros()).as("a regular claim, µs after the one before")
                        .isGreaterThanOrEqualTo(intervalMicros - 1);
                previous = next;
            }
        }
        assertThat(probe).as("a probe among the claims").isNotNull();
        assertThat(probe.slotMicros() / 1e6 - decreasedAt).as("seconds from the decrease to the probe")
                .isGreaterThanOrEqualTo(AdaptiveRate.PROBE_AFTER_SECONDS);
        assertThat(probe.slotMicros() - previous.slotMicros()).as("the probe, µs after the regular claim")
                .isLessThan(intervalMicros);
        assertThat(b.awaitSlot().probe()).as("one probe per decrease").isFalse();

        b.admitted(previous);
        assertThat((Double) column(action, "k")).as("a regular request's admission says nothing").isInfinite();
        b.admitted(probe);
        assertThat((Double) column(action, "k")).isFinite();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            a.awaitSlot();
            return a.currentRate() == 10;
        });
    }

    @Test
    void theProbeIsClaimedNoEarlierThanAPeriodAfterTheSendOneQuotaBeforeItLikeAnyTurn() {
        // a quota of 2 held at about 1/s, every request leaving 300 ms after its claim: the probe, asked for right
        // after a regular claim, would come less than a period after the send of the claim before that one
        String action = "ProbeSpacingTest";
        PostgresRequestPacer a = node(action, 2);
        a.limitExceeded(a.awaitSlot(), new RequestLimitCount(3, 2));
        long lateMicros = 300_000;
        List<PostgresRequestPacer.Claim> claims = new ArrayList<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        PostgresRequestPacer.Claim probe = null;
        for (int i = 0; probe == null && i < 4 * AdaptiveRate.PROBE_AFTER_SECONDS; i++) {
            PostgresRequestPacer.Claim claim = a.awaitSlot();
            long claimed = System.nanoTime();
            claims.add(claim);
            if (claim.probe()) {
                probe = claim;
            } else {
                sends.add(CompletableFuture.runAsync(() -> {
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> databaseMicros() >= claim.slotMicros() + lateMicros);
                    a.sent(claim, System.nanoTime() - claimed);
                }, threads));
            }
        }
        sends.forEach(CompletableFuture::join);

        assertThat(probe).as("a probe among the claims").isNotNull();
        PostgresRequestPacer.Claim oneQuotaBefore = claims.get(claims.size() - 3);
        assertThat(oneQuotaBefore.turn()).isEqualTo(probe.turn() - 2);
        assertThat(claimedMicros(probe) - (oneQuotaBefore.slotMicros() + lateMicros))
                .as("the probe's claim, µs after the request one quota before it left")
                .isGreaterThanOrEqualTo(1_000_000 - Math.round(PostgresRequestPacer.SEND_ALLOWANCE_MILLIS * 1000));
    }

    private static double epoch(String action, String column) throws Exception {
        return ((Number) column(action, "extract(epoch FROM " + column + ")::float8")).doubleValue();
    }

    @Test
    void theAccountIsStoredAsAHashInOneRowPerAction() throws Exception {
        node(ACTION, 10);
        node(ACTION, 10);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account FROM " + PostgresRequestPacer.TABLE
                     + " WHERE action = '" + ACTION + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(PostgresRequestPacer.accountKey(SECRET_ID))
                    .doesNotContain(SECRET_ID).hasSize(64);
            assertThat(rs.next()).as("one row per account and action").isFalse();
        }
    }

    @Test
    void aDatabaseThatIsGoneFailsTheTurnWithAStableCodeNamingNothing() {
        PGSimpleDataSource gone = new PGSimpleDataSource();
        gone.setURL("jdbc:postgresql://127.0.0.1:1/secretdb_name");
        gone.setUser("someuser");
        gone.setConnectTimeout(2);
        PostgresRequestPacer pacer = new PostgresRequestPacer(gone, SECRET_ID, ACTION, 10, 1000, 0);

        assertThatThrownBy(pacer::start).isInstanceOfSatisfying(OcrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.QUOTA_STORE_UNAVAILABLE);
            assertThat(e.getMessage()).doesNotContain("secretdb_name").doesNotContain("someuser")
                    .doesNotContain("127.0.0.1").doesNotContain(SECRET_ID);
        });
        assertThatThrownBy(pacer::awaitSlot).isInstanceOfSatisfying(OcrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.QUOTA_STORE_UNAVAILABLE));
    }

    private static Object column(String action, String column) throws Exception {
        DataSource ds = db.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + PostgresRequestPacer.TABLE
                     + " WHERE action = '" + action + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getObject(1);
        }
    }
}
