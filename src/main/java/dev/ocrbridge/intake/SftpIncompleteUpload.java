package dev.ocrbridge.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of the SFTP intake route ({@code ocrSftpIncomplete}): a downloaded PNG or JPEG whose end is not
 * there yet ({@link IncompleteImages}) is an upload that paused for longer than the settle time. Unless it has
 * stayed unchanged for {@code ocrbridge.incomplete-max-age} (its remote modification time says so), the exchange
 * stops here, marked {@link #PROPERTY}: {@link SftpUnchangedCommit} then leaves the remote file where it is and
 * does not download that version again; the upload's next bytes make it a new version, taken once settled.
 */
public class SftpIncompleteUpload implements Processor {

    /** Exchange property: the downloaded version is an upload still under way. */
    static final String PROPERTY = "CamelOcrBridgeSftpIncomplete";

    private long maxAgeMillis = IncompleteImages.DEFAULT_MAX_AGE_MILLIS;

    @Override
    public void process(Exchange exchange) throws IOException {
        Long modified = exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        if (modified == null || !IncompleteImages.stillWaitedFor(modified, maxAgeMillis, System.currentTimeMillis())) {
            return;
        }
        String local = exchange.getMessage().getHeader(Exchange.FILE_LOCAL_WORK_PATH, String.class);
        boolean truncated;
        if (local != null) {
            truncated = IncompleteImages.truncated(Path.of(local));
        } else {
            byte[] bytes = exchange.getMessage().getBody(byte[].class);
            truncated = bytes != null && IncompleteImages.truncated(ByteBuffer.wrap(bytes));
        }
        if (truncated) {
            exchange.setProperty(PROPERTY, Boolean.TRUE);
            exchange.setRouteStop(true);
        }
    }

    public void setMaxAgeMillis(long maxAgeMillis) {
        this.maxAgeMillis = maxAgeMillis;
    }
}
