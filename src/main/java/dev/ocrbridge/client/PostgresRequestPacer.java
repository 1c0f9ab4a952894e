package dev.ocrbridge.client;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.HaltRefusal;
import dev.ocrbridge.errors.OcrException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
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
 * <p>The row holds the earliest moment the next request may go ({@code next_slot}), on the database's clock
 * ({@code clock_timestamp()}: the nodes' clocks never matter). A turn is one statement that either claims the
 * slot, when it has come, and moves {@code next_slot} one interval on, or answers how long until it comes; the node
 * sleeps that long and asks again. A slot is claimed only by a node ready to send that very moment, never reserved
 * ahead: a node that wakes late on a busy machine has not pinned an early slot that would crowd the next node's
 * punctual one into the same second, and a node that dies holds nothing. Why slots and not a token bucket: a bucket
 * refilled in steps lets up to twice the quota through a sliding second.
 *
 * <p>What keeps a sliding second under the quota is not the slots but one rule, checked at every claim: <em>a turn is
 * claimed no earlier than a period, less {@link #SEND_ALLOWANCE_MILLIS}, after the latest moment the request of the
 * turn {@code rate} turns before it may have left.</em> A request leaves after its claim, so any {@code rate + 1}
 * requests of the cluster leave at least the period less 5 ms apart from the first to the last, whatever the order
 * in which they leave; the period's margin (20 ms at 1020 ms) keeps the other 15 ms for the way from the send to the
 * API's count. The row keeps, for the last turns, the latest moment each request may have left ({@code sends}, on
 * the database's clock): the claim's moment plus {@link #PRESUMED_SEND_MILLIS} when claimed, moved later by the
 * node ({@link #sent}, one more statement) when its request left later than that.
 *
 * <p>So lateness costs throughput only where it breaks that rule: a claim or a send late behind its slot moves no
 * slot by itself (the slots keep their schedule, an interval apart), and a late turn delays only the turn one quota
 * later, and only when that one would otherwise be claimed less than a period after it. A whole cluster late by the
 * same few milliseconds (a loaded machine waking its threads late) loses nothing.
 *
 * <ul>
 *   <li>A claim keeps the schedule (its slot is the row's, not its own moment) while it is less than an interval
 *       behind it; a claim further behind (the cluster idle, nobody asking) starts the schedule again an interval
 *       before itself, so that an idle cluster's next turns do not all go at once.</li>
 *   <li>The rule holds as long as a late request's statement lands before the claim one quota later, about a period
 *       after it (a node paused longer than that between its send and the statement could break it). Measured in
 *       {@code ClusterTest} on a loaded machine (load average 7–18 on 2 cores): from the claim's answer to the last
 *       byte 0.06 ms at the median, 10 ms at the 99th percentile, 37 ms at most.</li>
 *   <li>Only requests whose last bytes are about to leave ask for a turn (the {@link #BODIES_IN_WAITING} permits),
 *       so the waiting nodes and the statements they make stay few.</li>
 *   <li>The adaptive rate ({@link AdaptiveRate}) lives in the row too, so a {@code RequestLimitExceeded} seen by one
 *       node slows every node, and only requests sent after the last decrease lower it again; the decrease's probe
 *       is the claim right after a regular one, by whichever node asks, and its admitted answer lets every node
 *       climb. The probe is a turn like any other for the rule above (it waits when the request one quota before it
 *       left less than a period ago); it skips only the adapted interval, one request over the adapted rate.</li>
 *   <li>A node's own first {@code rate} turns each add a share of the configured cold-start allowance (0 by
 *       default) to the interval after them (see {@link LocalRequestPacer}). A fresh node's first requests are
 *       often late after their claims (new connections, classes loading); the rule above accounts for each of
 *       them as it is, so a cold node takes its turns at the full rate from the first second.</li>
 *   <li>When the database does not answer, no request is sent: the turn fails with
 *       {@code Transport.QuotaStoreUnavailable} (retried like any transport failure).</li>
 * </ul>
 *
 * <p>The table {@code ocrbridge_quota_pacing} is created when the first pacer of a data source starts
 * ({@code CREATE TABLE IF NOT EXISTS}); its key is a SHA-256 of the SecretId, never the SecretId itself. A turn uses
 * one connection for all its statements; a pooled data source saves opening one per request.
 */
public final class PostgresRequestPacer extends SlotPacer<PostgresRequestPacer.Claim> {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRequestPacer.class);

    static final String TABLE = "ocrbridge_quota_pacing";
    /**
     * A turn is claimed no earlier than the period less this after the latest moment the request {@code rate} turns
     * before it may have left (see the class comment). What it leaves of the period's margin (20 ms at the default
     * 1020 ms, less this) is the time from the send to the API's count: network and gateway.
     */
    static final double SEND_ALLOWANCE_MILLIS = 5;
    /**
     * A request is taken to have left within this of its claim; one that may have left later says so with one more
     * statement ({@link #sent}), so that most requests cost one statement.
     */
    static final double PRESUMED_SEND_MILLIS = 2;
    /** A turn is one short statement: a database slower than this is unavailable for pacing. */
    static final int STATEMENT_TIMEOUT_SECONDS = 5;

    private static final Set<DataSource> SCHEMA_READY = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * The rate in SQL, from the same constants as {@link AdaptiveRate#rate}; {@code t} holds now and the ceiling. The
     * row's {@code plateau} is the rate held, {@code k} the seconds from the decrease to its probe's admitted answer
     * (infinite until then).
     */
    private static final String RATE = String.format(Locale.ROOT, "(CASE WHEN p.decreased_at IS NULL THEN t.ceiling"
            + " ELSE least(t.ceiling, greatest(%s * t.ceiling, p.plateau + %s * t.ceiling"
            + " * greatest(0, extract(epoch FROM t.now - p.decreased_at)::float8 - p.k))) END)",
            AdaptiveRate.FLOOR, AdaptiveRate.CLIMB);

    /**
     * The next claim is the decrease's probe ({@link AdaptiveRate#probeDue}), once per decrease, or again when the
     * last probe's answer never came as long after it.
     */
    private static final String PROBE_DUE = String.format(Locale.ROOT, "(p.decreased_at IS NOT NULL"
            + " AND p.k = 'Infinity'::float8 AND t.now >= p.decreased_at + make_interval(secs => %s)"
            + " AND (p.probed_at IS NULL OR p.probed_at < p.decreased_at"
            + " OR t.now >= p.probed_at + make_interval(secs => %s)))",
            AdaptiveRate.PROBE_AFTER_SECONDS, AdaptiveRate.PROBE_AFTER_SECONDS);

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "account text NOT NULL, "
            + "action text NOT NULL, "
            + "next_slot timestamptz NOT NULL, "
            + "last_slot timestamptz NOT NULL, "
            + "decreased_at timestamptz, "
            + "plateau double precision NOT NULL DEFAULT 0, "
            + "k double precision NOT NULL DEFAULT 0, "
            + "halted_code text, "
            + "probed_at timestamptz, "
            + "PRIMARY KEY (account, action))";

    /** A table made before halts were paced (the same idempotent way: no migration tool). */
    private static final String ADD_HALT = "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS halted_code text";
    /**
     * A table made before sends were kept: {@code turns} counts the turns claimed, {@code sends} holds, for the last
     * of them (the last one last), the latest moment each request may have left (seconds since the epoch on the
     * database's clock).
     */
    private static final String ADD_SENDS = "ALTER TABLE " + TABLE
            + " ADD COLUMN IF NOT EXISTS turns bigint NOT NULL DEFAULT 0,"
            + " ADD COLUMN IF NOT EXISTS sends float8[] NOT NULL DEFAULT '{}'";
    /** A table made before the adaptive rate probed. */
    private static final String ADD_PROBE = "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS probed_at timestamptz";

    /**
     * The halt lives in the row the turns lock: a statement that halts or resumes the action waits for a turn in
     * progress and every later turn sees it, so once a halt is committed no node is granted a slot.
     */
    private static final String HALT = "UPDATE " + TABLE + " SET halted_code = coalesce(halted_code, ?)"
            + " WHERE account = ? AND action = ?";
    private static final String RESUME = "UPDATE " + TABLE + " SET halted_code = NULL WHERE account = ? AND action = ?";
    private static final String HALT_EVERY_ACCOUNT = "UPDATE " + TABLE + " SET halted_code = coalesce(halted_code, ?)"
            + " WHERE action = ?";
    private static final String RESUME_EVERY_ACCOUNT = "UPDATE " + TABLE + " SET halted_code = NULL WHERE action = ?";

    private static final String INSERT = "INSERT INTO " + TABLE + " (account, action, next_slot, last_slot)"
            + " VALUES (?, ?, clock_timestamp(), clock_timestamp()) ON CONFLICT DO NOTHING";

    /**
     * One turn, one statement: lock the row; the turn is due at the next slot, or later when the request one quota
     * before may have left less than a period (less the allowance) before that (see the class comment). If it is due
     * and the action is not halted, claim it (its slot: when it was due, or an interval ago when that is earlier),
     * move the next slot one interval on and keep the claim's presumed send; answer the claimed slot (null when not
     * yet), the seconds until the turn is due, the rate, the database's now, the interval, the halt's code (null when
     * not halted), the number of the turn claimed and whether it is the adaptive rate's probe. When the probe is due,
     * a claim leaves the next slot where it is and marks it ({@code probed_at}): the claim right after it, by any
     * node, is the probe, due there unless the request one quota before holds it.
     */
    private static final String TURN = "WITH t AS (SELECT clock_timestamp() AS now, ?::float8 AS ceiling,"
            + " ?::float8 AS period, ?::float8 AS extra, ?::float8 AS allowance, ?::float8 AS presumed),"
            + " cur AS (SELECT p.account, p.action, p.next_slot, p.halted_code, p.sends, t.now, t.extra, t.presumed,"
            + " t.ceiling, t.period / " + RATE + " AS iv, " + RATE + " AS rate, " + PROBE_DUE + " AS arm,"
            + " (p.probed_at IS NOT NULL AND p.next_slot = p.probed_at AND p.probed_at >= p.decreased_at) AS probe,"
            + " greatest(p.next_slot, CASE WHEN cardinality(p.sends) >= t.ceiling"
            + " THEN to_timestamp(p.sends[cardinality(p.sends) - t.ceiling::int + 1] + t.period - t.allowance) END) AS due"
            + " FROM " + TABLE + " p, t WHERE p.account = ? AND p.action = ? FOR UPDATE OF p),"
            + " claim AS (UPDATE " + TABLE + " p"
            + " SET last_slot = greatest(c.due, c.now - make_interval(secs => c.iv)),"
            + " next_slot = greatest(c.due, c.now - make_interval(secs => c.iv))"
            + " + CASE WHEN c.arm AND NOT c.probe THEN interval '0' ELSE make_interval(secs => c.iv + c.extra) END,"
            + " probed_at = CASE WHEN c.arm AND NOT c.probe"
            + " THEN greatest(c.due, c.now - make_interval(secs => c.iv)) ELSE p.probed_at END,"
            + " turns = p.turns + 1,"
            // the last sends, as many as the largest quota any node asked with: every node finds the one it needs
            + " sends = (p.sends || (extract(epoch FROM c.now)::float8 + c.presumed))"
            + "[greatest(1, cardinality(p.sends) + 2 - greatest(c.ceiling::int, cardinality(p.sends))):]"
            + " FROM cur c WHERE p.account = c.account AND p.action = c.action AND c.now >= c.due"
            + " AND c.halted_code IS NULL"
            + " RETURNING p.last_slot, p.turns)"
            + " SELECT (SELECT extract(epoch FROM last_slot)::float8 FROM claim),"
            + " extract(epoch FROM c.due - c.now)::float8, c.rate,"
            + " extract(epoch FROM c.now)::float8, c.iv + c.extra, c.halted_code,"
            + " (SELECT turns FROM claim), c.probe FROM cur c";

    /**
     * A request that may have left later than presumed says when, at the latest: the moment the node bounds it by, or
     * the database's own moment now when that is earlier (the request has left before this statement came); answers
     * the moment kept. Nothing when its turn is no longer among the sends kept.
     */
    private static final String SENT = "UPDATE " + TABLE
            + " SET sends[cardinality(sends) - (turns - ?)] = greatest(sends[cardinality(sends) - (turns - ?)],"
            + " least(extract(epoch FROM clock_timestamp())::float8, ?))"
            + " WHERE account = ? AND action = ? AND turns - ? < cardinality(sends)"
            + " RETURNING sends[cardinality(sends) - (turns - ?)]";

    /**
     * The others' requests in the refused request's second: the answer's count less the cluster's own, counted from
     * the rate it was sent at (the nodes send evenly spaced at the row's rate), the probe one more.
     */
    private static final String OTHERS = "greatest(0, t.times - greatest(1, ceil(" + RATE + " / t.period - 1e-9)"
            + " + t.probe))";

    /**
     * A decrease, unless the overloaded request was sent before the last one or within its settling time
     * ({@link AdaptiveRate#decreaseFrom}, {@link AdaptiveRate#lowersAgain}):
     * {@code t.now} is the refused request's slot, so {@code RATE} is the rate it was sent at, and the cluster's own
     * requests in its second are counted from that rate (the nodes send evenly spaced, at the row's rate).
     */
    private static final String DECREASE = String.format(Locale.ROOT, "UPDATE " + TABLE + " p"
            + " SET decreased_at = clock_timestamp(), plateau = greatest(%s * t.ceiling,"
            + " least(" + RATE + ", CASE WHEN t.times IS NULL"
            + " THEN CASE WHEN " + RATE + " >= t.ceiling THEN %s ELSE %s END * " + RATE
            + " ELSE %s * (t.lim - " + OTHERS + ") END)),"
            + " k = CASE WHEN t.times IS NOT NULL AND " + OTHERS + " = 0 THEN %s ELSE 'Infinity'::float8 END"
            + " FROM (SELECT to_timestamp(?) AS now, ?::float8 AS ceiling, ?::float8 AS period, ?::float8 AS times,"
            + " ?::float8 AS lim, ?::float8 AS probe) t"
            + " WHERE p.account = ? AND p.action = ? AND (p.decreased_at IS NULL"
            + " OR p.decreased_at + make_interval(secs => %s) <= t.now)",
            AdaptiveRate.FLOOR, AdaptiveRate.FIRST_DECREASE, AdaptiveRate.DECREASE, AdaptiveRate.MARGIN,
            AdaptiveRate.PROBE_AFTER_SECONDS, AdaptiveRate.SETTLE_SECONDS);

    /** The decrease's probe was admitted: the rate climbs from now, unless a later decrease came first. */
    private static final String PROBE_ADMITTED = "UPDATE " + TABLE
            + " SET k = extract(epoch FROM clock_timestamp() - decreased_at)::float8"
            + " WHERE account = ? AND action = ? AND k = 'Infinity'::float8 AND decreased_at <= to_timestamp(?)";

    private final DataSource dataSource;
    private final String account;
    private final String action;
    private final long periodMillis;
    private final long coldStartMillis;
    private final AtomicLong turns = new AtomicLong();
    private volatile double lastRate;

    /**
     * @param secretId only its SHA-256 is stored
     * @see LocalRequestPacer#LocalRequestPacer(int, long, long) for the other parameters
     */
    public PostgresRequestPacer(DataSource dataSource, String secretId, String action, int rate, long periodMillis,
                                long coldStartMillis) {
        super(LocalRequestPacer.checkSettings(rate, periodMillis, coldStartMillis));
        this.dataSource = java.util.Objects.requireNonNull(dataSource, "dataSource");
        this.account = accountKey(secretId);
        this.action = action;
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
            s.execute(ADD_HALT);
            s.execute(ADD_SENDS);
            s.execute(ADD_PROBE);
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

    /** The rate of this node's latest turn (the row's adapted rate then, under this node's configured rate). */
    @Override
    public double currentRate() {
        return lastRate;
    }

    @Override
    Claim awaitSlot() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(TURN)) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            s.setDouble(4, SEND_ALLOWANCE_MILLIS / 1000);
            s.setDouble(5, PRESUMED_SEND_MILLIS / 1000);
            s.setString(6, account);
            s.setString(7, action);
            boolean rowCreated = false;
            while (true) {
                int r = rate();
                s.setDouble(1, r);
                s.setDouble(2, periodMillis / 1000.0);
                // this node's own first turns carry its share of the cold-start allowance
                s.setDouble(3, turns.get() < r ? coldStartMillis / 1000.0 / r : 0);
                double waitSeconds;
                long asked = System.nanoTime();
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        if (rowCreated) {
                            throw new SQLException("the pacing row cannot be created");
                        }
                        insertRow(c); // the row was deleted while the node ran: start it again
                        rowCreated = true;
                        continue;
                    }
                    String haltedCode = rs.getString(6);
                    if (haltedCode != null) {
                        throw new HaltRefusal(haltedCode, "halted across the cluster");
                    }
                    double slot = rs.getDouble(1);
                    boolean claimed = !rs.wasNull();
                    waitSeconds = rs.getDouble(2);
                    lastRate = rs.getDouble(3);
                    if (claimed) {
                        turns.incrementAndGet();
                        long slotMicros = Math.round(slot * 1e6);
                        // the claim happened on the database somewhere within the statement's round trip: counting
                        // all of it after the claim bounds a late send from above
                        return new Claim(slotMicros, rs.getDouble(4) - slot, System.nanoTime() - asked,
                                rs.getDouble(5), rs.getLong(7), rs.getBoolean(8));
                    }
                }
                LockSupport.parkNanos(Math.max(0, (long) (waitSeconds * 1e9)));
                if (Thread.currentThread().isInterrupted()) {
                    // never send early: an interrupted wait is a failed attempt (shutdown), not a turn
                    throw new IllegalStateException("interrupted while waiting for the quota");
                }
            }
        } catch (SQLException e) {
            throw unavailable("the cluster's quota store did not give a turn", e);
        }
    }

    @Override
    public void halt(String code) {
        update(HALT, code, "halt");
    }

    @Override
    public void resume() {
        update(RESUME, null, "resume");
    }

    private void update(String sql, String code, String what) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            int i = 1;
            if (code != null) {
                s.setString(i++, code);
            }
            s.setString(i++, account);
            s.setString(i, action);
            s.executeUpdate();
        } catch (SQLException e) {
            // the node's own callers are halted already; the cluster learns it through its halt record
            LOG.warn("Cluster pacing of {}: could not record the {} in the quota row ({}, SQLState {})", action, what,
                    e.getClass().getSimpleName(), e.getSQLState());
        }
    }

    /**
     * The statements that make this pacer's table, idempotent (creation, then columns added since): for a schema
     * made in one place, such as the cluster's, so that halts can be written before the first pacer starts.
     */
    public static List<String> schema() {
        return List.of(CREATE, ADD_HALT, ADD_SENDS, ADD_PROBE);
    }

    /**
     * Halts (or resumes, with a null code) an action for every account, on the connection given: within the caller's
     * transaction, so that a cluster records its halt and stops granting turns in one commit. Once committed, no
     * node is granted a turn of the action (the turn locks the row the halt wrote).
     */
    public static void haltEveryAccount(Connection c, String action, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(code == null ? RESUME_EVERY_ACCOUNT : HALT_EVERY_ACCOUNT)) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            int i = 1;
            if (code != null) {
                s.setString(i++, code);
            }
            s.setString(i, action);
            s.executeUpdate();
        }
    }

    /**
     * A claimed slot (µs on the database's clock): how late after it the claim was, the round trip that brought it,
     * the interval at the rate of the claim, the turn's number in the row, and whether it is the adaptive rate's
     * probe.
     */
    record Claim(long slotMicros, double claimLagSeconds, long roundTripNanos, double intervalSeconds, long turn,
                 boolean probe) {

        /** The latest moment (seconds on the database's clock) a request sent {@code nanosAfterClaim} after it left. */
        double sentAtMost(long nanosAfterClaim) {
            return slotMicros / 1e6 + claimLagSeconds + (roundTripNanos + nanosAfterClaim) / 1e9;
        }
    }

    /**
     * The request of a slot has left. Within {@link #PRESUMED_SEND_MILLIS} of its claim (as the row presumes), nothing
     * to do; later (a slow round trip, the node descheduled or paused between claim and send), the row learns the
     * latest moment it may have left, so that the turn one quota later is claimed at least a period (less the
     * allowance) after it. One more statement, only then; when it fails the request is already out and the row
     * keeps its presumed moment.
     */
    @Override
    void sent(Claim claim, long nanosAfterClaim) {
        double sentAtMost = claim.sentAtMost(nanosAfterClaim);
        double claimedAt = claim.slotMicros() / 1e6 + claim.claimLagSeconds();
        double kept = claimedAt + PRESUMED_SEND_MILLIS / 1000;
        if (sentAtMost > kept) {
            kept = recordSend(claim, sentAtMost);
        }
        if (LOG.isTraceEnabled()) {
            // numbers only, for measuring how far behind their slots requests leave (ClusterBenchNode reads them)
            LOG.trace("Cluster pacing of {}: sent at most {} ms behind its slot: claim {} ms behind it, round trip {} ms,"
                    + " claim to last byte {} ms; turn {} claimed at {} s, sent at most at {} s, kept as {} s", action,
                    (sentAtMost - claim.slotMicros() / 1e6) * 1000, claim.claimLagSeconds() * 1000,
                    claim.roundTripNanos() / 1e6, nanosAfterClaim / 1e6, claim.turn(), claimedAt, sentAtMost, kept);
        }
    }

    /** @return the moment the row keeps for the turn's send now; NaN when it keeps none (the statement failed) */
    private double recordSend(Claim claim, double sentAtMost) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SENT)) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            s.setLong(1, claim.turn());
            s.setLong(2, claim.turn());
            s.setDouble(3, sentAtMost);
            s.setString(4, account);
            s.setString(5, action);
            s.setLong(6, claim.turn());
            s.setLong(7, claim.turn());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : Double.NaN;
            }
        } catch (SQLException e) {
            LOG.warn("Cluster pacing of {}: could not record a late send ({})", action, e.getClass().getSimpleName());
            return Double.NaN;
        }
    }

    @Override
    void limitExceeded(Claim claim, RequestLimitCount count) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(DECREASE)) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            s.setDouble(1, claim.slotMicros() / 1e6);
            s.setDouble(2, rate());
            s.setDouble(3, periodMillis / 1000.0);
            if (count == null) {
                s.setNull(4, Types.DOUBLE);
                s.setNull(5, Types.DOUBLE);
            } else {
                s.setDouble(4, count.timesInSecond());
                s.setDouble(5, count.limit());
            }
            s.setDouble(6, claim.probe() ? 1 : 0);
            s.setString(7, account);
            s.setString(8, action);
            if (s.executeUpdate() > 0) {
                LOG.debug("Cluster pacing of {}: RequestLimitExceeded, rate lowered for every node", action);
            }
        } catch (SQLException e) {
            // the answer is already a retry; the next overload lowers the rate once the store is back
            LOG.warn("Cluster pacing of {}: could not lower the shared rate ({})", action, e.getClass().getSimpleName());
        }
    }

    @Override
    void admitted(Claim claim) {
        if (!claim.probe()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(PROBE_ADMITTED)) {
            s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            s.setString(1, account);
            s.setString(2, action);
            s.setDouble(3, claim.slotMicros() / 1e6);
            if (s.executeUpdate() > 0) {
                LOG.debug("Cluster pacing of {}: the probe was admitted, the rate climbs for every node", action);
            }
        } catch (SQLException e) {
            // the next probe, a period later, tries again
            LOG.warn("Cluster pacing of {}: could not record the admitted probe ({})", action,
                    e.getClass().getSimpleName());
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
