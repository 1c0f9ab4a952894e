package dev.ocrbridge.intake;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import dev.ocrbridge.operations.CauseSummary;
import dev.ocrbridge.operations.ChannelHealthCheck;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import jakarta.mail.FolderClosedException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handler of the IMAP and SFTP consumers ({@code exceptionHandler=#ocrChannelExceptions}), in
 * place of Camel's {@code LoggingExceptionHandler}, which logs a full stack trace for every failed poll and for
 * every queued file whose download or remote move fails when the connection drops, with Camel's message (which
 * names the remote file and the server).
 *
 * <ul>
 *   <li>A failed poll was already judged by the channel's poll strategy ({@link ChannelGuard}): nothing more
 *   is logged here (DEBUG only).</li>
 *   <li>A file or message whose step failed because the server went away is an outage of the channel: it goes
 *   to the {@link ChannelHealthCheck}, which logs one line for the whole outage.</li>
 *   <li>Anything else is logged as one WARN line without a stack trace: the step, the image's short SHA-256
 *   when known, and a {@link CauseSummary}; never Camel's message, a file name or a mail address.</li>
 * </ul>
 */
public class ChannelExceptionHandler implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelExceptionHandler.class);

    private ChannelHealthCheck health;

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange == null) {
            LOG.debug("A poll failed ({}); reported by the channel's poll strategy", CauseSummary.of(exception));
            return;
        }
        String routeId = exchange.getFromRouteId() != null ? exchange.getFromRouteId() : "?";
        String channel = channelOf(exchange);
        if (isConnectionProblem(exception) && health != null) {
            health.failed(routeId, channel, exception);
            return;
        }
        RecognitionJob job = RecognitionIntake.job(exchange);
        LOG.warn("{} intake {}: {} failed{} ({})", channel, routeId, stepOf(message),
                job == null ? "" : " for the image with SHA-256 " + job.source().sha256().substring(0, 12),
                CauseSummary.of(exception));
    }

    /** The step Camel was at, from the start of its message (the rest of which may name the file). */
    private static String stepOf(String message) {
        if (message == null) {
            return "a step";
        }
        if (message.startsWith("Error during commit") || message.startsWith("Error occurred during committing")) {
            return "settling the source after recognition";
        }
        if (message.startsWith("Error during rollback") || message.startsWith("Error occurred during rolling back")) {
            return "putting the source back";
        }
        if (message.startsWith("Error processing file") || message.startsWith("Error processing exchange")) {
            return "processing";
        }
        if (message.contains("cannot begin processing")) {
            return "taking a file";
        }
        return "a step";
    }

    private static String channelOf(Exchange exchange) {
        String uri = exchange.getFromEndpoint() == null ? "" : exchange.getFromEndpoint().getEndpointUri();
        return uri.startsWith("sftp:") ? "SFTP" : uri.startsWith("imap") || uri.startsWith("pop3") ? "Mail" : "Intake";
    }

    /** The server or the connection went away, as opposed to something wrong with this one file or message. */
    static boolean isConnectionProblem(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof IOException || c instanceof FolderClosedException || c instanceof StoreClosedException) {
                return true;
            }
            if (c instanceof JSchException && !SftpConnectionGuard.loginRefused(c)) {
                return true;
            }
            if (c instanceof SftpException se && (se.id == 6 || se.id == 7)) { // NO_CONNECTION, CONNECTION_LOST
                return true;
            }
        }
        return false;
    }

    public void setHealth(ChannelHealthCheck health) {
        this.health = health;
    }
}
