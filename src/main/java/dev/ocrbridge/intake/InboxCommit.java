package dev.ocrbridge.intake;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.outbox.AtomicFiles;
import dev.ocrbridge.outbox.Outbox;
import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.PrivateFiles;
import dev.ocrbridge.recognition.ProcessFolder;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a file taken from an inbox once its exchange is done: it goes to the archive or dead-letter path the
 * recognition route chose, but only as the bytes that were recognized. The file is moved first and checked
 * where it landed (so a writer cannot slip a change in between a check and the move), by its status on disk when
 * that proves it untouched since it was taken ({@link ClaimedFile#untouched()}, asked right before the move), by
 * its bytes otherwise; if it no longer holds the claimed bytes it goes back to the inbox, to be taken again as new
 * content, and:
 * <ul>
 *   <li>for a result, the bytes that were recognized (the claim's private copy) are written to the archive
 *   instead;</li>
 *   <li>for a dead-letter record, the record is removed: it was about a version that no longer exists.</li>
 * </ul>
 * Nothing is lost and nothing is archived that was not recognized. A file that cannot be moved at all (a full
 * disk, permissions) stays in the inbox and halts its action with {@code Storage.WriteFailed}, one log line.
 */
public class InboxCommit {

    private static final Logger LOG = LoggerFactory.getLogger(InboxCommit.class);
    private static final String ERROR_SUFFIX = ".error.json";

    private OcrSettings settings;
    private InboxLedger ledger;
    private HaltSwitch haltSwitch;

    /** Settles the exchange's claimed file; does nothing for a failed exchange (a halt: the file stays). */
    public void settle(Exchange exchange) {
        ClaimedFile claim = exchange.getProperty(ClaimedFile.PROPERTY, ClaimedFile.class);
        String destination = exchange.getMessage().getHeader(Outbox.DESTINATION_HEADER, String.class);
        if (claim == null || exchange.isFailed()) {
            return;
        }
        boolean deadLetter = "dead-lettered".equals(exchange.getMessage().getHeader(OcrHeaders.OUTCOME, String.class));
        OcrAction action = OcrAction.find(exchange.getMessage().getHeader(OcrHeaders.ACTION, String.class)).orElse(null);
        if (destination != null) {
            settle(claim, Path.of(destination), deadLetter, label(exchange), action);
        } else if (deadLetter) {
            // delivered to a dead-letter endpoint of the operator's choice (a queue, a table): that is its place now
            handedOver(claim, label(exchange), action);
        }
    }

    /**
     * Removes a file whose bytes a dead-letter endpoint took, if it still holds them: moved aside first and checked
     * there, like {@link #settle}, so a file changed meanwhile goes back to the inbox as new content.
     */
    private void handedOver(ClaimedFile claim, String kind, OcrAction action) {
        Path source = claim.path();
        try {
            Path aside = ProcessFolder.in(settings.folders().staging()).path()
                    .resolve(UUID.randomUUID() + ".delivered");
            boolean untouched = claim.untouched();
            try {
                Files.move(source, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                return; // removed by someone else meanwhile: the endpoint has the bytes that were read
            }
            if (claim.heldBy(aside, untouched)) {
                Files.delete(aside);
                return;
            }
            returnToInbox(aside, source);
            LOG.warn("{}: image {} changed after it was taken; the new content stays in the inbox to be taken again",
                    kind, claim.shortHash());
        } catch (IOException e) {
            storageFailed(claim, kind, action, e);
        }
    }

    void settle(ClaimedFile claim, Path destination, boolean deadLetter, String kind, OcrAction action) {
        Path source = claim.path();
        try {
            PrivateFiles.createDirectories(destination.getParent());
            // asked before the move, which sets the file's change time
            boolean untouched = claim.untouched();
            try {
                Files.move(source, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
                // removed by someone else while it was processed: keep what was read, where it was meant to go
                if (claim.readable() && !claim.tooLarge()) {
                    write(destination, claim);
                }
                LOG.info("{}: image {} left the inbox while it was processed; the bytes read were kept", kind,
                        claim.shortHash());
                return;
            } catch (AtomicMoveNotSupportedException e) {
                settleAcrossDisks(claim, destination, deadLetter, kind);
                return;
            }
            if (claim.heldBy(destination, untouched)) {
                restrict(destination, kind);
                return;
            }
            // changed after it was taken: the new content is another image and goes back to be taken again
            returnToInbox(destination, source);
            keepWhatWasProcessed(claim, destination, deadLetter);
            LOG.warn("{}: image {} changed after it was taken; {} and the new content stays in the inbox to be "
                    + "taken again", kind, claim.shortHash(), deadLetter
                    ? "its dead-letter record was dropped" : "the recognized bytes were archived");
        } catch (IOException e) {
            storageFailed(claim, kind, action, e);
        }
    }

    private void storageFailed(ClaimedFile claim, String kind, OcrAction action, IOException e) {
        if (action != null && haltSwitch != null) {
            // a storage failure like any other (issue: every path halts): the file stays in the inbox, and after
            // the resume it is taken again and settled from its recorded answer, not sent again
            LOG.error("{}: image {} could not be moved out of the inbox ({}); it stays there", kind,
                    claim.shortHash(), e.getClass().getSimpleName());
            haltSwitch.halt(action, ErrorCodes.STORAGE_FAILED, null);
            return;
        }
        Path source = claim.path();
        ledger.holdBack(source, InboxEntries.attributes(source));
        LOG.error("{}: image {} could not be moved out of the inbox ({}); it stays there and is not taken again "
                + "until it changes or the service restarts", kind, claim.shortHash(), e.getClass().getSimpleName());
    }

    /**
     * A moved file keeps the mode its dropper gave it (often readable by every local user): it gets the data
     * folder's 0600. A file of another owner cannot be changed; its folder (0700) still keeps others out.
     */
    private static void restrict(Path moved, String kind) {
        try {
            PrivateFiles.restrict(moved);
        } catch (IOException e) {
            LOG.warn("{}: the mode of a settled image could not be made private ({}); its folder is", kind,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * A file could not be taken because the spool cannot hold its copy (a full disk): a storage failure like any
     * other, so its action halts with {@code Storage.WriteFailed} and the file stays in the inbox, taken again
     * after the resume. Nothing of it is held in the heap meanwhile.
     */
    void notSpooled(Path file, OcrAction action, ImageSpool.NotSpooled e) {
        if (action != null && haltSwitch != null) {
            LOG.error("{}: an image could not be taken from the inbox: its copy could not be written ({}); it stays "
                    + "there", action, e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
            haltSwitch.halt(action, ErrorCodes.STORAGE_FAILED, null);
            return;
        }
        ledger.holdBack(file, InboxEntries.attributes(file));
        LOG.error("An image could not be taken from the inbox: its copy could not be written ({}); it stays there and "
                + "is not taken again until it changes or the service restarts",
                e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
    }

    /** The most bytes an image of the action may have: a claim reads one more at most. */
    long imageLimit(OcrAction action) {
        return action == null ? Long.MAX_VALUE : settings.action(action).maxImageBytes();
    }

    /** The inbox is on another disk than the destination: write the claimed bytes there, then remove the source. */
    private void settleAcrossDisks(ClaimedFile claim, Path destination, boolean deadLetter, String kind)
            throws IOException {
        if (!claim.readable() || claim.tooLarge()) {
            // the copy holds none, or only the first bytes, of the file: the file itself is not copied here
            throw new IOException("only a file read whole is copied across disks");
        }
        if (claim.heldBy(claim.path())) {
            write(destination, claim);
            Files.delete(claim.path());
            return;
        }
        keepWhatWasProcessed(claim, destination, deadLetter);
        LOG.warn("{}: image {} changed after it was taken; it stays in the inbox to be taken again", kind,
                claim.shortHash());
    }

    private void keepWhatWasProcessed(ClaimedFile claim, Path destination, boolean deadLetter) throws IOException {
        if (deadLetter || !claim.readable()) {
            Files.deleteIfExists(destination.resolveSibling(destination.getFileName() + ERROR_SUFFIX));
            return;
        }
        write(destination, claim);
    }

    /**
     * Puts a file back under its inbox name; if a new file took that name meanwhile, under the name with the
     * first 12 hex digits of a random id added, as ocrbridge names any second file of a name.
     */
    private static void returnToInbox(Path file, Path inboxName) throws IOException {
        try {
            // no ATOMIC_MOVE: rename(2) would replace a file that was dropped under this name meanwhile
            Files.move(file, inboxName);
        } catch (FileAlreadyExistsException e) {
            String name = inboxName.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String tag = "." + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Files.move(file, inboxName.resolveSibling(dot > 0 ? name.substring(0, dot) + tag + name.substring(dot)
                    : name + tag));
        }
    }

    /**
     * The claimed bytes (the private copy), staged on the same disk, forced, and moved into place in one step, like
     * every other file ocrbridge writes.
     */
    private void write(Path target, ClaimedFile claim) throws IOException {
        AtomicFiles.write(settings.folders().staging(), target, claim.image(), false);
    }

    /** Where claims keep their private copies. */
    public ImageSpool spool() {
        return settings.spool();
    }

    private static String label(Exchange exchange) {
        String action = exchange.getMessage().getHeader(OcrHeaders.ACTION, String.class);
        return action == null ? "file drop" : action;
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setLedger(InboxLedger ledger) {
        this.ledger = ledger;
    }
}
