package dev.ocrbridge.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node in the cluster: its id and its heartbeat. Claims of every kind name the node that holds them; a claim
 * is live while that node's heartbeat is younger than the lease, so a node that dies (SIGKILL, a lost host) has all
 * it held released to the others after at most one lease, and one heartbeat row per node is all it takes to keep
 * them. Time is the database's ({@code now()}), so clocks of the nodes need not agree.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    /** SQL condition: the node named by {@code <column>} is alive; one parameter: the lease in seconds. */
    static String alive(String column) {
        return "EXISTS (SELECT 1 FROM ocrbridge_nodes n WHERE n.node_id = " + column
                + " AND n.heartbeat_at > now() - make_interval(secs => ?))";
    }

    private final DataSource dataSource;
    private final String id;
    private final long leaseMillis;
    private final ScheduledExecutorService heartbeat;
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    /** System.nanoTime() of the last heartbeat the database took. */
    private volatile long lastBeat;

    ClusterNode(DataSource dataSource, String id, long leaseMillis) {
        this.dataSource = dataSource;
        this.id = id;
        this.leaseMillis = leaseMillis;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocrbridge-cluster-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** The default node id: host name and process id, unique per running process. */
    public static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /**
     * Joins: registers the heartbeat and drops whatever a previous process under the same id held (it is gone: this
     * process holds nothing yet), then beats every third of the lease.
     */
    void join() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement beat = c.prepareStatement("INSERT INTO ocrbridge_nodes (node_id, heartbeat_at,"
                    + " started_at) VALUES (?, now(), now()) ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now(),"
                    + " started_at = now()");
                 PreparedStatement claims = c.prepareStatement("DELETE FROM ocrbridge_claims WHERE node_id = ?");
                 PreparedStatement inFlight = c.prepareStatement(
                         "DELETE FROM ocrbridge_answers WHERE node_id = ? AND state = 'in_flight'")) {
                beat.setString(1, id);
                beat.executeUpdate();
                claims.setString(1, id);
                claims.executeUpdate();
                inFlight.setString(1, id);
                inFlight.executeUpdate();
            }
            c.commit();
        }
        lastBeat = System.nanoTime();
        long period = Math.max(100, leaseMillis / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE ocrbridge_nodes SET heartbeat_at = now() WHERE node_id = ?")) {
            st.setString(1, id);
            if (st.executeUpdate() == 0) {
                // removed by an operator cleaning up: register again
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO ocrbridge_nodes (node_id, heartbeat_at,"
                        + " started_at) VALUES (?, now(), now()) ON CONFLICT (node_id) DO NOTHING")) {
                    ins.setString(1, id);
                    ins.executeUpdate();
                }
            }
            lastBeat = System.nanoTime();
            if (databaseDown.compareAndSet(true, false)) {
                LOG.info("Cluster database reachable again: node {} takes work again", id);
            }
        } catch (SQLException e) {
            databaseUnreachable(e);
        }
    }

    /** Logs one line when the database goes away (not one per poll). */
    void databaseUnreachable(SQLException e) {
        if (databaseDown.compareAndSet(false, true)) {
            LOG.error("Cluster database unreachable ({}, SQLState {}): node {} takes no new work until it is back; "
                    + "work already taken finishes, nothing is lost", e.getClass().getSimpleName(), e.getSQLState(), id);
        }
    }

    /**
     * Whether this node may take new work: its heartbeat reached the database within half a lease. Past that the
     * others may soon consider it dead and take over what it holds, so it must not start anything new.
     */
    boolean inGoodStanding() {
        return System.nanoTime() - lastBeat < TimeUnit.MILLISECONDS.toNanos(leaseMillis / 2);
    }

    /** Stops the heartbeat without signing off: what a killed process leaves behind (tests). */
    void stopBeatingForTest() {
        heartbeat.shutdownNow();
    }

    public String id() {
        return id;
    }

    /** The lease in seconds, as the {@link #alive} condition takes it. */
    double leaseSeconds() {
        return leaseMillis / 1000.0;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Leaves: stops beating and removes the heartbeat, so what this node held is free at once. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM ocrbridge_nodes WHERE node_id = ?")) {
            st.setString(1, id);
            st.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not sign node {} off the cluster ({}); its claims expire with the lease", id,
                    e.getClass().getSimpleName());
        }
    }
}
