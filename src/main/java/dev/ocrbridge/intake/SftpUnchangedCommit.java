package dev.ocrbridge.intake;

import com.jcraft.jsch.SftpException;
import dev.ocrbridge.outbox.Outbox;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.component.file.remote.strategy.SftpProcessStrategyFactory;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process strategy of the SFTP intake routes ({@code processStrategy=#ocrSftpCommit}): Camel's own strategy
 * (read lock, {@code move=} / {@code delete=} on commit, built from the endpoint's options exactly as Camel
 * builds it), with one check before the remote file is moved or deleted: it must still be the file that was
 * read.
 *
 * <p>A plain SFTP upload that stalls longer than the settle time looks complete: it is taken, and the half that
 * was there is recognized or dead-lettered (as truncated). If the uploader resumes while ocrbridge works on it,
 * moving the file to {@code .done/} would put the complete image where nobody reads it, with only a record of a
 * version that no longer exists. So the file's size and modification time are taken when it is taken (after
 * the read lock) and compared at commit with the file as it is now (and with the bytes actually downloaded).
 * If they differ, nothing is moved or deleted: the file stays for the next poll, which takes the complete
 * version once it has settled, and the records written for the version read (its result or dead-letter record
 * and the copy of its original) are removed. The stored answer of a recognized partial stays in the index: it
 * is keyed by content and bills nothing again.
 *
 * <p>An upload that paused before its image was whole (a PNG without {@code IEND}, a JPEG without its end marker)
 * is not recognized at all: {@link SftpIncompleteUpload} stops the exchange, the file stays, and that version
 * (size and time) is not downloaded again until it changes or has stayed as it is for
 * {@code ocrbridge.incomplete-max-age} (then it is taken and dead-lettered as truncated). An upload that paused
 * after a whole image but before its last bytes is recognized and moved; the moved copy is watched
 * ({@link SftpMovedCopies}) and moved back, to be taken again, if it grows. Writers that may stall should still
 * upload under a temporary name ({@code .part}, ...) and rename when done (README): nothing is taken twice then.
 *
 * <p>Cluster mode ({@link #setClaims}): a remote file is taken only by the node that claims it (key: server, path,
 * size and time), before Camel's read lock; the claim is let go once the file is settled, or the exchange failed.
 */
public class SftpUnchangedCommit implements GenericFileProcessStrategy<SftpRemoteFile>, CamelContextAware {

    /** Exchange property: {size, modification time in ms} of the remote file when it was taken. */
    static final String TAKEN_STAT = "CamelOcrBridgeSftpTakenStat";
    /** Exchange property: the cluster claim key of the remote file, while this node holds it. */
    static final String CLAIM_KEY = "CamelOcrBridgeSftpClaim";

    private static final Logger LOG = LoggerFactory.getLogger(SftpUnchangedCommit.class);
    /** Exchange property: the remote file's relative path, while it is downloaded under a shorter name. */
    static final String RELATIVE_PATH = "CamelOcrBridgeSftpRelativePath";
    /** The file systems' limit on a name, in bytes. */
    private static final int MAX_NAME = 255;
    /** Camel's {@code .inprogress}, added to a download's name while it is written. */
    private static final int IN_PROGRESS_SUFFIX_BYTES = ".inprogress".length();
    /** SSH_FX_NO_SUCH_FILE */
    private static final int NO_SUCH_FILE = 2;

    private final Map<GenericFileEndpoint<SftpRemoteFile>, GenericFileProcessStrategy<SftpRemoteFile>> camelStrategies =
            new ConcurrentHashMap<>();
    /** Versions (claim keys) of uploads still under way, with the time they stop being waited for. */
    private final Map<String, Long> incomplete = new ConcurrentHashMap<>();
    /** The consumer's own connection, per endpoint: the moved copies are looked at over it after each poll. */
    private final Map<GenericFileEndpoint<SftpRemoteFile>, GenericFileOperations<SftpRemoteFile>> connections =
            new ConcurrentHashMap<>();
    private SftpMovedCopies movedCopies = new SftpMovedCopies();
    private long incompleteMaxAgeMillis = IncompleteImages.DEFAULT_MAX_AGE_MILLIS;
    private CamelContext camelContext;
    /** Cluster mode: which node takes each remote file; null on a single node. */
    private volatile IdempotentRepository claims;

    @Override
    public void prepareOnStartup(GenericFileOperations<SftpRemoteFile> operations,
            GenericFileEndpoint<SftpRemoteFile> endpoint) throws Exception {
        connections.put(endpoint, operations);
        camelStrategy(endpoint).prepareOnStartup(operations, endpoint);
    }

    /** After each poll of the endpoint (on the consumer's thread): the moved copies that grew are moved back. */
    void afterPoll(GenericFileEndpoint<?> endpoint) {
        GenericFileOperations<SftpRemoteFile> operations = connections.get(endpoint);
        if (operations != null) {
            movedCopies.recheck(operations, endpoint);
        }
    }

    @Override
    public boolean begin(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint,
            Exchange exchange, GenericFile<SftpRemoteFile> file) throws Exception {
        if (stillIncomplete(claimKey(endpoint, file))) {
            return false; // this version was read already and is an upload under way: not downloaded again
        }
        IdempotentRepository cluster = claims;
        if (cluster != null) {
            String key = claimKey(endpoint, file);
            if (!cluster.add(key)) {
                return false; // another node has it (or this node may not take work now)
            }
            exchange.setProperty(CLAIM_KEY, key);
            // listed before another node settled it and let its claim go: gone now, nothing to take
            SftpRemoteFile now = stat(operations, file);
            if (now == null || now.getFileLength() != file.getFileLength()) {
                release(exchange);
                return false;
            }
        }
        boolean begun = false;
        try {
            begun = camelStrategy(endpoint).begin(operations, endpoint, exchange, file);
        } finally {
            if (!begun) {
                release(exchange);
            }
        }
        if (!begun) {
            return false;
        }
        SftpRemoteFile taken = stat(operations, file);
        if (taken != null) {
            exchange.setProperty(TAKEN_STAT, new long[] {taken.getFileLength(), taken.getLastModified()});
        }
        downloadUnderAShorterName(exchange, file);
        return true;
    }

    /**
     * Camel downloads a remote file to {@code <localWorkDirectory>/<its name>.inprogress}: a name of more than 244
     * bytes has no room for that suffix, and its download would fail on every poll. Such a file is downloaded under
     * a name of its own instead; recognition refuses its name ({@code Source.UnacceptableName}, from the remote
     * name it still carries) and the remote file is settled under its own name as any other ({@link #commit}).
     */
    private static void downloadUnderAShorterName(Exchange exchange, GenericFile<SftpRemoteFile> file) {
        String name = file.getFileNameOnly();
        if (name == null || name.getBytes(StandardCharsets.UTF_8).length + IN_PROGRESS_SUFFIX_BYTES <= MAX_NAME) {
            return;
        }
        String relative = file.getRelativeFilePath();
        exchange.setProperty(RELATIVE_PATH, relative);
        file.setRelativeFilePath(relative.substring(0, relative.length() - name.length())
                + "download-" + InboxEntries.nameHash(name));
    }

    /** Gives a file downloaded under a shorter name its own back, before Camel moves or deletes it remotely. */
    private static void restoreName(Exchange exchange, GenericFile<SftpRemoteFile> file) {
        String relative = exchange.getProperty(RELATIVE_PATH, String.class);
        if (relative != null) {
            file.setRelativeFilePath(relative);
            exchange.getMessage().setHeader(Exchange.FILE_NAME, relative);
        }
    }

    @Override
    public void abort(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint,
            Exchange exchange, GenericFile<SftpRemoteFile> file) throws Exception {
        restoreName(exchange, file);
        try {
            camelStrategy(endpoint).abort(operations, endpoint, exchange, file);
        } finally {
            release(exchange);
        }
    }

    @Override
    public void commit(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint,
            Exchange exchange, GenericFile<SftpRemoteFile> file) throws Exception {
        restoreName(exchange, file);
        try {
            settle(operations, endpoint, exchange, file);
        } finally {
            release(exchange);
        }
    }

    private void settle(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint,
            Exchange exchange, GenericFile<SftpRemoteFile> file) throws Exception {
        long[] taken = exchange.getProperty(TAKEN_STAT, long[].class);
        if (exchange.getProperty(SftpIncompleteUpload.PROPERTY, false, Boolean.class)) {
            camelStrategy(endpoint).abort(operations, endpoint, exchange, file);
            long modified = taken != null ? taken[1] : file.getLastModified();
            incomplete.put(claimKey(endpoint, file), modified + incompleteMaxAgeMillis);
            LOG.info("SFTP intake {}: a remote image is not complete yet (no end marker, {} bytes); it stays and is "
                    + "taken once it changes, or as it is after {} s unchanged", exchange.getFromRouteId(),
                    file.getFileLength(), incompleteMaxAgeMillis / 1000);
            return;
        }
        if (taken != null) {
            SftpRemoteFile now = stat(operations, file);
            RecognitionJob job = RecognitionIntake.job(exchange);
            long read = job == null ? -1 : job.source().bytes();
            if (now != null && (now.getFileLength() != taken[0] || now.getLastModified() != taken[1]
                    || (read > 0 && read != now.getFileLength()))) {
                // leave it where it is, as if never taken: no move, no delete, no failure folder
                camelStrategy(endpoint).abort(operations, endpoint, exchange, file);
                int removed = discardRecords(exchange);
                LOG.info("SFTP intake {}: a remote file changed after it was taken ({} -> {} bytes{}); left for the "
                        + "next poll, {} record(s) of the version read removed", exchange.getFromRouteId(),
                        read > 0 ? read : taken[0], now.getFileLength(),
                        job == null ? "" : ", SHA-256 read " + job.source().sha256().substring(0, 12), removed);
                return;
            }
        }
        String moved = movedPath(operations, endpoint, exchange, file);
        if (moved != null) {
            ensureFolderOf(operations, moved);
        }
        camelStrategy(endpoint).commit(operations, endpoint, exchange, file);
        if (moved != null && taken != null) {
            movedCopies.watch(endpoint, moved, file.getAbsoluteFilePath(), taken[0], taken[1],
                    System.currentTimeMillis() + incompleteMaxAgeMillis);
        }
    }

    /**
     * The move's folder, made before Camel's commit: two nodes moving their first files at once both try to create
     * it, and the one whose mkdir comes second fails its commit although the folder is there (seen in
     * SftpClusterTest: the file stayed and was sent again). A failure with the folder there is no failure.
     */
    private static void ensureFolderOf(GenericFileOperations<SftpRemoteFile> operations, String movedPath) {
        String folder = FileUtil.onlyPath(movedPath);
        if (folder == null || folder.isEmpty()) {
            return;
        }
        try {
            operations.buildDirectory(folder, true);
        } catch (GenericFileOperationFailedException e) {
            if (!operations.existsFile(folder)) {
                throw e;
            }
        }
    }

    /** Where Camel's strategy moves the file on commit ({@code move=}), worked out as Camel does; null without one. */
    private static String movedPath(GenericFileOperations<SftpRemoteFile> operations,
            GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange, GenericFile<SftpRemoteFile> file) {
        if (endpoint.getMove() == null || endpoint.isDelete() || endpoint.isNoop()) {
            return null;
        }
        String name = endpoint.getMove().evaluate(exchange, String.class);
        if (name == null) {
            return null;
        }
        GenericFile<SftpRemoteFile> target = operations.newGenericFile();
        file.copyFrom(file, target);
        target.changeFileName(name);
        return target.getAbsoluteFilePath();
    }

    /** Whether this version is an upload under way that is still waited for; forgets the ones whose time is up. */
    private boolean stillIncomplete(String key) {
        long now = System.currentTimeMillis();
        incomplete.values().removeIf(until -> until <= now);
        return incomplete.containsKey(key);
    }

    @Override
    public void rollback(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint,
            Exchange exchange, GenericFile<SftpRemoteFile> file) throws Exception {
        restoreName(exchange, file);
        try {
            camelStrategy(endpoint).rollback(operations, endpoint, exchange, file);
        } finally {
            release(exchange);
        }
    }

    /** Server, remote path, size and time: the same remote file version names the same claim on every node. */
    private static String claimKey(GenericFileEndpoint<SftpRemoteFile> endpoint, GenericFile<SftpRemoteFile> file) {
        String server = endpoint instanceof RemoteFileEndpoint<?> remote
                ? remote.getConfiguration().getHost() + ":" + remote.getConfiguration().getPort() : "";
        return "sftp:" + server + file.getAbsoluteFilePath() + "|" + file.getFileLength() + "|" + file.getLastModified();
    }

    private void release(Exchange exchange) {
        IdempotentRepository cluster = claims;
        String key = exchange.getProperty(CLAIM_KEY, String.class);
        if (cluster != null && key != null) {
            exchange.removeProperty(CLAIM_KEY);
            cluster.remove(key);
        }
    }

    public void setMovedCopies(SftpMovedCopies movedCopies) {
        this.movedCopies = movedCopies;
    }

    public void setIncompleteMaxAgeMillis(long incompleteMaxAgeMillis) {
        this.incompleteMaxAgeMillis = incompleteMaxAgeMillis;
    }

    /** Cluster mode: the claims that decide which node takes each remote file. */
    public void setClaims(IdempotentRepository claims) {
        this.claims = claims;
    }

    /** Deletes the files the recognition of this exchange created (never files that were there before). */
    private static int discardRecords(Exchange exchange) {
        List<Path> created = Outbox.createdFiles(exchange);
        int removed = 0;
        for (Path p : created) {
            try {
                if (Files.deleteIfExists(p)) {
                    removed++;
                }
            } catch (IOException e) {
                LOG.warn("A record of a changed SFTP file could not be removed ({})", e.getClass().getSimpleName());
            }
        }
        return removed;
    }

    /** The remote file as it is now; null when it is gone. */
    private static SftpRemoteFile stat(GenericFileOperations<SftpRemoteFile> operations,
            GenericFile<SftpRemoteFile> file) {
        return stat(operations, file.getAbsoluteFilePath());
    }

    /** The remote file at this path as it is now; null when there is none. */
    static SftpRemoteFile stat(GenericFileOperations<SftpRemoteFile> operations, String path) {
        String nameOnly = path.substring(path.lastIndexOf('/') + 1);
        Object[] found;
        try {
            // as Camel's changed read lock does with fastExistsCheck: list the one path (ls on a file)
            found = operations.listFiles(path);
        } catch (GenericFileOperationFailedException e) {
            if (e.getCause() instanceof SftpException se && se.id == NO_SUCH_FILE) {
                return null;
            }
            throw e;
        }
        for (Object o : found) {
            SftpRemoteFile rf = (SftpRemoteFile) o;
            if (rf.getFilename().equals(nameOnly) || rf.getFilename().equals(path)) {
                return rf;
            }
        }
        return null;
    }

    /** The strategy Camel builds for this endpoint when no processStrategy is given, from the same options. */
    private GenericFileProcessStrategy<SftpRemoteFile> camelStrategy(GenericFileEndpoint<SftpRemoteFile> endpoint) {
        return camelStrategies.computeIfAbsent(endpoint, e -> {
            Map<String, Object> params = new HashMap<>();
            if (e.isNoop()) {
                params.put("noop", "true");
            }
            if (e.isDelete()) {
                params.put("delete", "true");
            }
            putIfSet(params, "move", e.getMove());
            putIfSet(params, "moveFailed", e.getMoveFailed());
            putIfSet(params, "preMove", e.getPreMove());
            putIfSet(params, "exclusiveReadLockStrategy", e.getExclusiveReadLockStrategy());
            putIfSet(params, "readLock", e.getReadLock());
            if (e.getReadLockCheckInterval() > 0) {
                params.put("readLockCheckInterval", e.getReadLockCheckInterval());
            }
            if (e.getReadLockTimeout() > 0) {
                params.put("readLockTimeout", e.getReadLockTimeout());
            }
            params.put("readLockMarkerFile", e.isReadLockMarkerFile());
            params.put("readLockMinLength", e.getReadLockMinLength());
            params.put("readLockMinAge", e.getReadLockMinAge());
            params.put("readLockLoggingLevel", e.getReadLockLoggingLevel());
            if (e instanceof RemoteFileEndpoint<?> remote) {
                params.put("fastExistsCheck", remote.isFastExistsCheck());
            }
            GenericFileProcessStrategy<SftpRemoteFile> strategy =
                    new SftpProcessStrategyFactory().createGenericFileProcessStrategy(e.getCamelContext(), params);
            if (strategy instanceof CamelContextAware aware) {
                aware.setCamelContext(e.getCamelContext());
            }
            ServiceHelper.startService(strategy);
            return strategy;
        });
    }

    private static void putIfSet(Map<String, Object> params, String key, Object value) {
        if (value != null) {
            params.put(key, value);
        }
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
