package dev.ocrbridge.client;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.envelope.Envelope;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.request.HashedImageFile;
import java.net.URI;
import java.nio.file.Path;

/**
 * One action's recognitions, as the producer makes them: over HTTP to Tencent or any endpoint of its protocol
 * ({@link OcrCaller}), or on this machine, in-process ({@link LocalRecognitionClient}). The image has been checked
 * by the caller; the answers and error codes are the same either way.
 */
public interface OcrClient {

    OcrAction action();

    /**
     * @return the envelope of a successful answer
     * @throws OcrException with Tencent's code and RequestId, or ocrbridge's own code
     */
    Envelope call(byte[] image) throws InterruptedException;

    /** The image in a file, which must not change while the call runs. */
    Envelope call(Path image) throws InterruptedException;

    /** The image in a file whose request body's hash was taken as it was written: no pass over it to sign. */
    default Envelope call(HashedImageFile image) throws InterruptedException {
        return call(image.toPath());
    }

    /** The image behind a URL, fetched by whoever recognizes it. */
    Envelope call(URI imageUrl) throws InterruptedException;
}
