package dev.ocrbridge.intake;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote files moved to the processed folder ({@code move=.done}), watched for a while after the move. An uploader
 * that paused for longer than the settle time, after a whole image but before its last bytes, sees nothing of the
 * move: SFTP writes go to the open handle, so the rest lands in the moved copy, where no poll would look. Each poll
 * ({@link SftpConnectionGuard}) looks at the copies moved within {@code ocrbridge.incomplete-max-age}; one that grew
 * or changed since it was taken is moved back under its name, to be taken again as new content once it has settled
 * (the result of the version read stays: it was recognized and billed, as for the file drop).
 *
 * <p>Only this node's moves are watched, kept in memory: an upload that resumes across a restart is not seen.
 */
public class SftpMovedCopies {

    private static final Logger LOG = LoggerFactory.getLogger(SftpMovedCopies.class);

    /** A moved copy: where it went, where it came from, what it was when taken, and until when it is watched. */
    private record Moved(String original, long size, long modified, long untilMillis) {
    }

    private final Map<GenericFileEndpoint<?>, Map<String, Moved>> watched = new ConcurrentHashMap<>();

    void watch(GenericFileEndpoint<?> endpoint, String movedPath, String originalPath, long size, long modified,
            long untilMillis) {
        watched.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .put(movedPath, new Moved(originalPath, size, modified, untilMillis));
    }

    /** Runs on the consumer's thread after a poll, over its own connection. */
    void recheck(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<?> endpoint) {
        Map<String, Moved> copies = watched.get(endpoint);
        if (copies == null || copies.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Iterator<Map.Entry<String, Moved>> it = copies.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Moved> e = it.next();
            Moved m = e.getValue();
            try {
                SftpRemoteFile copy = SftpUnchangedCommit.stat(operations, e.getKey());
                if (copy == null) {
                    it.remove(); // removed or moved on by someone else
                } else if (copy.getFileLength() != m.size() || copy.getLastModified() != m.modified()) {
                    if (SftpUnchangedCommit.stat(operations, m.original()) == null
                            && operations.renameFile(e.getKey(), m.original())) {
                        it.remove();
                        LOG.info("SFTP intake: a remote file grew or changed after it was taken and moved ({} -> {} "
                                + "bytes); moved back to be taken again as new content", m.size(), copy.getFileLength());
                    } // else a new file of that name is there: tried again at the next poll
                } else if (now >= m.untilMillis()) {
                    it.remove();
                }
            } catch (GenericFileOperationFailedException ex) {
                // the server went away: the consumer's own handling reports it; looked at again next poll
                return;
            }
        }
    }
}
