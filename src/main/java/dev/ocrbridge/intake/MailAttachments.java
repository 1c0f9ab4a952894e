package dev.ocrbridge.intake;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.operations.OcrMetrics;
import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import dev.ocrbridge.recognition.SpooledImage;
import io.micrometer.core.instrument.Counter;
import jakarta.mail.Address;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one mail message for the mail intake routes (routes/mail.xml): finds its attachments, tells whether any
 * of them is an image, hands each attachment to recognition as a message of its own, and records what became of
 * it for the optional reply to the sender.
 *
 * <p><b>Which parts count as attachments.</b> Every leaf MIME part that has a file name, or a disposition of
 * {@code attachment}, or a content type other than {@code text/*}. So a screenshot pasted into an HTML body
 * (an inline {@code image/png} part) counts, and the text or HTML body never does. Forwarded messages
 * ({@code message/rfc822}) are opened and their parts counted the same way.
 *
 * <p><b>Image or not</b> is decided by the magic bytes ({@link ImageFormat#detect}), never by the declared
 * type or the file name. A message with no PNG, JPEG or PDF part (PDFs when {@code ocrbridge.pdf.max-pages} is
 * over 0) is set aside (moved to the configured IMAP folder, or only marked as read when none is configured) and
 * counted; nothing of it is sent. A message with at least one sends every attachment, so a GIF or a truncated JPEG
 * next to an image gets the same reject record as a dropped file; a PDF's pages are placed in the action's inbox
 * and recognized from there, as a dropped PDF's are.
 *
 * <p><b>Oversized attachments are not downloaded.</b> An attachment whose Base64 is known to be over the
 * action's {@code max-base64-bytes} is refused as soon as that is known: from the size the server declares for
 * a Base64-encoded part (no byte read but the first few, for the magic bytes), or else while reading, at the
 * first byte past the limit. It is dead-lettered as {@code LimitExceeded.TooLargeFileError} with an error file
 * and no copy (the original stays in the message); the message's other attachments are processed as usual.
 *
 * <p><b>At most {@code ocrbridge.mail.max-attachments} attachments a message</b> (20 by default). A message with
 * more is rejected whole under {@link ErrorCodes#TOO_MANY_ATTACHMENTS}: counted from its structure alone (nothing
 * is downloaded), set aside like a message without an image, one log line, and the sender told if replies are on.
 * Whole rather than its first N: which N would be "first" depends on how a client nests its parts, a sender
 * cannot tell which of their documents were read, and a hostile message costs one record instead of N downloads
 * and a dead letter for each of the rest. The sender splits it into several messages.
 *
 * <p><b>The reply</b> goes to the configured {@code ocrbridge.mail.reply.to}, else to the envelope sender
 * ({@code Return-Path}), else to {@code From}; never to the sender-chosen {@code Reply-To}, which would make
 * ocrbridge mail a third party on a stranger's behalf. Attachment names in it are escaped ({@link #replyName}).
 *
 * <p>The messages this bean builds carry only the action and the {@code CamelOcrBridgeSource*} headers: no mail
 * header (From, Subject, ...) ever reaches recognition or the HTTP call. Names, addresses and bytes are never
 * logged.
 */
public class MailAttachments implements CamelContextAware {

    /** Exchange property: the attachments of the message, one Camel message each, ready for recognition. */
    public static final String ATTACHMENTS = "CamelOcrBridgeMailAttachments";
    /** Exchange property: how many attachments are PNG or JPEG by magic bytes. */
    public static final String IMAGES = "CamelOcrBridgeMailImages";
    /** Exchange property: what became of each attachment (a {@link Outcomes}), for the reply. */
    public static final String OUTCOMES = "CamelOcrBridgeMailOutcomes";
    /** Exchange property: the address a reply goes to, or absent when the message must not be answered. */
    public static final String REPLY_TO = "CamelOcrBridgeMailReplyTo";
    /** Exchange property: the Message-ID of the message being read. */
    public static final String MESSAGE_ID = "CamelOcrBridgeMailMessageId";
    /** Exchange property: the code a whole message is rejected under, absent for a message that is read. */
    public static final String REJECTED = "CamelOcrBridgeMailRejected";
    /** The default of {@code ocrbridge.mail.max-attachments}. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 20;
    /** The longest attachment name a reply repeats, in code points. */
    private static final int REPLY_NAME_MAX = 80;

    private static final Logger LOG = LoggerFactory.getLogger(MailAttachments.class);
    private static final int MAX_DEPTH = 16;
    /** Enough of a refused attachment's first bytes to tell PNG or JPEG by their magic bytes. */
    private static final int HEAD_BYTES = 16;

    /** What became of each attachment of one message; shared by the split's parts (properties are shallow copies). */
    public static final class Outcomes {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        public List<String> lines() {
            return List.copyOf(lines);
        }
    }

    private CamelContext camelContext;
    private OcrMetrics metrics;
    private OcrSettings settings;
    private String noImageFolder = "";
    private String replyFrom = "";
    private String replyTo = "";
    private int maxAttachments = DEFAULT_MAX_ATTACHMENTS;
    private int pdfMaxPages;

    /** Reads the message on the exchange: sets {@link #ATTACHMENTS}, {@link #IMAGES} and the reply properties. */
    public void read(Exchange exchange) throws MessagingException, IOException {
        jakarta.mail.Message mail = mailOf(exchange);
        String action = exchange.getMessage().getHeader(OcrHeaders.ACTION, String.class);
        String messageId = first(mail.getHeader("Message-ID"));
        exchange.setProperty(MESSAGE_ID, messageId);
        String answerTo = replyAddress(mail, replyTo);
        if (answerTo != null) {
            exchange.setProperty(REPLY_TO, answerTo);
        }
        exchange.setProperty(OUTCOMES, new Outcomes());
        int attachments = countAttachments(mail, 0, maxAttachments + 1);
        if (attachments > maxAttachments) {
            exchange.setProperty(REJECTED, ErrorCodes.TOO_MANY_ATTACHMENTS);
            exchange.setProperty(ATTACHMENTS, List.of());
            exchange.setProperty(IMAGES, 0);
            exchange.getProperty(OUTCOMES, Outcomes.class).lines.add("the whole message: rejected ("
                    + ErrorCodes.TOO_MANY_ATTACHMENTS + "): more than " + maxAttachments
                    + " attachments; send them in several messages");
            return;
        }
        List<Found> found = new ArrayList<>();
        long maxBase64 = settings == null ? Long.MAX_VALUE
                : OcrAction.find(action).map(a -> settings.action(a).maxBase64Bytes()).orElse(Long.MAX_VALUE);
        // the attachments' spooled copies go when the whole message is done (its split and commit included)
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                found.forEach(Found::release);
            }
        });
        try {
            collect(mail, found, 0, maxBase64, settings == null ? null : settings.spool());
        } catch (MessagingException | IOException e) {
            found.forEach(Found::release);
            if (isConnectionProblem(e) || e instanceof ImageSpool.NotSpooled) {
                // the server went away, or the spool's disk is full: not this message's fault, read it again later
                throw e;
            }
            // a message whose structure cannot be read would fail the same way on every poll: set it aside
            LOG.warn("A message in the {} mailbox could not be parsed ({}); it is set aside", kindOf(action),
                    e.getClass().getSimpleName());
            found.clear();
        }
        List<Message> parts = new ArrayList<>(found.size());
        int images = 0;
        String origin = messageId == null ? "(no Message-ID)" : messageId.strip();
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            ImageFormat format = ImageFormat.detect(f.head());
            if (format.acceptedByTencent() || pdfMaxPages > 0 && RecognitionIntake.isPdf(f.head())) {
                images++;
            }
            String name = f.name() != null ? f.name() : "attachment-" + (i + 1) + format.fileExtension();
            DefaultMessage part = new DefaultMessage(camelContext);
            if (f.refusedBytes() > 0) {
                part.setBody(new byte[0]);
                part.setHeader(OcrHeaders.SOURCE_BYTES, f.refusedBytes());
            } else {
                part.setBody(f.image());
            }
            part.setHeader(OcrHeaders.ACTION, action);
            part.setHeader(OcrHeaders.SOURCE_CHANNEL, "mail");
            part.setHeader(OcrHeaders.SOURCE_NAME, name);
            part.setHeader(OcrHeaders.SOURCE_ORIGIN, origin + "/" + name);
            parts.add(part);
        }
        exchange.setProperty(ATTACHMENTS, parts);
        exchange.setProperty(IMAGES, images);
        LOG.debug("A message in the {} mailbox has {} attachment(s), {} of them image(s)", kindOf(action),
                parts.size(), images);
    }

    /**
     * A message without an image, or one rejected whole: moved to the no-image folder on commit (or only marked
     * read), and counted.
     */
    public void setAside(Exchange exchange) {
        String action = exchange.getMessage().getHeader(OcrHeaders.ACTION, String.class);
        if (noImageFolder != null && !noImageFolder.isBlank()) {
            exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, noImageFolder.strip());
        }
        String rejected = exchange.getProperty(REJECTED, String.class);
        if (rejected != null) {
            count(action, "rejected");
            LOG.warn("A message in the {} mailbox was rejected whole ({}: more than {} attachments); set aside{}",
                    kindOf(action), rejected, maxAttachments, noImageFolder == null || noImageFolder.isBlank()
                            ? " (marked as read)" : " in " + noImageFolder.strip());
            return;
        }
        count(action, "no-image");
        LOG.info("A message in the {} mailbox has no PNG, JPEG or PDF attachment; set aside{}", kindOf(action),
                noImageFolder == null || noImageFolder.isBlank() ? " (marked as read)" : " in " + noImageFolder.strip());
    }

    /** Records what became of one attachment (called by {@link MailOutcomeAggregation} after its recognition). */
    static void recordOutcome(Exchange exchange) {
        Outcomes outcomes = exchange.getProperty(OUTCOMES, Outcomes.class);
        RecognitionJob job = RecognitionIntake.job(exchange);
        String outcome = exchange.getMessage().getHeader(OcrHeaders.OUTCOME, String.class);
        if (outcomes == null || job == null || outcome == null) {
            return;
        }
        String code = exchange.getMessage().getHeader(OcrHeaders.ERROR_CODE, String.class);
        outcomes.lines.add(replyName(job.source().name()) + ": " + outcome + (code == null ? "" : " (" + code + ")"));
    }

    /**
     * An attachment name as a reply repeats it: the sender chose it, so it must not shape the reply. Line breaks
     * and other control characters (a forged "recognized" line), bidirectional and other format characters (text
     * that reads backwards) are written as a backslash, {@code u} and their code point in hex, a backslash as two; past
     * {@value #REPLY_NAME_MAX} code points it is cut with an ellipsis.
     */
    static String replyName(String name) {
        if (name == null) {
            return "(no name)";
        }
        StringBuilder out = new StringBuilder();
        int[] cps = name.codePoints().toArray();
        for (int i = 0; i < cps.length && i < REPLY_NAME_MAX; i++) {
            int cp = cps[i];
            int type = Character.getType(cp);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        if (cps.length > REPLY_NAME_MAX) {
            out.append('\u2026');
        }
        return out.toString();
    }

    /** Called once every attachment of a message is recorded. */
    public void processed(Exchange exchange) {
        count(exchange.getMessage().getHeader(OcrHeaders.ACTION, String.class), "processed");
    }

    /**
     * Turns the exchange (a copy, from the route's wire tap) into the short reply: one line per attachment with
     * its name and outcome or error code, never a recognized field. Leaves no {@code To} header when the message
     * must not be answered (no sender, or an automatic message).
     */
    public void prepareReply(Exchange exchange) {
        Message in = exchange.getMessage();
        String to = exchange.getProperty(REPLY_TO, String.class);
        Outcomes outcomes = exchange.getProperty(OUTCOMES, Outcomes.class);
        String messageId = exchange.getProperty(MESSAGE_ID, String.class);
        in.removeHeaders("*");
        if (to == null || outcomes == null) {
            in.setBody(null);
            return;
        }
        StringBuilder body = new StringBuilder("ocrbridge received your message. What became of each attachment:\n\n");
        outcomes.lines().forEach(line -> body.append("  ").append(line).append('\n'));
        body.append("\n\"recognized\" and \"reused\" mean the document was read; \"split\" means a PDF whose pages "
                + "are read one by one; \"dead-lettered\" means it was refused for the reason in brackets and a person "
                + "will look at it.\n");
        in.setBody(body.toString());
        in.setHeader("To", to);
        if (replyFrom != null && !replyFrom.isBlank()) {
            in.setHeader("From", replyFrom.strip());
        }
        in.setHeader("Subject", "ocrbridge: " + outcomes.lines().size() + " attachment(s) received");
        if (messageId != null && messageId.strip().startsWith("<")) {
            in.setHeader("In-Reply-To", messageId.strip());
            in.setHeader("References", messageId.strip());
        }
        in.setHeader("Auto-Submitted", "auto-replied");
        in.setHeader("Content-Type", "text/plain; charset=UTF-8");
    }

    private void count(String action, String outcome) {
        if (metrics == null) {
            return;
        }
        Counter.builder("ocrbridge.mail.messages")
                .description("Mail messages finished by the mail intake, by action and outcome (processed, no-image)")
                .tag("action", actionName(action))
                .tag("outcome", outcome)
                .register(metrics.registry()).increment();
    }

    /** An attachment: its bytes, or when refused before download its first bytes and its size (at least). */
    /** @param image the attachment as read (spooled off the heap), or null when it was refused */
    private record Found(String name, SpooledImage image, byte[] head, long refusedBytes) {
        static Found read(String name, SpooledImage image, byte[] head) {
            return new Found(name, image, head, 0);
        }

        static Found refused(String name, byte[] head, long atLeastBytes) {
            return new Found(name, null, head, Math.max(1, atLeastBytes));
        }

        void release() {
            if (image != null) {
                image.delete();
            }
        }
    }

    private static void collect(Part part, List<Found> out, int depth, long maxBase64, ImageSpool spool)
            throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    collect(mp.getBodyPart(i), out, depth + 1, maxBase64, spool);
                }
                return;
            }
        }
        if (part.isMimeType("message/rfc822")) {
            Object content = part.getContent();
            if (content instanceof Part inner) {
                collect(inner, out, depth + 1, maxBase64, spool);
                return;
            }
        }
        String name = fileName(part);
        boolean attachment = name != null
                || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || !part.isMimeType("text/*");
        if (attachment) {
            out.add(readWithin(part, name, maxBase64, spool));
        }
    }

    /**
     * Reads the attachment unless its Base64 is over {@code maxBase64}: then stops as soon as that is known,
     * keeping only the first bytes. Closing the stream early leaves the rest on the server (IMAP fetches a part
     * in pieces as it is read).
     */
    /**
     * The attachments {@link #collect} would find, counted from the structure alone (an IMAP server answers it
     * from the message's BODYSTRUCTURE: no part is downloaded); stops counting at {@code limit}.
     */
    private static int countAttachments(Part part, int depth, int limit) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || limit <= 0) {
            return 0;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
            int n = 0;
            for (int i = 0; i < mp.getCount() && n < limit; i++) {
                n += countAttachments(mp.getBodyPart(i), depth + 1, limit - n);
            }
            return n;
        }
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part inner) {
            return countAttachments(inner, depth + 1, limit);
        }
        boolean attachment = fileName(part) != null
                || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || !part.isMimeType("text/*");
        return attachment ? 1 : 0;
    }

    private static Found readWithin(Part part, String name, long maxBase64, ImageSpool spool)
            throws MessagingException, IOException {
        long declared = declaredBase64AtLeast(part);
        // the most bytes whose Base64 (4 * ceil(n / 3)) stays within the limit
        long maxBytes = maxBase64 / 4 * 3;
        try (InputStream in = part.getInputStream()) {
            if (declared > maxBase64) {
                return Found.refused(name, in.readNBytes(HEAD_BYTES), declared / 4 * 3);
            }
            if (spool == null) {
                byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
                if (bytes.length > maxBytes) {
                    return Found.refused(name, Arrays.copyOf(bytes, HEAD_BYTES), bytes.length);
                }
                return Found.read(name, SpooledImage.of(bytes),
                        Arrays.copyOf(bytes, Math.min(bytes.length, HEAD_BYTES)));
            }
            // off the heap: a message's attachments wait there for their turn one after the other
            SpooledImage image = spool.copy(in, maxBytes);
            byte[] head;
            try (InputStream first = image.open()) {
                head = first.readNBytes(HEAD_BYTES);
            }
            if (image.size() > maxBytes) {
                image.delete();
                return Found.refused(name, head, image.size());
            }
            return Found.read(name, image, head);
        }
    }

    /**
     * A lower bound of the part's Base64 length (without line breaks) from the size the server declares for it,
     * or -1 when it declares none or the part is not Base64-encoded. MIME lines are at most 76 characters plus
     * CRLF; 5 % are taken off on top, so that an encoder with shorter lines is not refused below the limit.
     */
    private static long declaredBase64AtLeast(Part part) throws MessagingException {
        int size = part.getSize();
        String encoding = part instanceof MimePart mp ? mp.getEncoding() : null;
        if (size <= 0 || encoding == null || !"base64".equalsIgnoreCase(encoding.strip())) {
            return -1;
        }
        return (long) size * 76 / 78 * 20 / 21;
    }

    /** The part's file name, RFC 2231 or RFC 2047 encoded, decoded; null when it has none. */
    private static String fileName(Part part) throws MessagingException {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.contains("=?")) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                // keep it as written
            }
        }
        return name;
    }

    /**
     * Where a reply goes: the configured address, else the envelope sender ({@code Return-Path}), else the first
     * {@code From}; never {@code Reply-To}. Null for an automatic message or one with no usable sender.
     */
    private static String replyAddress(jakarta.mail.Message mail, String configured) {
        try {
            String auto = first(mail.getHeader("Auto-Submitted"));
            String precedence = first(mail.getHeader("Precedence"));
            if ((auto != null && !auto.strip().equalsIgnoreCase("no"))
                    || (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk"))) {
                return null;
            }
            if (configured != null && !configured.isBlank()) {
                return configured.strip();
            }
            String returnPath = first(mail.getHeader("Return-Path"));
            Address[] addresses = null;
            if (returnPath != null && !returnPath.isBlank()) {
                InternetAddress[] envelope = InternetAddress.parseHeader(returnPath, false);
                addresses = envelope.length > 0 && envelope[0].getAddress() != null
                        && !envelope[0].getAddress().isBlank() ? envelope : new Address[0]; // <>: a bounce
                if (addresses.length == 0) {
                    return null;
                }
            }
            if (addresses == null) {
                addresses = mail.getFrom();
            }
            if (addresses != null && addresses.length > 0 && addresses[0] instanceof InternetAddress ia
                    && ia.getAddress() != null && ia.getAddress().contains("@")) {
                return ia.getAddress();
            }
        } catch (MessagingException e) {
            // an unreadable sender: no reply
        }
        return null;
    }

    /** A lost connection (not this message's fault) as opposed to a message that cannot be parsed. */
    private static boolean isConnectionProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof FolderClosedException || c instanceof StoreClosedException
                    || c instanceof SocketException || c instanceof java.net.SocketTimeoutException
                    || c instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    private static jakarta.mail.Message mailOf(Exchange exchange) {
        if (exchange.getIn() instanceof MailMessage mm && mm.getOriginalMessage() != null) {
            return mm.getOriginalMessage();
        }
        jakarta.mail.Message body = exchange.getIn().getBody(jakarta.mail.Message.class);
        if (body == null) {
            throw new IllegalArgumentException("the exchange carries no mail message");
        }
        return body;
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String kindOf(String action) {
        return OcrAction.find(action).map(OcrAction::documentKind).orElse("?");
    }

    private static String actionName(String action) {
        return OcrAction.find(action).map(OcrAction::actionName).orElse("unknown");
    }

    public void setMetrics(OcrMetrics metrics) {
        this.metrics = metrics;
    }

    /** Over 0: a PDF attachment counts as a document (its pages are recognized), as {@code ocrbridge.pdf.max-pages}. */
    public void setPdfMaxPages(int pdfMaxPages) {
        this.pdfMaxPages = pdfMaxPages;
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setNoImageFolder(String noImageFolder) {
        this.noImageFolder = noImageFolder;
    }

    public void setReplyFrom(String replyFrom) {
        this.replyFrom = replyFrom;
    }

    /** A fixed address every reply goes to (a team's mailbox); empty: the message's sender. */
    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public void setMaxAttachments(int maxAttachments) {
        this.maxAttachments = maxAttachments;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
