package dev.ocrbridge.intake;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.Failures;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;

/**
 * The poll strategy of the mail intake routes (routes/mail.xml, {@code pollStrategy=#ocrMailGuard}). A server
 * that is away or a folder that is missing is an outage (see {@link ChannelGuard}: one log line each way, health
 * DOWN meanwhile). A login the IMAP server refuses halts the action's intake with
 * {@link ErrorCodes#LOGIN_REFUSED}: the same password would be refused on every poll and could lock the mailbox.
 */
public class MailConnectionGuard extends ChannelGuard {

    @Override
    protected String channel() {
        return "Mail";
    }

    /**
     * A missing folder: close the consumer's store. camel-mail keeps the store and the folder it did not find, so
     * its next poll skips the check, fails to open the folder, logs a warning of its own and counts as a poll
     * that succeeded: health would flap UP every other poll and the back-off would never start. With the store
     * closed, every poll reconnects and fails the same way until the folder exists.
     */
    @Override
    protected void afterFailedPoll(Throwable cause) {
        Folder folder = Failures.find(cause, FolderNotFoundException.class).map(FolderNotFoundException::getFolder).orElse(null);
        if (folder != null && folder.getStore() != null) {
            try {
                folder.getStore().close();
            } catch (MessagingException e) {
                // already closed or the server is gone: the next poll reconnects either way
            }
        }
    }

    @Override
    protected String haltCode(Throwable cause) {
        return Failures.find(cause, AuthenticationFailedException.class).isPresent() ? ErrorCodes.LOGIN_REFUSED : null;
    }
}
