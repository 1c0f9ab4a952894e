package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PipelineHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Off by default, no database touched; on with one key: tables, pool, claims, pacer, and a start-up line without secrets. */
class ClusterModeTest {

    @TempDir
    Path data;

    @Test
    void withoutAJdbcUrlTheServiceIsTheSingleNodeOneWithNoDatabase() throws Exception {
        try (PipelineHarness harness = PipelineHarness.start(data)) {
            CamelContext camel = harness.app().camelContext();
            assertThat(camel.getRegistry().lookupByName(ClusterMode.DATA_SOURCE)).isNull();
            assertThat(camel.getRegistry().lookupByName(ClusterMode.CLAIMS)).isNull();
            assertThat(camel.getComponent("tencent-ocr", TencentOcrComponent.class).getConfiguration()
                    .getQuotaDataSource()).isNull();
            assertThat(fileEndpoints(camel)).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getReadLock()).isEqualTo("changed");
                assertThat(e.getIdempotentRepository()).isNull();
            });
        }
    }

    @Test
    void aJdbcUrlTurnsOnTheSharedStoreTheClaimsAndTheClusterPacer() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("ClusterModeTest");
        Properties p = new Properties();
        p.setProperty("ocrbridge.cluster.jdbc-url", db.jdbcUrl());
        p.setProperty("ocrbridge.cluster.username", db.username());
        p.setProperty("ocrbridge.cluster.password", db.password());
        p.setProperty("ocrbridge.cluster.node-id", "mode-test");
        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder(), p)) {
            CamelContext camel = harness.app().camelContext();
            DataSource pool = camel.getRegistry().lookupByNameAndType(ClusterMode.DATA_SOURCE, DataSource.class);
            assertThat(pool).isNotNull();
            assertThat(camel.getComponent("tencent-ocr", TencentOcrComponent.class).getConfiguration()
                    .getQuotaDataSource()).isSameAs(pool);
            assertThat(fileEndpoints(camel)).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getReadLock()).isEqualTo("idempotent-changed");
                assertThat(e.getIdempotentRepository()).isInstanceOf(ClusterClaims.class);
            });
            List<String> tables = new ArrayList<>();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE 'ocrbridge_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).containsAll(ClusterSchema.TABLES);
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT node_id FROM ocrbridge_nodes")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("mode-test");
            }
        }
    }

    @Test
    void theStartUpLineNamesTheDatabaseButNeverItsCredentials() {
        assertThat(ClusterMode.describe("jdbc:postgresql://db.example:5432/ocrbridge?user=ocr&password=s3cret&ssl=true"))
                .isEqualTo("//db.example:5432/ocrbridge");
        assertThat(ClusterMode.describe("jdbc:postgresql://ocr:s3cret@db.example/ocrbridge"))
                .isEqualTo("//db.example/ocrbridge").doesNotContain("s3cret");
    }

    private static List<FileEndpoint> fileEndpoints(CamelContext camel) {
        return camel.getEndpoints().stream().filter(FileEndpoint.class::isInstance).map(FileEndpoint.class::cast)
                .toList();
    }
}
