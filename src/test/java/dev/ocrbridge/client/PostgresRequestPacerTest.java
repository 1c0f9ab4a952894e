package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.cluster.TestPostgres;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
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

        long beforeFirst = System.nanoTime();
        a.limitExceeded(first);
        Object decreasedAt = column(action, "decreased_at");
        assertThat(decreasedAt).isNotNull();
        b.limitExceeded(second); // sent before the decrease: already answered by it
        assertThat(column(action, "decreased_at")).isEqualTo(decreasedAt);

        b.awaitSlot();
        // the same curve as AdaptiveRate: the first overload, met at the configured rate, drops deeper; the curve
        // rises from there, by no more than it can in the time this took (measured around the database's clocks)
        AdaptiveRate.Decrease firstDecrease = AdaptiveRate.decreaseFrom(10, 10);
        assertThat(b.currentRate()).as("the other node paces at the lowered rate")
                .isBetween(AdaptiveRate.FIRST_DECREASE * 10 - EPSILON,
                        AdaptiveRate.rate(10, firstDecrease, secondsSince(beforeFirst)) + EPSILON);
        double lowered = b.currentRate();
        PostgresRequestPacer.Claim afterDecrease = a.awaitSlot();
        long beforeSecond = System.nanoTime();
        a.limitExceeded(afterDecrease);
        // the rate the second overload was met at: no lower than the other node saw before, no higher than the
        // first curve reached by the time it was answered
        double metAtMost = Math.min(AdaptiveRate.rate(10, firstDecrease, secondsSince(beforeFirst)), 10 - EPSILON);
        assertThat(column(action, "decreased_at")).isNotEqualTo(decreasedAt);
        b.awaitSlot();
        assertThat(b.currentRate()).as("a second overload lowers it further, by the ordinary step")
                .isBetween(AdaptiveRate.DECREASE * lowered - EPSILON, AdaptiveRate.rate(10,
                        AdaptiveRate.decreaseFrom(metAtMost, 10), secondsSince(beforeSecond)) + EPSILON);
    }

    /** Seconds since {@code nanoTime}: an upper bound of the time between two statements run after it. */
    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
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
