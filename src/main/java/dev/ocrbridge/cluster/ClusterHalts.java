package dev.ocrbridge.cluster;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.client.PostgresRequestPacer;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.operations.SharedHalts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Halts in the cluster's database ({@code ocrbridge_halts}, one row per halted action): a halt on one node is written
 * there, and every node polls the table (every {@code pollMillis}, 250 ms by default: well within the second the
 * contract allows) and halts or resumes its own intake routes to match. Polling rather than LISTEN/NOTIFY: it needs
 * no dedicated connection, survives a database restart without re-subscribing, and one indexed read of a table of at
 * most two rows four times a second costs nothing.
 */
public class ClusterHalts implements SharedHalts, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHalts.class);

    private final ClusterNode node;
    private final HaltSwitch haltSwitch;
    /** Halts of this node the database did not take yet: written again at each poll, never taken for resumes. */
    private final Map<OcrAction, HaltSwitch.Halt> unshared = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ocrbridge-cluster-halts");
        t.setDaemon(true);
        return t;
    });

    ClusterHalts(ClusterNode node, HaltSwitch haltSwitch) {
        this.node = node;
        this.haltSwitch = haltSwitch;
    }

    /** Takes over the cluster's halts now (before any route starts), then follows them. */
    void start(long pollMillis) {
        poll();
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void halted(OcrAction action, HaltSwitch.Halt halt) {
        if (!write(action, halt)) {
            unshared.put(action, halt);
            LOG.error("The halt of {} could not be shared with the cluster yet; this node is halted and shares it "
                    + "once the database answers", action);
        }
    }

    /**
     * The halt row and the quota rows' halt in one transaction: once it commits, no node is granted a turn of the
     * action (the turns lock those rows), so how soon the other nodes poll bounds nothing that is sent.
     */
    private boolean write(OcrAction action, HaltSwitch.Halt halt) {
        try (Connection c = node.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO ocrbridge_halts (action, code, request_id,"
                    + " since, node_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (action) DO NOTHING")) {
                st.setString(1, action.actionName());
                st.setString(2, halt.code());
                st.setString(3, halt.requestId());
                st.setTimestamp(4, Timestamp.from(halt.since()));
                st.setString(5, node.id());
                st.executeUpdate();
                PostgresRequestPacer.haltEveryAccount(c, action.actionName(), halt.code());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return true;
        } catch (SQLException e) {
            node.databaseUnreachable(e);
            return false;
        }
    }

    @Override
    public boolean resumed(OcrAction action) {
        boolean wasUnshared = unshared.remove(action) != null;
        try (Connection c = node.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("DELETE FROM ocrbridge_halts WHERE action = ?")) {
                st.setString(1, action.actionName());
                boolean removed = st.executeUpdate() > 0;
                PostgresRequestPacer.haltEveryAccount(c, action.actionName(), null);
                c.commit();
                return removed || wasUnshared;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            node.databaseUnreachable(e);
            LOG.error("The resume of {} could not be shared with the cluster ({}); other nodes stay halted",
                    action, e.getClass().getSimpleName());
            return false;
        }
    }

    void poll() {
        unshared.forEach((action, halt) -> {
            if (haltSwitch.haltOf(action).isEmpty()) {
                unshared.remove(action, halt); // resumed here meanwhile
            } else if (write(action, halt)) {
                unshared.remove(action, halt);
            }
        });
        // this node's halts before the read: one raised here after the read is not mistaken for a resume elsewhere
        Set<OcrAction> before = haltSwitch.halted().keySet();
        Map<OcrAction, HaltSwitch.Halt> cluster = new EnumMap<>(OcrAction.class);
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT action, code, request_id, since FROM ocrbridge_halts");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString(2);
                OcrAction.find(rs.getString(1)).ifPresent(a -> {
                    try {
                        cluster.put(a, HaltSwitch.Halt.of(code, rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } catch (SQLException | RuntimeException e) {
            // halts stay as they are until the database answers again
            if (e instanceof SQLException sql) {
                node.databaseUnreachable(sql);
            }
            return;
        }
        cluster.forEach((action, halt) -> {
            if (haltSwitch.haltOf(action).isEmpty()) {
                haltSwitch.haltedElsewhere(action, halt);
            }
        });
        for (OcrAction action : before) {
            if (!cluster.containsKey(action) && !unshared.containsKey(action)) {
                haltSwitch.resumedElsewhere(action);
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
