package dev.ocrbridge.client;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pacer of a cluster: every node that calls one action with one account takes its turns from one row in
 * PostgreSQL, so that the sum of all nodes' requests stays under the account's quota in every sliding second, with
 * requests still spaced evenly, and the cluster reaches the quota when any node has work.
 *
 * <p>The row holds the next free slot. A turn is one statement,
 * {@code UPDATE … SET next_slot = greatest(next_slot, now) + interval RETURNING …}, on the database's clock
 * ({@code clock_timestamp()}, read in the same statement: the nodes' clocks never matter); the node sleeps until
 * its slot, measured from the middle of the round trip, and sends. Why a slot and not a token bucket: a bucket
 * refilled in steps lets up to twice the quota through a sliding second.
 *
 * <ul>
 *   <li>A node takes a slot only right before a request's last bytes (the {@link #BODIES_IN_WAITING} permits), so
 *       no node reserves far ahead: at most two slots per node are ever outstanding.</li>
 *   <li>A node that takes a slot and dies, or fails to send, loses that slot: it costs throughput, never
 *       quota.</li>
 *   <li>A node that wakes more than {@link #LATE_NANOS} after its slot gives it up and takes another: sending late
 *       would crowd the next node's punctual slot into the same second.</li>
 *   <li>The adaptive rate ({@link AdaptiveRate}) lives in the row too, so a {@code RequestLimitExceeded} seen by one
 *       node slows every node, and only requests sent after the last decrease lower it again.</li>
 *   <li>A node's own first {@code rate} turns each reserve a share of the cold-start allowance on top (see
 *       {@link LocalRequestPacer}); the other nodes' spacing is unchanged.</li>
 *   <li>When the database does not answer, no request is sent: the turn fails with
 *       {@code Transport.QuotaStoreUnavailable} (retried like any transport failure).</li>
 * </ul>
 *
 * <p>The table {@code ocrbridge_quota_pacing} is created when the first pacer of a data source starts
 * ({@code CREATE TABLE IF NOT EXISTS}); its key is a SHA-256 of the SecretId, never the SecretId itself. Use a
 * pooled data source: a turn is one statement on a connection taken for it.
 */
public final class PostgresRequestPacer extends SlotPacer {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRequestPacer.class);

    static final String TABLE = "ocrbridge_quota_pacing";
    /** A node that wakes this much after its slot takes another one (2 % of a second is the pacing's margin). */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** A turn is one short statement: a database slower than this is unavailable for pacing. */
    static final int STATEMENT_TIMEOUT_SECONDS = 5;

    private static final Set<DataSource> SCHEMA_READY = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    /** The rate in SQL, from the same constants as {@link AdaptiveRate#rate}; {@code t} holds now and the ceiling. */
    private static final String RATE = String.format(Locale.ROOT, "(CASE WHEN p.decreased_at IS NULL THEN t.ceiling"
            + " ELSE least(t.ceiling, greatest(%s * t.ceiling, p.plateau + %s * t.ceiling"
            + " * power(extract(epoch FROM t.now - p.decreased_at)::float8 - p.k, 3))) END)",
            AdaptiveRate.FLOOR, AdaptiveRate.GROWTH);

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "account text NOT NULL, "
            + "action text NOT NULL, "
            + "next_slot timestamptz NOT NULL, "
            + "last_slot timestamptz NOT NULL, "
            + "decreased_at timestamptz, "
            + "plateau double precision NOT NULL DEFAULT 0, "
            + "k double precision NOT NULL DEFAULT 0, "
            + "PRIMARY KEY (account, action))";

    private static final String INSERT = "INSERT INTO " + TABLE + " (account, action, next_slot, last_slot)"
            + " VALUES (?, ?, clock_timestamp(), clock_timestamp()) ON CONFLICT DO NOTHING";

    /** One turn: the slot is the later of the next free one and now; the next is one interval after it. */
    private static final String TURN = "UPDATE " + TABLE + " p"
            + " SET last_slot = greatest(p.next_slot, t.now),"
            + " next_slot = greatest(p.next_slot, t.now) + make_interval(secs => t.period / " + RATE + " + t.extra)"
            + " FROM (SELECT clock_timestamp() AS now, ?::float8 AS ceiling, ?::float8 AS period,"
            + " ?::float8 AS extra) t"
            + " WHERE p.account = ? AND p.action = ?"
            + " RETURNING extract(epoch FROM p.last_slot)::float8, extract(epoch FROM p.last_slot - t.now)::float8, "
            + RATE;

    /** A decrease, unless the overloaded request was sent before the last one. */
    private static final String DECREASE = String.format(Locale.ROOT, "UPDATE " + TABLE + " p"
            + " SET decreased_at = t.now, plateau = %s * " + RATE + ","
            + " k = cbrt(%s * " + RATE + " / (%s * t.ceiling))"
            + " FROM (SELECT clock_timestamp() AS now, ?::float8 AS ceiling) t"
            + " WHERE p.account = ? AND p.action = ? AND (p.decreased_at IS NULL OR p.decreased_at <= to_timestamp(?))",
            AdaptiveRate.PLATEAU, AdaptiveRate.PLATEAU - AdaptiveRate.DECREASE, AdaptiveRate.GROWTH);

    private final DataSource dataSource;
    private final String account;
    private final String action;
    private final long periodMillis;
    private final long coldStartMillis;
    private final AtomicLong turns = new AtomicLong();
    private volatile int rate;
    private volatile double lastRate;

    /**
     * @param secretId only its SHA-256 is stored
     * @see LocalRequestPacer#LocalRequestPacer(int, long, long) for the other parameters
     */
    public PostgresRequestPacer(DataSource dataSource, String secretId, String action, int rate, long periodMillis,
                                long coldStartMillis) {
        LocalRequestPacer.checkSettings(rate, periodMillis, coldStartMillis);
        this.dataSource = java.util.Objects.requireNonNull(dataSource, "dataSource");
        this.account = accountKey(secretId);
        this.action = action;
        this.rate = rate;
        this.lastRate = rate;
        this.periodMillis = periodMillis;
        this.coldStartMillis = coldStartMillis;
    }

    /**
     * Creates the table (once per data source and JVM, saying so in one line) and this account's row for the
     * action. Called at start-up, so that a database that cannot be reached fails the start, not the first image.
     */
    public void start() {
        try (Connection c = dataSource.getConnection()) {
            createTable(c, dataSource);
            insertRow(c);
        } catch (SQLException e) {
            throw unavailable("could not prepare the cluster's quota table", e);
        }
    }

    private static void createTable(Connection c, DataSource dataSource) throws SQLException {
        if (SCHEMA_READY.contains(dataSource)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
        } catch (SQLException e) {
            // two nodes creating the table at once: one of them meets a unique violation in the catalog
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1 FROM " + TABLE + " LIMIT 0");
            } catch (SQLException again) {
                throw e;
            }
        }
        if (SCHEMA_READY.add(dataSource)) {
            LOG.info("Cluster pacing: table {} ready in the cluster database (created if it was missing)", TABLE);
        }
    }

    private void insertRow(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, account);
            s.setString(2, action);
            s.executeUpdate();
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public int rate() {
        return rate;
    }

    @Override
    public synchronized boolean lowerRateTo(int newRate) {
        if (newRate > 0 && newRate < rate) {
            rate = newRate;
            return true;
        }
        return false;
    }

    /** The rate of this node's latest turn (the row's adapted rate then, under this node's configured rate). */
    @Override
    public double currentRate() {
        return lastRate;
    }

    @Override
    long awaitSlot() {
        while (true) {
            int r = rate;
            // this node's own first turns carry its share of the cold-start allowance
            double extra = turns.getAndIncrement() < r ? coldStartMillis / 1000.0 / r : 0;
            long sent = System.nanoTime();
            Slot slot = takeSlot(r, extra);
            long received = System.nanoTime();
            lastRate = slot.rate();
            // the database read its clock somewhere in the round trip: its middle is the best estimate
            long deadline = sent + (received - sent) / 2 + (long) (slot.waitSeconds() * 1e9);
            long remaining;
            boolean slept = false;
            while ((remaining = deadline - System.nanoTime()) > 0) {
                slept = true;
                LockSupport.parkNanos(remaining);
                if (Thread.currentThread().isInterrupted()) {
                    // never send early: an interrupted wait is a failed attempt (shutdown), not a turn
                    throw new IllegalStateException("interrupted while waiting for the quota");
                }
            }
            if (slept && System.nanoTime() - deadline > LATE_NANOS) {
                continue; // overslept: this slot is lost, the next free one is taken
            }
            return Math.round(slot.epochSeconds() * 1e6);
        }
    }

    private record Slot(double epochSeconds, double waitSeconds, double rate) {
    }

    private Slot takeSlot(int ceiling, double extraSeconds) {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; ; attempt++) {
                try (PreparedStatement s = c.prepareStatement(TURN)) {
                    s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
                    s.setDouble(1, ceiling);
                    s.setDouble(2, periodMillis / 1000.0);
                    s.setDouble(3, extraSeconds);
                    s.setString(4, account);
                    s.setString(5, action);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            return new Slot(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3));
                        }
                    }
                }
                if (attempt > 0) {
                    throw new SQLException("the pacing row cannot be created");
                }
                insertRow(c); // the row was deleted while the node ran: start it again
            }
        } catch (SQLException e) {
            throw unavailable("the cluster's quota store did not give a turn", e);
        }
    }

    @Override
    void limitExceeded(long slotMicros) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(DECREASE)) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            s.setDouble(1, rate);
            s.setString(2, account);
            s.setString(3, action);
            s.setDouble(4, slotMicros / 1e6);
            if (s.executeUpdate() > 0) {
                LOG.debug("Cluster pacing of {}: RequestLimitExceeded, rate lowered for every node", action);
            }
        } catch (SQLException e) {
            // the answer is already a retry; the next overload lowers the rate once the store is back
            LOG.warn("Cluster pacing of {}: could not lower the shared rate ({})", action, e.getClass().getSimpleName());
        }
    }

    private static OcrException unavailable(String what, SQLException e) {
        // the driver's message may name the host, the database or the user: the class and SQLState only
        return OcrException.local(ErrorCodes.QUOTA_STORE_UNAVAILABLE, what + " (" + e.getClass().getSimpleName()
                + ", SQLState " + e.getSQLState() + ")", e);
    }

    static String accountKey(String secretId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secretId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
