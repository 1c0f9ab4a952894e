package dev.ocrbridge.ingestion;

import dev.ocrbridge.errors.ErrorCodes;
import jakarta.mail.AuthenticationFailedException;

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

    @Override
    protected String haltCode(Throwable cause) {
        return find(cause, AuthenticationFailedException.class).isPresent() ? ErrorCodes.LOGIN_REFUSED : null;
    }
}
