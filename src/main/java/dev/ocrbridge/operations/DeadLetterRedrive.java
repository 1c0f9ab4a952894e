package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.DataFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Moves the originals of one dead-letter folder ({@code dead-letter/<doc>/<Code>/}) back into the action's inbox,
 * under the names they have there. Each {@code .error.json} is removed with its original: the error was the last
 * try's, a new failure writes its own, and a file that holds the API's message is not kept longer than it is of use.
 *
 * <p>An original whose name is taken in the inbox stays where it is (a file waiting there is never replaced). The
 * move is a hard link then a delete, so it never replaces a file that appears meanwhile and the file consumer never
 * sees half a file; where the file system has no hard links, a plain move that refuses an existing target.
 */
public final class DeadLetterRedrive {

    /** How many went back, and how many stayed because their name is taken in the inbox. */
    public record Result(int redriven, int nameTaken) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final DataFolders folders;

    public DeadLetterRedrive(DataFolders folders) {
        this.folders = folders;
    }

    /**
     * Whether {@code code} can name a dead-letter folder: Tencent's codes ({@code FailedOperation.ImageNoText}) and
     * ocrbridge's alike, {@code [A-Za-z0-9._-]}, never {@code ..} (a caller's text must not reach another folder).
     */
    public static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches() && !code.contains("..") && !code.equals(".");
    }

    /** Moves the originals of {@code dead-letter/<doc>/<code>/} back; a code that {@link #isCode} refuses is an error. */
    public Result redrive(OcrAction action, String code) {
        if (!isCode(code)) {
            throw new IllegalArgumentException("not an error code");
        }
        Path folder = folders.deadLetters(action).resolve(code);
        if (!folder.getParent().equals(folders.deadLetters(action)) || !Files.isDirectory(folder,
                LinkOption.NOFOLLOW_LINKS)) {
            return new Result(0, 0);
        }
        Path inbox = folders.inbox(action);
        int redriven = 0;
        int taken = 0;
        try {
            Files.createDirectories(inbox);
            for (Path original : originals(folder)) {
                if (moveInto(original, inbox.resolve(original.getFileName().toString()))) {
                    Files.deleteIfExists(errorFileOf(original));
                    redriven++;
                } else {
                    taken++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Dead letters could not be moved back: " + e.getClass().getSimpleName(),
                    new IOException(e.getClass().getName()));
        }
        return new Result(redriven, taken);
    }

    private static List<Path> originals(Path folder) throws IOException {
        List<Path> originals = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                        && !entry.getFileName().toString().endsWith(Backlog.ERROR_FILE_SUFFIX)) {
                    originals.add(entry);
                }
            }
        }
        return originals;
    }

    private static Path errorFileOf(Path original) {
        return original.resolveSibling(original.getFileName() + Backlog.ERROR_FILE_SUFFIX);
    }

    /** False when the target's name is taken. */
    private static boolean moveInto(Path original, Path target) throws IOException {
        try {
            Files.createLink(target, original);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            try {
                Files.move(original, target);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
        Files.delete(original);
        return true;
    }
}
