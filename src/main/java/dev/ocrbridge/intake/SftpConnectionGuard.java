package dev.ocrbridge.intake;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import java.util.Optional;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy of the SFTP intake routes (routes/sftp.xml, {@code pollStrategy=#ocrSftpGuard}). A server
 * that is away is an outage (see {@link ChannelGuard}). Two failures halt the action's intake instead:
 * <ul>
 *   <li>the server's host key is not the one in the known_hosts file (changed, or the host is not listed):
 *   {@link #HOST_KEY_REJECTED}. Nothing is downloaded from a server that may not be the one configured;</li>
 *   <li>the server refused the login (JSch's {@code Auth fail} / {@code Auth cancel}): {@link #LOGIN_REFUSED}.
 *   Logging in again every poll with the same wrong password or key would look like an attack to the server
 *   (fail2ban, account lockout) and never succeed.</li>
 * </ul>
 * Health turns DOWN with the reason, and an operator resumes once the configuration is right.
 *
 * <p>After each poll that succeeded, the remote files moved in the last while are looked at again over the
 * consumer's connection ({@link SftpUnchangedCommit#afterPoll}): one that grew since it was taken goes back.
 */
public class SftpConnectionGuard extends ChannelGuard {

    /** The halt code of a rejected SFTP host key. */
    public static final String HOST_KEY_REJECTED = "Transport.HostKeyRejected";
    /** The halt code of a login the SFTP server refused. */
    public static final String LOGIN_REFUSED = ErrorCodes.LOGIN_REFUSED;

    private static final Logger LOG = LoggerFactory.getLogger(SftpConnectionGuard.class);

    private SftpUnchangedCommit processing;

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        super.commit(consumer, endpoint, polledMessages);
        if (processing != null && endpoint instanceof GenericFileEndpoint<?> files) {
            processing.afterPoll(files);
        }
    }

    /** The SFTP routes' process strategy, whose moved copies are looked at after each poll. */
    public void setProcessing(SftpUnchangedCommit processing) {
        this.processing = processing;
    }

    @Override
    protected String channel() {
        return "SFTP";
    }

    @Override
    protected String haltCode(Throwable cause) {
        Optional<JSchHostKeyException> hostKey = Failures.find(cause, JSchHostKeyException.class);
        if (hostKey.isPresent()) {
            String what = hostKey.get() instanceof JSchChangedHostKeyException
                    ? "has CHANGED since it was recorded in known_hosts (possible man-in-the-middle)"
                    : "is not accepted by the known_hosts file (host not listed, or the key was revoked)";
            LOG.error("SFTP intake: the server's host key {}. Nothing was downloaded.", what);
            return HOST_KEY_REJECTED;
        }
        return loginRefused(cause) ? LOGIN_REFUSED : null;
    }

    /**
     * JSch reports a refused login as a JSchException whose message starts "Auth fail" or "Auth cancel" (its
     * subclasses for these are not public).
     */
    static boolean loginRefused(Throwable cause) {
        int depth = 0;
        for (Throwable c = cause; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof JSchException && c.getMessage() != null
                    && (c.getMessage().startsWith("Auth fail") || c.getMessage().startsWith("Auth cancel"))) {
                return true;
            }
        }
        return false;
    }
}
