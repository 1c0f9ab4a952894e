package dev.ocrbridge.localocr;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.Recognizer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's local recognizers, one per action, on one shared engine (Tesseract 5 through JavaCPP, language data
 * packed in the jar). {@link #load()} never fails: when the engine cannot run here (natives for another OS, language
 * data missing from the build) it returns {@link Recognizer#emptyFields()} for every action and says so in one line.
 */
public final class LocalRecognizers {

    static final String KOREAN = "kor";
    static final String KOREAN_WITH_HANJA = "kor+chi_tra";
    static final String CHINESE = "chi_sim";
    static final String HANJA = "chi_tra";

    /**
     * Which reader gives the health code's lines: {@code pp-ocr} (PP-OCRv4 through ONNX Runtime, {@link PpOcrReader};
     * the default: on the generated layouts it was not tuned on it reads more fields than Tesseract, and its slowest
     * page is under a second where Tesseract's block read takes seconds over a noisy one) or {@code tesseract}
     * (Tesseract's {@code chi_sim} block read). The re-reads of single fields are Tesseract's either way.
     */
    static final String HEALTH_CODE_READER = "ocrbridge.health-code.reader";

    private static final Logger LOG = LoggerFactory.getLogger(LocalRecognizers.class);
    private static OcrEngine shared;
    /** Null until first asked for; empty when not chosen or when it cannot load here. */
    private static Optional<PpOcrReader> ppOcr;
    private static final Map<OcrAction, Recognizer> BY_ACTION = new EnumMap<>(OcrAction.class);
    private static boolean failed;

    private LocalRecognizers() {
    }

    /** The local recognizers, or empty fields when the engine cannot load (said once, in one log line). */
    public static synchronized Map<OcrAction, Recognizer> load() {
        Map<OcrAction, Recognizer> out = new EnumMap<>(OcrAction.class);
        OcrEngine engine = engine();
        for (OcrAction action : OcrAction.values()) {
            out.put(action, engine == null ? Recognizer.emptyFields() : forAction(action, engine));
        }
        return out;
    }

    /** True when the engine runs on this machine (loading it if not done yet). */
    public static synchronized boolean available() {
        return engine() != null;
    }

    /** The action's recognizer on the shared engine (empty fields when it cannot load). */
    static synchronized Recognizer forAction(OcrAction action) {
        return BY_ACTION.computeIfAbsent(action, a -> {
            OcrEngine engine = engine();
            return engine == null ? Recognizer.emptyFields() : forAction(a, engine);
        });
    }

    static Recognizer forAction(OcrAction action, OcrEngine engine) {
        return switch (action) {
            case RECOGNIZE_HEALTH_CODE_OCR -> new HealthCodeRecognizer(engine, ppOcr());
            case RECOGNIZE_KOREAN_ID_CARD_OCR -> new KoreanIdCardRecognizer(engine, HanjaReadings.load(), HanjaGlyphs.load());
        };
    }

    /** Whether {@link #HEALTH_CODE_READER} chooses PP-OCR (whether it loads is known once it is first used). */
    static boolean ppOcrChosen() {
        return System.getProperty(HEALTH_CODE_READER, "pp-ocr").equals("pp-ocr");
    }

    /** The PP-OCR reader of the process unless {@link #HEALTH_CODE_READER} says tesseract or it cannot load; said once. */
    private static synchronized Optional<PpOcrReader> ppOcr() {
        if (ppOcr != null) {
            return ppOcr;
        }
        ppOcr = Optional.empty();
        String reader = System.getProperty(HEALTH_CODE_READER, "pp-ocr");
        if (ppOcrChosen()) {
            long start = System.nanoTime();
            try {
                ppOcr = Optional.of(PpOcrReader.load());
                LOG.info("Health codes' lines read by PP-OCRv4 (ONNX Runtime), loaded in {} ms",
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("PP-OCR unavailable ({}), health codes' lines read by Tesseract", e.getClass().getSimpleName());
            }
        } else if (!reader.equals("tesseract")) {
            LOG.warn("{} is neither pp-ocr nor tesseract: health codes' lines read by Tesseract", HEALTH_CODE_READER);
        }
        return ppOcr;
    }

    /** One engine per process, with one Tesseract instance per core and language setting. */
    private static OcrEngine engine() {
        if (shared != null || failed) {
            return shared;
        }
        try {
            shared = OcrEngine.load(Runtime.getRuntime().availableProcessors());
            LOG.info("Local recognition ready (Tesseract 5: kor, kor+chi_tra, chi_sim)");
        } catch (RuntimeException | LinkageError e) {
            failed = true;
            // the class only: a loader's message can carry paths; -Docrbridge.tessdata=DIR points at the data
            LOG.warn("Local recognition unavailable ({}), the sandbox answers empty fields", e.getClass().getSimpleName());
        }
        return shared;
    }
}
