package dev.ocrbridge.intake;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Lets the file-drop consumer list only what it can take safely: a regular file directly in the inbox, judged by
 * the real path of the file Camel would actually read and move. Camel addresses a file by a path in which it has
 * turned every {@code \} of the name into {@code /}, so {@code sub\..\..\secret.png} or {@code lnk\x.png}
 * would address a file outside the inbox: the path Camel would use must resolve to the very entry listed, whose
 * parent is the inbox. Names that cannot be taken as they are and entries that are not regular files are left
 * to {@link InboxSweeper}, which dead-letters or reports them; files held back after a failed settle stay out
 * until they change.
 */
public class InboxFileFilter implements GenericFileFilter<Object> {

    private InboxLedger ledger;

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory() || !(file.getFile() instanceof File raw)) {
            return false;
        }
        if (InboxEntries.unacceptableName(raw.getName()).isPresent()) {
            return false;
        }
        Path listed = raw.toPath().toAbsolutePath();
        Path inboxReal = InboxEntries.realInbox(listed.getParent());
        Path camelView = Path.of(file.getAbsoluteFilePath()).toAbsolutePath();
        if (inboxReal == null || !InboxEntries.regularFileInside(inboxReal, camelView)
                || !camelView.normalize().equals(listed.normalize())) {
            return false;
        }
        return ledger == null || !ledger.isHeldBack(listed, InboxEntries.attributes(listed));
    }

    public void setLedger(InboxLedger ledger) {
        this.ledger = ledger;
    }
}
