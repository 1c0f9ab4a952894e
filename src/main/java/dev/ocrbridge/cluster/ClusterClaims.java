package dev.ocrbridge.cluster;

import dev.ocrbridge.signing.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Which node took each source: an {@link IdempotentRepository} for Camel's {@code readLock=idempotent-changed} (file
 * drop on a shared folder), whose entries are claims held by a node. {@link #add} takes the key when nobody holds
 * it, or when the node holding it is dead (heartbeat older than the lease), in one statement, so two nodes can never
 * both take it; {@link #remove} (on commit and on rollback) lets it go once the source is settled, so a file dropped
 * again later under the same name is taken again.
 *
 * <p>Why not camel-sql's {@code JdbcOrphanLockAwareIdempotentRepository}: its take-over of an orphaned lock is a
 * check then an update, so two nodes can both take a dead node's file; it keeps every lock alive with its own
 * update, and it brings Spring JDBC. Here the take-over is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE the
 * holder is dead}, and liveness is the node's one heartbeat row.
 *
 * <p>Keys are stored as their SHA-256: the key names the file (people's names), the table never does. This class
 * logs nothing about a key.
 */
public class ClusterClaims extends ServiceSupport implements IdempotentRepository {

    private final ClusterNode node;

    ClusterClaims(ClusterNode node) {
        this.node = node;
    }

    static String hash(String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return Tc3Signer.sha256Hex(b, 0, b.length);
    }

    /** Takes the key for this node; false when a live node holds it, or when this node may not take work now. */
    @Override
    public boolean add(String key) {
        if (!node.inGoodStanding()) {
            return false;
        }
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO ocrbridge_claims AS c (claim_key, node_id,"
                     + " claimed_at) VALUES (?, ?, now()) ON CONFLICT (claim_key) DO UPDATE SET node_id ="
                     + " EXCLUDED.node_id, claimed_at = now() WHERE NOT " + ClusterNode.alive("c.node_id")
                     + " RETURNING c.node_id")) {
            st.setString(1, hash(key));
            st.setString(2, node.id());
            st.setDouble(3, node.leaseSeconds());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            node.databaseUnreachable(e);
            return false;
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT 1 FROM ocrbridge_claims c WHERE c.claim_key = ? AND "
                     + ClusterNode.alive("c.node_id"))) {
            st.setString(1, hash(key));
            st.setDouble(2, node.leaseSeconds());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            node.databaseUnreachable(e);
            // unknown: say taken, so that nothing is taken twice
            return true;
        }
    }

    /** Lets go of this node's claim (another node's is left alone). */
    @Override
    public boolean remove(String key) {
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement(
                     "DELETE FROM ocrbridge_claims WHERE claim_key = ? AND node_id = ?")) {
            st.setString(1, hash(key));
            st.setString(2, node.id());
            return st.executeUpdate() > 0;
        } catch (SQLException e) {
            // the claim stays until this node's heartbeat lapses or it restarts (join drops it): released either way
            node.databaseUnreachable(e);
            return false;
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Lets go of everything this node holds. */
    @Override
    public void clear() {
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM ocrbridge_claims WHERE node_id = ?")) {
            st.setString(1, node.id());
            st.executeUpdate();
        } catch (SQLException e) {
            node.databaseUnreachable(e);
        }
    }
}
