package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import java.nio.file.Path;

/** The folder contract of PRODUCT.md under {@code ocrbridge.data-dir}. */
public final class DataFolders {

    private final Path root;

    public DataFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path inbox(OcrAction action) {
        return root.resolve("inbox").resolve(action.documentKind());
    }

    public Path outbox(OcrAction action) {
        return root.resolve("outbox").resolve(action.documentKind());
    }

    public Path archive(OcrAction action) {
        return root.resolve("archive").resolve(action.documentKind());
    }

    /** The dead-letter folders of one document kind, one per error code below it. */
    public Path deadLetters(OcrAction action) {
        return root.resolve("dead-letter").resolve(action.documentKind());
    }

    public Path deadLetter(OcrAction action, String code) {
        return deadLetters(action).resolve(SafeNames.safe(code));
    }

    /**
     * ocrbridge's own bookkeeping: the record of answers, the staging area of atomic writes, the spool and the
     * SFTP downloads.
     */
    public Path state() {
        return root.resolve(".ocrbridge");
    }

    /** The record of answers ({@link AnswerStore}), one folder per document kind below it. */
    public Path answers() {
        return state().resolve("answers");
    }

    /** Shared by the processes on this data folder; each stages in a folder of its own below it. */
    public Path staging() {
        return state().resolve("staging");
    }

    /** Private copies of the images in flight ({@code ImageSpool}), on the same disk as the folders they end in. */
    public Path spool() {
        return state().resolve("spool");
    }

    /** The SFTP intake's downloads ({@code localWorkDirectory}), a folder of each process's own below it. */
    public Path sftpWork() {
        return state().resolve("sftp-work");
    }
}
