package dev.ocrbridge.intake;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.SpooledImage;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a dropped file: checks again, now, that it is a regular file inside its inbox (it may have been swapped
 * for a link since it was listed), copies its bytes to a private spool file without following a link, and arranges
 * for the source to be settled against exactly those bytes when the exchange is done ({@link InboxCommit}), and
 * the copy removed after. The copy ({@link SpooledImage}) becomes the message body, so recognition sees what was
 * read here and nothing else, and no image is held in the heap while it waits for its turn.
 *
 * <p>A file that can no longer be taken is left alone: the exchange stops here, and the inbox sweep reports it. A
 * file that the spool cannot copy (a full disk) stays in the inbox and halts its action as a storage failure.
 * A file that cannot be read keeps Camel's body, whose read fails in recognition as {@code Source.Unreadable}.
 *
 * <p>A PNG or JPEG whose end is not there yet ({@link IncompleteImages}) is a copy that paused for longer than the
 * settle time: it is left in the inbox, held back until it changes, and taken as it is (then dead-lettered as
 * truncated) only once it has stayed unchanged for {@code ocrbridge.incomplete-max-age}.
 */
public class InboxClaim implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InboxClaim.class);

    private InboxCommit commit;
    private InboxLedger ledger;
    private long incompleteMaxAgeMillis = IncompleteImages.DEFAULT_MAX_AGE_MILLIS;

    @Override
    public void process(Exchange exchange) {
        GenericFile<?> file = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        if (file == null || !(file.getFile() instanceof File listed)) {
            return; // not from a file consumer: nothing to claim
        }
        Path path = listed.toPath().toAbsolutePath();
        OcrAction action = OcrAction.find(exchange.getMessage().getHeader(OcrHeaders.ACTION, String.class))
                .orElse(null);
        ClaimedFile claim;
        try {
            claim = ClaimedFile.take(InboxEntries.realInbox(path.getParent()), path, commit.spool(),
                    commit.imageLimit(action));
        } catch (ImageSpool.NotSpooled e) {
            commit.notSpooled(path, action, e);
            exchange.setRouteStop(true);
            return;
        } catch (InterruptedIOException e) {
            LOG.info("Stopped while a dropped file was being taken; it stays in the inbox");
            exchange.setRouteStop(true);
            return;
        }
        if (claim == null) {
            LOG.warn("A file was removed or swapped for something else after it was listed; it was not taken");
            exchange.setRouteStop(true);
            return;
        }
        if (stillBeingWritten(claim)) {
            claim.release();
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(ClaimedFile.PROPERTY, claim);
        if (claim.readable()) {
            exchange.getMessage().setBody(claim.image());
        }
        if (claim.tooLarge()) {
            // recognition refuses it as LimitExceeded.TooLargeFileError from its size on disk, read no further
            exchange.getMessage().setHeader(OcrHeaders.SOURCE_BYTES, claim.size());
        }
        exchange.getExchangeExtension().addOnCompletion(new Settle(claim));
    }

    /**
     * Whether the claimed file is an image still being written and young enough to be waited for; if so, it is
     * held back in the version that was read (a file that changed since is simply taken again at the next poll).
     */
    private boolean stillBeingWritten(ClaimedFile claim) {
        long modified = claim.modified().toMillis();
        try {
            if (!claim.readable() || !IncompleteImages.truncated(claim.image())
                    || !IncompleteImages.stillWaitedFor(modified, incompleteMaxAgeMillis, System.currentTimeMillis())) {
                return false;
            }
        } catch (IOException e) {
            return false; // the private copy cannot be read: recognition reports it
        }
        BasicFileAttributes now = InboxEntries.attributes(claim.path());
        if (ledger != null && now != null && now.size() == claim.size()
                && now.lastModifiedTime().toMillis() == modified) {
            ledger.holdBack(claim.path(), now, modified + incompleteMaxAgeMillis);
        }
        LOG.info("A dropped image is not complete yet (no end marker, {} bytes); it stays in the inbox and is taken "
                + "once it changes, or as it is after {} s unchanged", claim.size(), incompleteMaxAgeMillis / 1000);
        return true;
    }

    /** Runs before every other completion, so that the names the result writer claimed are still held meanwhile. */
    private final class Settle implements Synchronization, Ordered {
        private final ClaimedFile claim;

        Settle(ClaimedFile claim) {
            this.claim = claim;
        }

        @Override
        public void onComplete(Exchange exchange) {
            try {
                commit.settle(exchange);
            } finally {
                claim.release();
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            // a halt: the file stays in the inbox, untouched; the copy goes
            claim.release();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }
    }

    public void setCommit(InboxCommit commit) {
        this.commit = commit;
    }

    public void setLedger(InboxLedger ledger) {
        this.ledger = ledger;
    }

    public void setIncompleteMaxAgeMillis(long incompleteMaxAgeMillis) {
        this.incompleteMaxAgeMillis = incompleteMaxAgeMillis;
    }
}
