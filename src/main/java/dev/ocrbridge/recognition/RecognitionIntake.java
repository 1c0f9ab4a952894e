package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.HaltRefusal;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.request.ImagePreCheck;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * First step of the recognition route: turns the incoming message into a {@link RecognitionJob} and refuses what
 * needs no look at the image: a name that cannot be taken, an unreadable source, one over the action's limit. A
 * halted action refuses here too, so images already queued when the halt came are put back rather than sent.
 */
public class RecognitionIntake {

    /** The action's header in releases before the endpoint's name was the one name of the fact; still read. */
    static final String FORMER_ACTION_HEADER = "CamelOcrBridgeAction";
    /** Exchange property, true when the source is a PDF to be split into page images instead of sent. */
    public static final String PDF_PROPERTY = "CamelOcrBridgePdf";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};

    private OcrSettings settings;
    private ActionHalts haltSwitch;
    private int pdfMaxPages;

    /**
     * The action an image goes to, as Tencent spells it: the recognition route of that action takes it. A route of
     * one's own may name it by document kind ({@code health-code}), or under the former header.
     *
     * @throws IllegalArgumentException when the message names no action the catalog knows
     */
    public String actionName(Exchange exchange) {
        Message in = exchange.getMessage();
        Object former = in.removeHeader(FORMER_ACTION_HEADER);
        String named = in.getHeader(OcrHeaders.ACTION, former == null ? null : former.toString(), String.class);
        return OcrAction.of(named).actionName();
    }

    public void accept(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        OcrAction action = OcrAction.of(in.getHeader(OcrHeaders.ACTION, String.class));
        SpooledImage image;
        OcrException unreadable = null;
        try {
            image = spooled(exchange);
        } catch (Exception e) {
            // still a job, so that the source is dead-lettered (moved, for a dropped file) instead of retried forever
            image = SpooledImage.of(new byte[0]);
            unreadable = OcrException.local(ErrorCodes.UNREADABLE_SOURCE,
                    "the image could not be read (" + e.getClass().getSimpleName() + ")");
        }
        String givenName = in.getHeader(OcrHeaders.SOURCE_NAME, String.class);
        String name = SafeNames.safe(givenName);
        String unacceptableName = in.getHeader(OcrHeaders.UNACCEPTABLE_NAME, String.class);
        if (unacceptableName == null && SafeNames.tooLong(givenName)) {
            // cut, it would no longer say what it was, and two long names alike would meet: named by content instead
            name = SafeNames.generated(image);
            unacceptableName = "the name cannot be taken as it is (it is longer than " + SafeNames.MAX_NAME_BYTES
                    + " bytes of UTF-8); it was named " + name + " instead";
        }
        Long notDownloaded = in.getHeader(OcrHeaders.SOURCE_BYTES, Long.class);
        boolean partlyRead = notDownloaded != null && notDownloaded > image.size();
        boolean tooLarge = partlyRead || image.size() > settings.action(action).maxImageBytes();
        long knownBytes = partlyRead ? notDownloaded : image.size();
        RecognitionJob.Source source = new RecognitionJob.Source(
                in.getHeader(OcrHeaders.SOURCE_CHANNEL, "file", String.class), name,
                image.sha256(), knownBytes,
                in.getHeader(OcrHeaders.SOURCE_ORIGIN, String.class));
        RecognitionJob job = new RecognitionJob(action, source, image);
        // a file of the service's inbox: its commit moves it where the outbox says (CamelOcrBridgeDestination)
        job.originalMovedByIntake("file".equals(source.channel()) && in.getHeader(Exchange.FILE_PATH) != null);
        exchange.setProperty(OcrHeaders.JOB_PROPERTY, job);
        in.setHeader(OcrHeaders.ACTION, action.actionName());
        // the body is the image as taken, a file the tencent-ocr component streams from on every attempt
        in.setBody(bodyOf(image));

        if (unacceptableName != null) {
            throw OcrException.local(ErrorCodes.UNACCEPTABLE_NAME, unacceptableName);
        }
        if (unreadable != null) {
            throw unreadable;
        }
        // the route this image came from feeds the action: a halt suspends it, whatever its id or group
        haltSwitch.fedBy(action, exchange.getFromRouteId());
        var halt = haltSwitch.haltCode(action);
        if (halt.isPresent()) {
            throw new HaltRefusal(halt.get(), "intake halted");
        }
        if (tooLarge) {
            throw OcrException.local(ErrorCodes.TOO_LARGE_FILE, "the image is at least " + knownBytes + " bytes, "
                    + ImagePreCheck.base64Length(knownBytes) + " as Base64, over the limit of "
                    + settings.action(action).maxBase64Bytes() + " for " + action.actionName()
                    + "; it was not read further");
        }
        if (pdfMaxPages > 0 && isPdf(image)) {
            // not an image: the route places its pages in the inbox as images of their own (ocrPdfPages)
            exchange.setProperty(PDF_PROPERTY, true);
            return;
        }
        // the image itself is checked once, by the tencent-ocr endpoint, when there is no recorded answer to reuse
    }

    /**
     * The image off the heap: a file drop's claim spooled it already; any other body (a mail attachment's bytes, an
     * SFTP download, a stream) is copied to the spool here, hashed on the way, and the copy is removed when the
     * exchange is done (handed over with it to an asynchronous dead-letter endpoint). An image over the action's
     * limit is not copied: refused from its known length (an SFTP file's, an array's) before any copy, or, for a
     * stream of unknown length, at the first byte past the limit; like a mail attachment over the limit, it is then
     * described by {@link OcrHeaders#SOURCE_BYTES} with no bytes, and its record is the error file alone.
     */
    private SpooledImage spooled(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        if (in.getBody() instanceof SpooledImage claimed) {
            return claimed; // its claim removes it once the source is settled
        }
        long limit = settings.action(OcrAction.of(in.getHeader(OcrHeaders.ACTION, String.class))).maxImageBytes();
        Long known = in.getBody() instanceof byte[] bytes ? Long.valueOf(bytes.length)
                : in.getHeader(Exchange.FILE_LENGTH, Long.class);
        if (known != null && known > limit) {
            in.setHeader(OcrHeaders.SOURCE_BYTES, known);
            return SpooledImage.of(new byte[0]);
        }
        SpooledImage image;
        try (InputStream stream = in.getMandatoryBody(InputStream.class)) {
            image = settings.spool().copy(stream, limit);
        } catch (ImageSpool.NotSpooled e) {
            if (in.getBody() instanceof byte[] bytes) {
                // the spool's disk is full: the bytes stay in memory, the storage failure that follows halts
                return SpooledImage.of(bytes);
            }
            throw e;
        }
        if (image.size() > limit) {
            image.delete();
            in.setHeader(OcrHeaders.SOURCE_BYTES, image.size()); // at least
            return SpooledImage.of(new byte[0]);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                image.delete();
            }
        });
        return image;
    }

    /** What the tencent-ocr component is given: the spooled file (streamed, never loaded), or bytes in memory. */
    public static Object bodyOf(SpooledImage image) {
        return image.file() != null ? image.asFile() : image.inMemory();
    }

    public static RecognitionJob job(Exchange exchange) {
        return exchange.getProperty(OcrHeaders.JOB_PROPERTY, RecognitionJob.class);
    }

    /** Whether the bytes start as a PDF does ({@code %PDF-}); a PDF's checks are its renderer's. */
    static boolean isPdf(SpooledImage image) {
        try (InputStream in = image.open()) {
            return isPdf(in.readNBytes(PDF_MAGIC.length));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a file's first bytes are a PDF's ({@code %PDF-}). */
    public static boolean isPdf(byte[] head) {
        return head.length >= PDF_MAGIC.length
                && Arrays.equals(Arrays.copyOf(head, PDF_MAGIC.length), PDF_MAGIC);
    }

    /** PDFs of at most this many pages are split into page images; 0 refuses every PDF as an image the API cannot decode. */
    public void setPdfMaxPages(int pdfMaxPages) {
        this.pdfMaxPages = pdfMaxPages;
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setHaltSwitch(ActionHalts haltSwitch) {
        this.haltSwitch = haltSwitch;
    }
}
