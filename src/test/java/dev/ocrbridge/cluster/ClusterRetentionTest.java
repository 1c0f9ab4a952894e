package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PipelineHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention in cluster mode, with a real PostgreSQL: answered rows of {@code ocrbridge_answers} older than
 * {@code ocrbridge.retention.days} are removed at start; younger ones and images in flight stay.
 */
class ClusterRetentionTest {

    @TempDir
    Path data;

    @Test
    void answeredRowsOlderThanTheRetentionAreRemovedAtStart() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("ClusterRetentionTest");
        ClusterSchema.create(db.dataSource());
        try (Connection c = db.connect()) {
            insert(c, "old", "answered", Instant.now().minus(Duration.ofDays(31)));
            insert(c, "young", "answered", Instant.now().minus(Duration.ofDays(29)));
            insert(c, "flying", "in_flight", null);
        }
        Properties p = new Properties();
        p.setProperty("ocrbridge.cluster.jdbc-url", db.jdbcUrl());
        p.setProperty("ocrbridge.cluster.username", db.username());
        p.setProperty("ocrbridge.cluster.password", db.password());
        p.setProperty("ocrbridge.cluster.node-id", "retention-test");
        p.setProperty("ocrbridge.retention.days", "30");
        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder(), p)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !shas(db).contains("old"));
            assertThat(shas(db)).contains("young");
        }
    }

    private static void insert(Connection c, String sha, String state, Instant answeredAt) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO ocrbridge_answers (action, sha256, determined_by,"
                + " state, node_id, fields, attempts, answered_at) VALUES ('RecognizeHealthCodeOCR', ?, 'test', ?,"
                + " NULL, '{}', 1, ?)")) {
            st.setString(1, sha);
            st.setString(2, state);
            st.setTimestamp(3, answeredAt == null ? null : Timestamp.from(answeredAt));
            st.executeUpdate();
        }
    }

    private static List<String> shas(TestPostgres.Database db) throws SQLException {
        List<String> shas = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sha256 FROM ocrbridge_answers")) {
            while (rs.next()) {
                shas.add(rs.getString(1));
            }
        }
        return shas;
    }
}
