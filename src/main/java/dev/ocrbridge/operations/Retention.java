package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognition.OcrSettings;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ocrbridge.retention.days}: what holds personal data (the outbox's results, the archive's originals, the dead
 * letters and their errors, the record of answers, and in cluster mode the table {@code ocrbridge_answers}) is
 * removed once it is older than that, by its modification time (a row: by when it was answered). Run at start and
 * daily (routes/operations.xml). Off (0) by default; the first run says in one line which it is.
 *
 * <p>Only files go; folders stay, since they are the contract's. Nothing else under the data folder is touched: the
 * inbox is work not yet done, and the state folder's staging and spool clear themselves.
 */
public class Retention implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** The cluster's data source, bound by name when cluster mode is on. */
    static final String CLUSTER_DATA_SOURCE = "ocrClusterDataSource";

    private final AtomicBoolean announced = new AtomicBoolean();
    private CamelContext camelContext;
    private OcrSettings settings;
    private int days;

    /** What one run removed. */
    public record Purged(long files, long rows) {
    }

    /** One run: removes what is older than the retention; nothing when it is off. */
    public Purged run() {
        if (days <= 0) {
            if (announced.compareAndSet(false, true)) {
                LOG.info("Retention: off (ocrbridge.retention.days=0): results, archive, dead letters and the record of"
                        + " answers are kept until removed by hand");
            }
            return new Purged(0, 0);
        }
        if (announced.compareAndSet(false, true)) {
            LOG.info("Retention: {} days: older results, archive, dead letters and recorded answers are removed at"
                    + " start and daily", days);
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(days));
        long files = 0;
        for (Path folder : folders(settings.folders())) {
            files += purgeFiles(folder, cutoff);
        }
        long rows = purgeRows(cutoff);
        LOG.info("Retention: removed {} files and {} recorded answers of the cluster older than {} days", files, rows,
                days);
        return new Purged(files, rows);
    }

    private static List<Path> folders(DataFolders folders) {
        List<Path> all = new ArrayList<>();
        for (OcrAction action : OcrAction.values()) {
            all.add(folders.outbox(action));
            all.add(folders.archive(action));
            all.add(folders.deadLetters(action));
        }
        all.add(folders.answers());
        return all;
    }

    private static long purgeFiles(Path folder, Instant cutoff) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long[] removed = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        try {
                            if (Files.deleteIfExists(file)) {
                                removed[0]++;
                            }
                        } catch (IOException e) {
                            // the next run tries again; the path is not logged
                            LOG.warn("Retention: a file could not be removed ({})", e.getClass().getSimpleName());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Retention: a data folder could not be walked ({})", e.getClass().getSimpleName());
        }
        return removed[0];
    }

    /** Answered rows of the cluster's record older than the cutoff; rows of images in flight are never touched. */
    private long purgeRows(Instant cutoff) {
        DataSource dataSource = camelContext == null ? null
                : camelContext.getRegistry().lookupByNameAndType(CLUSTER_DATA_SOURCE, DataSource.class);
        if (dataSource == null) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM ocrbridge_answers WHERE state = 'answered'"
                     + " AND answered_at < ?")) {
            st.setTimestamp(1, Timestamp.from(cutoff));
            return st.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Retention: the cluster's recorded answers could not be purged (SQLState {}); the next run tries"
                    + " again", e.getSQLState());
            return 0;
        }
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    /** Days to keep; 0 (the default) keeps everything. */
    public void setDays(int days) {
        this.days = days;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
