package dev.ocrbridge.cluster;

import dev.ocrbridge.client.PostgresRequestPacer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The tables of cluster mode, created at start-up when missing ({@code CREATE TABLE IF NOT EXISTS}; several nodes
 * starting at once are serialized by an advisory lock). No migration tool: the schema is four small tables, and a
 * later change can add columns the same idempotent way.
 */
final class ClusterSchema {

    static final List<String> TABLES = List.of("ocrbridge_nodes", "ocrbridge_claims", "ocrbridge_answers",
            "ocrbridge_halts");

    private static final List<String> DDL = List.of(
            // liveness: everything a node holds is held while its heartbeat is younger than the lease
            "CREATE TABLE IF NOT EXISTS ocrbridge_nodes (node_id text PRIMARY KEY, heartbeat_at timestamptz NOT NULL,"
                    + " started_at timestamptz NOT NULL)",
            // which node took a source (file, remote file, mail); the key is a SHA-256, never a name
            "CREATE TABLE IF NOT EXISTS ocrbridge_claims (claim_key text PRIMARY KEY, node_id text NOT NULL,"
                    + " claimed_at timestamptz NOT NULL)",
            // the record of answers, and images in flight (state in_flight, held by node_id)
            "CREATE TABLE IF NOT EXISTS ocrbridge_answers (action text NOT NULL, sha256 text NOT NULL,"
                    + " determined_by text NOT NULL, state text NOT NULL, node_id text, request_id text,"
                    + " fields text, attempts int, answered_at timestamptz,"
                    + " PRIMARY KEY (action, sha256, determined_by))",
            // one row per halted action: the account's, not a node's
            "CREATE TABLE IF NOT EXISTS ocrbridge_halts (action text PRIMARY KEY, code text NOT NULL,"
                    + " request_id text, since timestamptz NOT NULL, node_id text NOT NULL)");

    private ClusterSchema() {
    }

    static void create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // IF NOT EXISTS alone races on the catalog when two nodes start together
                st.execute("SELECT pg_advisory_xact_lock(4242001)");
                for (String ddl : DDL) {
                    st.execute(ddl);
                }
                // the quota rows carry the halts the turns obey: there before any halt is written
                for (String ddl : PostgresRequestPacer.schema()) {
                    st.execute(ddl);
                }
            }
            c.commit();
        }
    }
}
