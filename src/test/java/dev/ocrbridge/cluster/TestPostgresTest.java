package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The harness gives a real server, as a non-root user, and databases that do not see each other's tables. */
class TestPostgresTest {

    @Test
    void freshDatabasesAreSeparateAndEmpty() throws SQLException {
        TestPostgres.Database a = TestPostgres.freshDatabase("TestPostgresTest");
        TestPostgres.Database b = TestPostgres.freshDatabase("TestPostgresTest");
        assertThat(a.name()).isNotEqualTo(b.name());
        try (Connection c = a.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x int)");
            st.execute("INSERT INTO t VALUES (42)");
            try (ResultSet rs = st.executeQuery("SELECT x FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
        try (Connection c = b.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT x FROM t")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void serverRunsAsAnUnprivilegedUser() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("TestPostgresTest");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_postmaster_start_time() IS NOT NULL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        long pid = TestPostgres.server().pid();
        Process id = new ProcessBuilder("ps", "-o", "uid=", "-p", Long.toString(pid)).start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        id.waitFor();
        assertThat(uid).isNotEmpty().isNotEqualTo("0");
    }
}
