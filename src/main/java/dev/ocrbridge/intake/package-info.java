/**
 * The channels that take images: the file drop (what may be taken, the claim, the commit that archives exactly
 * what was recognized, the sweep of names that cannot be taken), IMAP attachments and SFTP folders (their poll
 * strategies, login and host-key halts, the check before a remote move).
 */
package dev.ocrbridge.intake;
