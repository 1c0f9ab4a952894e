package dev.ocrbridge.intake;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.SafeNames;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before each poll of an inbox, deals with what the file consumer cannot: it is the consumer's
 * {@code pollStrategy}, so it runs on the consumer's own thread, only while the route runs (not while the
 * action is halted).
 * <ul>
 *   <li>A file whose name cannot be taken as it is ({@link InboxEntries#unacceptableName}) is, once settled,
 *       dead-lettered under {@code Source.UnacceptableName} through the recognition route, under a generated
 *       name (the first 12 hex digits of its SHA-256 and an extension by its magic bytes), with one log line.</li>
 *   <li>A directory, a symbolic link, a pipe, a hard link (another name of a file that may be anywhere on the
 *       disk) or any other entry that is not a regular file of its own stays where it is and is reported once
 *       (by a hash of its name), until it goes away.</li>
 *   <li>An inbox folder that is missing or unreadable is reported once when it goes and once when it is back;
 *       it is not re-created (a vanished folder is usually an unmounted share: a new local folder in its place
 *       would take drops onto the wrong disk); {@link InboxHealthCheck} is DOWN meanwhile.</li>
 * </ul>
 */
public class InboxSweeper implements PollingConsumerPollStrategy, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(InboxSweeper.class);

    private final Map<OcrAction, Boolean> present = new ConcurrentHashMap<>();
    private OcrSettings settings;
    private InboxLedger ledger;
    private InboxCommit commit;
    private long settleMillis = 2000;
    private CamelContext camelContext;
    private String recognitionUri;
    private volatile ProducerTemplate template;
    /** Cluster mode: the file drop's claims, so that one node dead-letters each file; null on a single node. */
    private volatile IdempotentRepository claims;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (!(endpoint instanceof FileEndpoint file)) {
            return true;
        }
        Path inbox = file.getFile().toPath().toAbsolutePath().normalize();
        for (OcrAction action : OcrAction.values()) {
            if (settings.folders().inbox(action).equals(inbox)) {
                sweep(action, inbox, file.getExcludePattern());
            }
        }
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // nothing to do after a poll
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        // the message of a file operation's exception names the file: only its type is logged
        LOG.warn("Polling an inbox failed ({}); trying again at the next poll", cause.getClass().getSimpleName());
        return false;
    }

    void sweep(OcrAction action, Path inbox, Pattern exclude) {
        String kind = action.documentKind();
        Path real = InboxEntries.realInbox(inbox);
        boolean there = real != null && Files.isReadable(real);
        Boolean was = present.put(action, there);
        if (!there) {
            if (!Boolean.FALSE.equals(was)) {
                LOG.error("{}: the inbox folder inbox/{} is missing or unreadable; nothing is taken from it until it "
                        + "returns (it is not re-created)", kind, kind);
            }
            return;
        }
        if (Boolean.FALSE.equals(was)) {
            LOG.info("{}: the inbox folder inbox/{} is back", kind, kind);
        }
        String prefix = kind + "/";
        List<String> reportedNow = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(real)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || (exclude != null && exclude.matcher(name).matches())) {
                    continue; // an in-progress copy by convention
                }
                BasicFileAttributes attrs = InboxEntries.attributes(entry);
                if (attrs == null) {
                    continue; // gone since it was listed
                }
                if (!attrs.isRegularFile() || InboxEntries.hasOtherNames(entry)) {
                    String key = prefix + InboxEntries.nameHash(name) + "/" + type(attrs);
                    reportedNow.add(key);
                    if (ledger.firstReport(key)) {
                        LOG.warn("{}: an entry that is not a regular file of its own ({}, name hash {}) is in the "
                                + "inbox; it is not taken and stays where it is", kind, type(attrs),
                                InboxEntries.nameHash(name));
                    }
                    continue;
                }
                Optional<String> unacceptable = InboxEntries.unacceptableName(name);
                if (unacceptable.isPresent() && InboxEntries.settled(attrs, settleMillis, now)
                        && !ledger.isHeldBack(entry, attrs)) {
                    deadLetter(action, real, entry, unacceptable.get());
                }
            }
        } catch (IOException e) {
            LOG.warn("{}: the inbox folder could not be listed ({})", kind, e.getClass().getSimpleName());
        }
        ledger.retainReports(prefix, reportedNow);
    }

    /**
     * Sends the file through the recognition route, which refuses it at once under
     * {@code Source.UnacceptableName} and writes its error file, then settles it like any dropped file.
     */
    private void deadLetter(OcrAction action, Path inboxReal, Path entry, String reason) {
        IdempotentRepository cluster = claims;
        BasicFileAttributes attrs = InboxEntries.attributes(entry);
        if (cluster == null || attrs == null) {
            sweep(action, inboxReal, entry, reason);
            return;
        }
        // cluster mode: one node dead-letters it, like any file of a shared inbox (key as the file drop's claims)
        String key = entry.toAbsolutePath().normalize() + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis();
        if (!cluster.add(key)) {
            return;
        }
        try {
            sweep(action, inboxReal, entry, reason);
        } finally {
            cluster.remove(key);
        }
    }

    private void sweep(OcrAction action, Path inboxReal, Path entry, String reason) {
        ClaimedFile claim;
        try {
            claim = ClaimedFile.take(inboxReal, entry, settings.spool(), settings.action(action).maxImageBytes());
        } catch (ImageSpool.NotSpooled e) {
            commit.notSpooled(entry, action, e);
            return;
        } catch (InterruptedIOException e) {
            return; // stopped: the entry stays, and is reported again by the next sweep
        }
        if (claim == null) {
            return;
        }
        try {
            sweep(action, entry, reason, claim);
        } finally {
            claim.release();
        }
    }

    private void sweep(OcrAction action, Path entry, String reason, ClaimedFile claim) {
        String kind = action.documentKind();
        String safeName = claim.readable() ? SafeNames.generated(claim.image()) : "unreadable-"
                + InboxEntries.nameHash(entry.getFileName().toString()) + ImageFormat.UNKNOWN.fileExtension();
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.setProperty(ClaimedFile.PROPERTY, claim);
        exchange.getMessage().setBody(claim.image());
        if (claim.tooLarge()) {
            exchange.getMessage().setHeader(OcrHeaders.SOURCE_BYTES, claim.size());
        }
        exchange.getMessage().setHeader(OcrHeaders.ACTION, action.actionName());
        exchange.getMessage().setHeader(OcrHeaders.SOURCE_CHANNEL, "file");
        exchange.getMessage().setHeader(OcrHeaders.SOURCE_NAME, safeName);
        exchange.getMessage().setHeader(OcrHeaders.SOURCE_ORIGIN, "inbox/" + kind + "/" + safeName);
        exchange.getMessage().setHeader(OcrHeaders.UNACCEPTABLE_NAME, "the file's name cannot be taken as it is ("
                + reason + "); it was named " + safeName + " instead");
        // the original is settled here, not copied by the result writer
        exchange.getMessage().setHeader(Exchange.FILE_PATH, "inbox/" + kind + "/" + safeName);
        template().send(recognitionUri, exchange);
        if (exchange.isFailed()) {
            ledger.holdBack(entry, InboxEntries.attributes(entry));
            LOG.error("{}: a file whose name cannot be taken as it is ({}) could not be dead-lettered ({}); it stays "
                    + "in the inbox", kind, reason, exchange.getException().getClass().getSimpleName());
            return;
        }
        commit.settle(exchange);
        LOG.warn("{}: a file whose name cannot be taken as it is ({}) was dead-lettered as {}/{}", kind, reason,
                exchange.getMessage().getHeader(OcrHeaders.ERROR_CODE, String.class), safeName);
    }

    /** Where a file it takes is recognized: the recognition route's endpoint (configured beside the routes). */
    public void setRecognitionUri(String recognitionUri) {
        this.recognitionUri = recognitionUri;
    }

    /** Cluster mode: the claims of the shared inbox. */
    public void setClaims(IdempotentRepository claims) {
        this.claims = claims;
    }

    private static String type(BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
            return "a file with other names elsewhere: a hard link";
        }
        if (attrs.isDirectory()) {
            return "a directory";
        }
        return attrs.isSymbolicLink() ? "a symbolic link" : "a pipe, socket or device";
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camelContext.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setLedger(InboxLedger ledger) {
        this.ledger = ledger;
    }

    public void setCommit(InboxCommit commit) {
        this.commit = commit;
    }

    public void setSettleMillis(long settleMillis) {
        this.settleMillis = settleMillis;
    }
}
