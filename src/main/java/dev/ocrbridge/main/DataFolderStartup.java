package dev.ocrbridge.main;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognition.PrivateFiles;
import dev.ocrbridge.recognition.ProcessFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service does to its data folder before any route starts: makes the folders of the contract that are
 * missing, private (0700: before Camel's consumers would make them with the umask's mode), and removes what a
 * previous run that was killed left in its state folder: staging files of atomic writes, inbox files set aside
 * after delivery ({@code *.delivered}), spooled copies of images in flight and SFTP downloads. Those are only in
 * folders of processes that are gone ({@link ProcessFolder}): on a data folder shared by several nodes, the work
 * of the live ones stays. Every input those files came from is still at its source (the inbox, the mailbox, the
 * SFTP folder) or settled already.
 */
final class DataFolderStartup {

    private static final Logger LOG = LoggerFactory.getLogger(DataFolderStartup.class);

    private DataFolderStartup() {
    }

    /**
     * @return this process's own folder for SFTP downloads ({@code localWorkDirectory}), or the shared one when a
     *         folder of its own cannot be made now (a full disk: the downloads fail there too, and say so)
     */
    static Path prepare(DataFolders folders) {
        List<Path> contract = new ArrayList<>(List.of(folders.answers(), folders.staging(), folders.spool(),
                folders.sftpWork()));
        for (OcrAction action : OcrAction.values()) {
            contract.add(folders.inbox(action));
            contract.add(folders.outbox(action));
            contract.add(folders.archive(action));
            contract.add(folders.deadLetters(action));
        }
        for (Path folder : contract) {
            try {
                PrivateFiles.createDirectories(folder);
            } catch (IOException e) {
                // something else in its place, or no room: what needs the folder reports it when it does
            }
        }
        int removed = ProcessFolder.removeOrphans(folders.staging()) + ProcessFolder.removeOrphans(folders.spool())
                + ProcessFolder.removeOrphans(folders.sftpWork());
        if (removed > 0) {
            LOG.info("Removed {} leftover(s) of a stopped run from the data folder's state folder (.ocrbridge)",
                    removed);
        }
        try {
            return ProcessFolder.in(folders.sftpWork()).path();
        } catch (IOException e) {
            LOG.warn("No folder of this process's own could be made for SFTP downloads ({}); they go to {}",
                    e.getClass().getSimpleName(), folders.root().relativize(folders.sftpWork()));
            return folders.sftpWork();
        }
    }
}
