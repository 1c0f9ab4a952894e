package dev.ocrbridge.outbox;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrConstants;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.HaltRefusal;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognition.ActionHalts;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands before and after the call in the recognition route, so that an answer that reached ocrbridge is paid for
 * once. Before: an image whose answer is in the {@link AnswerStore} is not sent again, and an image identical to
 * one in flight (same SHA-256, same determinants) waits for that one's answer instead of being sent as well.
 * After: the OK answer is recorded before anything else is written, so that no later failure (a full disk, a
 * halt, a kill) can throw it away.
 */
public class AnswerGate {

    /** Exchange property, true when the job's answer came from the record instead of a call. */
    public static final String KNOWN_ANSWER = "CamelOcrBridgeKnownAnswer";

    private static final Logger LOG = LoggerFactory.getLogger(AnswerGate.class);

    /** An image in flight: the exchange that calls, and the answer its twins wait for (null: it got none). */
    private static final class Claim {
        final CompletableFuture<AnswerStore.Answer> answer = new CompletableFuture<>();
    }

    private final ConcurrentMap<AnswerStore.Key, Claim> inFlight = new ConcurrentHashMap<>();
    private OcrSettings settings;
    private ActionHalts haltSwitch;
    private long waitMillis = 600_000;
    private Clock clock = Clock.systemUTC();
    private volatile AnswerStore store;
    /** Cluster mode: the record every node shares; null on a single node. */
    private volatile SharedAnswers shared;

    /**
     * Before the call: uses the recorded answer when there is one (setting {@link #KNOWN_ANSWER}); otherwise claims
     * the image, waiting first for an identical one in flight. Does nothing when reuse is off.
     */
    public void lookup(Exchange exchange) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        // a copy of another exchange (a split's part) must not inherit its verdict
        exchange.removeProperty(KNOWN_ANSWER);
        if (!settings.isReuseResults()) {
            return;
        }
        writeUnwritten(job.action());
        AnswerStore.Key key = key(job);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            Optional<AnswerStore.Answer> known = find(key);
            if (known.isPresent()) {
                use(exchange, job, known.get());
                return;
            }
            Claim mine = new Claim();
            Claim held = inFlight.putIfAbsent(key, mine);
            if (held == null) {
                // the previous holder may have recorded its answer and let go between find and the claim
                known = find(key);
                if (known.isEmpty()) {
                    // cluster mode: the same image may be in flight on another node; its answer is this one's
                    known = claimAcrossNodes(key, deadline);
                }
                if (known.isPresent()) {
                    inFlight.remove(key, mine);
                    mine.answer.complete(known.get());
                    use(exchange, job, known.get());
                    return;
                }
                SharedAnswers cluster = shared;
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange done) {
                        if (cluster != null) {
                            cluster.release(key); // no-op when the answer was recorded
                        }
                        inFlight.remove(key, mine);
                        mine.answer.complete(null); // no-op when the answer was recorded
                    }
                });
                return;
            }
            AnswerStore.Answer answer = await(held, key, deadline);
            if (answer != null) {
                use(exchange, job, answer);
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                LOG.warn("Image {} waited {} ms for an identical image in flight; sending it too",
                        key.shortSha(), waitMillis);
                return;
            }
            // the twin got no answer: unless the action halted meanwhile, this one takes its turn
            var halt = haltSwitch.haltCode(job.action());
            if (halt.isPresent()) {
                throw new HaltRefusal(halt.get(), "intake halted");
            }
        }
    }

    /**
     * Right after an OK answer was read, before any other write: records it (memory, then disk) and hands it to
     * identical images waiting for it.
     *
     * @throws OcrException {@code Storage.WriteFailed} when the disk refused it; it stays in memory and is written
     *                      before the next lookup succeeds
     */
    public void record(Exchange exchange) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        // what the tencent-ocr component answered: the fields as the body, the RequestId and attempts as headers
        Message answered = exchange.getMessage();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = answered.getBody(Map.class);
        job.recognized(answered.getHeader(TencentOcrConstants.REQUEST_ID, String.class),
                fields == null ? Map.of() : fields,
                answered.getHeader(TencentOcrConstants.ATTEMPTS, 1, Integer.class));
        AnswerStore.Key key = key(job);
        AnswerStore.Answer answer = new AnswerStore.Answer(job.requestId(), job.fields(), job.attempts(),
                clock.instant());
        try {
            SharedAnswers cluster = shared;
            if (cluster != null && !cluster.record(key, answer)) {
                LOG.warn("The answer for image {} could not be shared with the cluster; this node keeps it", key.shortSha());
            }
            store().record(key, answer);
        } catch (IOException e) {
            throw storageFailed(job.action(), e);
        } finally {
            // the answer is in the store now (in memory at least): twins waiting take it, later ones find it
            Claim claim = inFlight.remove(key);
            if (claim != null) {
                claim.answer.complete(answer);
            }
        }
    }

    /**
     * At shutdown (the bean's destroy method): answers a full disk refused are written now if it takes them, so that
     * a restart does not pay for them again. What still cannot be written is lost, and said so in one line.
     */
    public void close() {
        AnswerStore s = store;
        if (s == null || s.unwrittenCount() == 0) {
            return;
        }
        try {
            s.writeUnwritten();
        } catch (IOException e) {
            LOG.warn("{} answers could not be written before shutdown ({}); their images will be sent again",
                    s.unwrittenCount(), e.getClass().getSimpleName());
        }
    }

    /** This node's record first (no round trip), then the cluster's. */
    private Optional<AnswerStore.Answer> find(AnswerStore.Key key) {
        Optional<AnswerStore.Answer> known = store().find(key);
        SharedAnswers cluster = shared;
        return known.isPresent() || cluster == null ? known : cluster.find(key);
    }

    private Optional<AnswerStore.Answer> claimAcrossNodes(AnswerStore.Key key, long deadline) {
        SharedAnswers cluster = shared;
        if (cluster == null) {
            return Optional.empty();
        }
        try {
            return cluster.claimOrAwait(key, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OcrException.local(ErrorCodes.TIMEOUT, "interrupted while waiting for an identical image", e);
        }
    }

    private void use(Exchange exchange, RecognitionJob job, AnswerStore.Answer answer) {
        job.reuse(answer.requestId(), answer.fields(), answer.attempts(), answer.answeredAt());
        exchange.setProperty(KNOWN_ANSWER, Boolean.TRUE);
    }

    private AnswerStore.Answer await(Claim held, AnswerStore.Key key, long deadline) {
        try {
            return held.answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OcrException.local(ErrorCodes.TIMEOUT, "interrupted while waiting for an identical image", e);
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** Answers a full disk refused earlier are written before anything else; while it still refuses, halt. */
    private void writeUnwritten(OcrAction action) {
        AnswerStore s = store();
        if (s.unwrittenCount() > 0) {
            try {
                s.writeUnwritten();
            } catch (IOException e) {
                throw storageFailed(action, e);
            }
        }
    }

    private OcrException storageFailed(OcrAction action, IOException e) {
        // no file name in the message: names of images are often names of people
        return OcrException.local(ErrorCodes.STORAGE_FAILED, "could not record an answer for " + action
                + " under " + settings.folders().root().relativize(settings.folders().answers()) + " ("
                + e.getClass().getSimpleName() + ")", e);
    }

    /** Everything the answer depends on besides the image: the same image under another of these is sent again. */
    AnswerStore.Key key(RecognitionJob job) {
        OcrAction action = job.action();
        OcrSettings.ActionSettings a = settings.action(action);
        String determinedBy = action.actionName() + " region=" + a.region()
                + (action == OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR ? " ReturnHeadImage=" + a.returnHeadImage() : "")
                // a masked answer is another answer; unmasked ones recorded before stay reusable when it is off
                + (a.maskIdNumber() ? " MaskIdNumber=true" : "")
                // the health code's Type changes what is read; keys recorded before it was an option stay the same
                + (action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR && a.healthCodeType() != null
                        ? " Type=" + a.healthCodeType() : "")
                // an upright copy of an EXIF-rotated JPEG is sent, unless turned off: another image is another answer
                + (a.applyExifOrientation() ? "" : " ExifOrientation=ignored")
                + " endpoint=" + settings.endpointIdentity(action);
        return new AnswerStore.Key(action, job.source().sha256(), determinedBy);
    }

    AnswerStore store() {
        AnswerStore s = store;
        if (s == null) {
            synchronized (this) {
                s = store;
                if (s == null) {
                    store = s = new AnswerStore(settings.folders().answers(), settings.folders().staging());
                }
            }
        }
        return s;
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    /** Cluster mode: the record of answers the nodes share (null: this node alone). */
    public void setSharedAnswers(SharedAnswers shared) {
        this.shared = shared;
    }

    public void setHaltSwitch(ActionHalts haltSwitch) {
        this.haltSwitch = haltSwitch;
    }

    /** Longest wait for an identical image in flight before sending this one too (default 10 minutes). */
    public void setWaitMillis(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
