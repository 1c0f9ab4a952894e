package dev.ocrbridge.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.outbox.AnswerStore;
import dev.ocrbridge.outbox.SharedAnswers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The record of answers in the cluster's database ({@code ocrbridge_answers}), and the images in flight: a row in
 * state {@code in_flight} says which node is calling for an image (by SHA-256 and what the answer depends on), so
 * that a node taking an identical image waits for that node's answer instead of paying for it again. A node that
 * dies while calling has its row taken over after the lease, like any claim.
 *
 * <p>The fields are the recognized personal data, like the outbox; nothing here is logged but the short SHA.
 */
public class ClusterAnswers implements SharedAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often a node waiting for another's answer looks again. */
    private static final long POLL_MILLIS = 100;

    private final ClusterNode node;

    ClusterAnswers(ClusterNode node) {
        this.node = node;
    }

    @Override
    public Optional<AnswerStore.Answer> find(AnswerStore.Key key) {
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT request_id, fields, attempts, answered_at FROM"
                     + " ocrbridge_answers WHERE action = ? AND sha256 = ? AND determined_by = ? AND state = 'answered'")) {
            bind(st, key);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = JSON.readValue(rs.getString(2), LinkedHashMap.class);
                Timestamp at = rs.getTimestamp(4);
                return Optional.of(new AnswerStore.Answer(rs.getString(1), fields, rs.getInt(3),
                        at == null ? null : at.toInstant()));
            }
        } catch (SQLException e) {
            node.databaseUnreachable(e);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean record(AnswerStore.Key key, AnswerStore.Answer answer) {
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO ocrbridge_answers (action, sha256, determined_by,"
                     + " state, node_id, request_id, fields, attempts, answered_at) VALUES (?, ?, ?, 'answered', NULL,"
                     + " ?, ?, ?, ?) ON CONFLICT (action, sha256, determined_by) DO UPDATE SET state = 'answered',"
                     + " node_id = NULL, request_id = EXCLUDED.request_id, fields = EXCLUDED.fields,"
                     + " attempts = EXCLUDED.attempts, answered_at = EXCLUDED.answered_at")) {
            bind(st, key);
            st.setString(4, answer.requestId());
            st.setString(5, JSON.writeValueAsString(answer.fields()));
            st.setInt(6, answer.attempts());
            st.setTimestamp(7, answer.answeredAt() == null ? null : Timestamp.from(answer.answeredAt()));
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            node.databaseUnreachable(e);
            return false;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    @Override
    public Optional<AnswerStore.Answer> claimOrAwait(AnswerStore.Key key, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            Boolean claimed = tryClaim(key);
            if (claimed == null || claimed) {
                return Optional.empty(); // ours, or the database is away: this node's own record still guards it
            }
            Optional<AnswerStore.Answer> answer = find(key);
            if (answer.isPresent() || System.nanoTime() - deadlineNanos >= 0) {
                return answer;
            }
            // another live node is calling for this image: its answer is a row away
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    /** True: this node holds the call now; false: another live node does, or the answer is there; null: no database. */
    private Boolean tryClaim(AnswerStore.Key key) {
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO ocrbridge_answers AS a (action, sha256,"
                     + " determined_by, state, node_id) VALUES (?, ?, ?, 'in_flight', ?) ON CONFLICT (action, sha256,"
                     + " determined_by) DO UPDATE SET node_id = EXCLUDED.node_id WHERE a.state = 'in_flight' AND NOT "
                     + ClusterNode.alive("a.node_id") + " RETURNING a.node_id")) {
            bind(st, key);
            st.setString(4, node.id());
            st.setDouble(5, node.leaseSeconds());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            node.databaseUnreachable(e);
            return null;
        }
    }

    @Override
    public void release(AnswerStore.Key key) {
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM ocrbridge_answers WHERE action = ? AND sha256 = ?"
                     + " AND determined_by = ? AND state = 'in_flight' AND node_id = ?")) {
            bind(st, key);
            st.setString(4, node.id());
            st.executeUpdate();
        } catch (SQLException e) {
            // the row lapses with this node's heartbeat, or goes at its next start
            node.databaseUnreachable(e);
        }
    }

    private static void bind(PreparedStatement st, AnswerStore.Key key) throws SQLException {
        st.setString(1, key.action().actionName());
        st.setString(2, key.sha256());
        st.setString(3, key.determinedBy());
    }
}
