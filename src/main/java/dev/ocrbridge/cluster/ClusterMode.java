package dev.ocrbridge.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ocrbridge.intake.InboxSweeper;
import dev.ocrbridge.intake.SftpUnchangedCommit;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.outbox.AnswerGate;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns cluster mode on when {@code ocrbridge.cluster.jdbc-url} is set, and does nothing otherwise (no database, no
 * JDBC driver touched). When on, before the routes are built: the pool ({@code ocrClusterDataSource}), the tables,
 * this node's heartbeat, the file drop's claims ({@code ocrClusterClaims}, through Camel's
 * {@code readLock=idempotent-changed}), the IMAP singleton and the component's cluster pacer
 * ({@code quotaDataSource}); once the beans exist ({@link #attach}): the shared record of answers and the
 * shared halts.
 */
public final class ClusterMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMode.class);

    /** Bean names the routes and the component refer to. */
    public static final String DATA_SOURCE = "ocrClusterDataSource";
    public static final String CLAIMS = "ocrClusterClaims";

    private final HikariDataSource dataSource;
    private final ClusterNode node;
    private final long haltPollMillis;
    private ClusterHalts halts;

    private ClusterMode(HikariDataSource dataSource, ClusterNode node, long haltPollMillis) {
        this.dataSource = dataSource;
        this.node = node;
        this.haltPollMillis = haltPollMillis;
    }

    /**
     * Starts cluster mode if configured: returns null (and touches nothing) when {@code ocrbridge.cluster.jdbc-url}
     * is empty.
     */
    public static ClusterMode configure(CamelContext camel, Properties overrides) throws Exception {
        PropertiesComponent pc = camel.getPropertiesComponent();
        String url = pc.resolveProperty("ocrbridge.cluster.jdbc-url").orElse("").trim();
        if (url.isEmpty()) {
            return null;
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(emptyToNull(pc.resolveProperty("ocrbridge.cluster.username").orElse("")));
        config.setPassword(emptyToNull(pc.resolveProperty("ocrbridge.cluster.password").orElse("")));
        config.setMaximumPoolSize(Integer.parseInt(pc.resolveProperty("ocrbridge.cluster.pool-size").orElse("10")));
        config.setPoolName("ocrbridge-cluster");
        config.setConnectionTimeout(5000);
        // fail at start, with the cause, when the database cannot be reached
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            String id = pc.resolveProperty("ocrbridge.cluster.node-id").orElse("").trim();
            long lease = Long.parseLong(pc.resolveProperty("ocrbridge.cluster.lease-ms").orElse("30000"));
            long haltPoll = Long.parseLong(pc.resolveProperty("ocrbridge.cluster.halt-poll-ms").orElse("250"));
            ClusterNode node = new ClusterNode(dataSource, id.isEmpty() ? ClusterNode.defaultId() : id, lease);
            ClusterSchema.create(dataSource);
            node.join();
            ClusterMode mode = new ClusterMode(dataSource, node, haltPoll);

            Path dataDir = Path.of(pc.resolveProperty("ocrbridge.data-dir").orElse("data")).toAbsolutePath().normalize();
            camel.getRegistry().bind(DATA_SOURCE, dataSource);
            camel.getRegistry().bind(CLAIMS, new FileClaims(node, dataDir));
            // the file drop takes a file only when this node claims it (readLock=idempotent-changed: the claim, then
            // the settle time); the claim goes when the file is settled, or when the exchange fails (a halt)
            overrides.setProperty("ocrbridge.file.read-lock", "idempotent-changed");
            overrides.setProperty("ocrbridge.file.cluster-options", "&idempotentRepository=#" + CLAIMS
                    + "&idempotentKey=${file:absolute.path}|${file:size}|${file:modified}"
                    + "&readLockRemoveOnCommit=true&readLockRemoveOnRollback=true");
            // IMAP has no claim of its own: its consumers run on the one node that holds the lock file of the
            // namespace on the shared data folder; another node takes over when that one dies
            FileLockClusterService imapLeader = new FileLockClusterService();
            imapLeader.setId(node.id());
            imapLeader.setRoot(dataDir.resolve(".ocrbridge").resolve("cluster").toString());
            long lockCheck = Long.parseLong(pc.resolveProperty("ocrbridge.cluster.imap-lock-check-ms").orElse("5000"));
            imapLeader.setAcquireLockDelay(lockCheck, TimeUnit.MILLISECONDS);
            imapLeader.setAcquireLockInterval(lockCheck, TimeUnit.MILLISECONDS);
            camel.addService(imapLeader);
            overrides.setProperty("ocrbridge.mail.consumer-prefix", "master:ocrbridge-mail:");
            // one quota per (SecretId, action) for the whole cluster: the component's pacer on the same database
            overrides.setProperty("camel.component.tencent-ocr.quota-data-source", "#" + DATA_SOURCE);
            pc.setOverrideProperties(overrides);
            LOG.info("Cluster mode: node {} on PostgreSQL {}; tables {} ready (created when missing); a dead node's "
                    + "claims pass to the others after {} ms", node.id(), describe(url),
                    String.join(", ", ClusterSchema.TABLES), lease);
            return mode;
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Once the beans exist: answers and halts become the cluster's. */
    public void attach(CamelContext camel) {
        AnswerGate answers = camel.getRegistry().lookupByNameAndType("ocrAnswers", AnswerGate.class);
        HaltSwitch haltSwitch = camel.getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
        if (answers == null || haltSwitch == null) {
            throw new IllegalStateException("cluster mode needs the beans ocrAnswers and ocrHaltSwitch "
                    + "(routes/ocrbridge-beans.xml)");
        }
        answers.setSharedAnswers(new ClusterAnswers(node));
        InboxSweeper sweeper = camel.getRegistry().lookupByNameAndType("ocrInboxSweeper", InboxSweeper.class);
        if (sweeper != null) {
            sweeper.setClaims(camel.getRegistry().lookupByNameAndType(CLAIMS, ClusterClaims.class));
        }
        SftpUnchangedCommit sftp = camel.getRegistry().lookupByNameAndType("ocrSftpCommit", SftpUnchangedCommit.class);
        if (sftp != null) {
            sftp.setClaims(new ClusterClaims(node));
        }
        halts = new ClusterHalts(node, haltSwitch);
        haltSwitch.setSharedHalts(halts);
        halts.start(haltPollMillis);
    }

    public ClusterNode node() {
        return node;
    }

    /** After Camel stopped: leaves the cluster (what this node held is free at once) and closes the pool. */
    @Override
    public void close() {
        if (halts != null) {
            halts.close();
        }
        node.close();
        dataSource.close();
    }

    /** Host, port and database only: never credentials or parameters. */
    static String describe(String jdbcUrl) {
        String s = jdbcUrl.replaceFirst("^jdbc:postgresql:", "");
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = "//" + s.substring(at + 1);
        }
        return s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
