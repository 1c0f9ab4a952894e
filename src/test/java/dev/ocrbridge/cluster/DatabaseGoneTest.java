package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.outbox.AnswerStore;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The database goes away: a node takes no new work (no claim), does not wait for the cluster to answer for an image
 * (its own record still guards it), and takes work again once the database is back.
 */
class DatabaseGoneTest {

    /** A real database behind a switch: off, every connection attempt fails as an unreachable server's would. */
    private static final class Switchable implements DataSource {
        private final DataSource real;
        private final AtomicBoolean up = new AtomicBoolean(true);

        Switchable(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!up.get()) {
                throw new SQLException("Connection refused", "08001");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void aNodeWithoutItsDatabaseTakesNoNewWorkAndTakesWorkAgainWhenItIsBack() throws Exception {
        DataSource real = TestPostgres.freshDatabase("DatabaseGoneTest").dataSource();
        ClusterSchema.create(real);
        Switchable db = new Switchable(real);
        try (ClusterNode node = new ClusterNode(db, "n", 600)) {
            node.join();
            ClusterClaims claims = new ClusterClaims(node);
            ClusterAnswers answers = new ClusterAnswers(node);
            assertThat(claims.add("file:a")).isTrue();

            db.up.set(false);
            assertThat(claims.add("file:b")).as("no claim without the database").isFalse();
            assertThat(claims.contains("file:a")).as("unknown counts as taken").isTrue();
            AnswerStore.Key key = new AnswerStore.Key(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, "ef".repeat(32), "d");
            assertThat(answers.claimOrAwait(key, System.nanoTime() + TimeUnit.SECONDS.toNanos(30)))
                    .as("no waiting on a database that is away").isEmpty();
            // past half a lease without a heartbeat the node stays out, even if a statement would get through
            await().atMost(Duration.ofSeconds(5)).until(() -> !node.inGoodStanding());

            db.up.set(true);
            await().atMost(Duration.ofSeconds(5)).until(node::inGoodStanding);
            assertThat(claims.add("file:b")).isTrue();
        }
    }
}
