package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.HaltSwitch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A halt is the account's: raised on one node, seen by the other at its next poll; resumed on either, resumed on
 * both.
 */
class ClusterHaltsTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;

    /**
     * The promise of the poll interval, measured by events: a halt (and a resume) written on one node is in force on
     * the other from that node's first read of the halts that began after the write, so by the start of its next
     * read it already holds; however late the reads come on a loaded machine, this is the interval's bound.
     */
    @Test
    void aHaltOnOneNodeHaltsTheOtherAtItsNextPollAndAResumeOnTheOtherResumesBoth() throws Exception {
        DataSource ds = TestPostgres.freshDatabase("ClusterHaltsTest").dataSource();
        ClusterSchema.create(ds);
        HaltSwitch onA = new HaltSwitch();
        HaltSwitch onB = new HaltSwitch();
        HaltReads readsOfA = new HaltReads(ds, () -> onA.haltOf(HEALTH).isPresent());
        HaltReads readsOfB = new HaltReads(ds, () -> onB.haltOf(HEALTH).isPresent());
        try (ClusterNode a = new ClusterNode(readsOfA.dataSource(), "a", 3000);
             ClusterNode b = new ClusterNode(readsOfB.dataSource(), "b", 3000)) {
            a.join();
            b.join();
            try (ClusterHalts ha = new ClusterHalts(a, onA); ClusterHalts hb = new ClusterHalts(b, onB)) {
                onA.setSharedHalts(ha);
                onB.setSharedHalts(hb);
                ha.start(50);
                hb.start(50);

                onA.halt(HEALTH, "AuthFailure.SecretIdNotFound", "req-9");
                long halted = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> readsOfB.startedAfter(halted).size() >= 2
                        && readsOfA.startedAfter(halted).size() >= 2);
                assertThat(readsOfB.startedAfter(halted).get(1)).as("B halted by its second read after the halt")
                        .isTrue();
                assertThat(onB.haltOf(HEALTH).get().code()).isEqualTo("AuthFailure.SecretIdNotFound");
                assertThat(onB.haltOf(HEALTH).get().requestId()).isEqualTo("req-9");
                assertThat(onB.haltOf(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR)).isEmpty();
                // polls go on: the halt is not undone on the node that raised it
                assertThat(readsOfA.startedAfter(halted)).as("A halted at each of its reads since").containsOnly(true);

                assertThat(onB.resume("health-code")).isTrue();
                long resumed = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> readsOfA.startedAfter(resumed).size() >= 2);
                assertThat(readsOfA.startedAfter(resumed).get(1)).as("A halted at its second read after the resume")
                        .isFalse();
                assertThat(onA.haltOf(HEALTH)).isEmpty();
                assertThat(onB.haltOf(HEALTH)).isEmpty();
                System.out.printf("halt in force on B at its read %d ms after the write, resume on A at its read "
                        + "%d ms after (polls of 50 ms)%n", readsOfB.millisUntilTrue(halted),
                        readsOfA.millisUntilFalse(resumed));
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

    /**
     * A node's reads of the halts table, seen on the way to the real database: when each began, and whether the
     * node was halted then.
     */
    private static final class HaltReads {
        /** How {@link ClusterHalts#poll} reads the table. */
        private static final String READ = "SELECT action, code, request_id, since FROM ocrbridge_halts";
        private final DataSource target;
        private final BooleanSupplier haltedNow;
        private final List<long[]> reads = new CopyOnWriteArrayList<>();

        HaltReads(DataSource target, BooleanSupplier haltedNow) {
            this.target = target;
            this.haltedNow = haltedNow;
        }

        /** Whether the node was halted at the start of each read that began after {@code nanos}, in order. */
        List<Boolean> startedAfter(long nanos) {
            return reads.stream().filter(r -> r[0] - nanos > 0).map(r -> r[1] == 1).toList();
        }

        long millisUntilTrue(long nanos) {
            return millisUntil(nanos, true);
        }

        long millisUntilFalse(long nanos) {
            return millisUntil(nanos, false);
        }

        private long millisUntil(long nanos, boolean halted) {
            return reads.stream().filter(r -> r[0] - nanos > 0 && (r[1] == 1) == halted).findFirst()
                    .map(r -> (r[0] - nanos) / 1_000_000).orElse(-1L);
        }

        DataSource dataSource() {
            return proxy(DataSource.class, target, (method, args, result) ->
                    method.getName().equals("getConnection") ? connection((Connection) result) : result, null);
        }

        private Connection connection(Connection connection) {
            return proxy(Connection.class, connection, (method, args, result) ->
                    method.getName().equals("prepareStatement") && String.valueOf(args[0]).startsWith(READ)
                            ? proxy(PreparedStatement.class, result, (m, a, r) -> r, this::recordRead) : result, null);
        }

        private void recordRead(Method method) {
            if (method.getName().equals("executeQuery")) {
                reads.add(new long[] {System.nanoTime(), haltedNow.getAsBoolean() ? 1 : 0});
            }
        }

        private interface Wrap {
            Object wrap(Method method, Object[] args, Object result) throws Exception;
        }

        private static <T> T proxy(Class<T> type, Object target, Wrap wrap, Consumer<Method> before) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                if (before != null) {
                    before.accept(method);
                }
                try {
                    return wrap.wrap(method, args, method.invoke(target, args));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }));
        }
    }
}
