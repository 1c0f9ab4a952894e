package dev.ocrbridge.request;

import java.io.File;
import java.nio.file.Path;

/**
 * An image file whose request body's hash was taken as the file was written ({@link ImageDigests}), with the file's
 * status right after: signing it needs no pass over the file while that status holds. It is a {@link File}, so
 * whatever else reads the message body (a dead-letter endpoint, a converter) reads it as the file it is.
 */
public final class HashedImageFile extends File {

    private static final long serialVersionUID = 1L;

    private final transient ImageDigests.PayloadHash payload;
    private final transient FileStatus written;

    /**
     * @param payload the body's hash up to the end of the image's Base64, taken as the file was written
     * @param written the file's status once it was written: the hash holds for the file only while it is the same
     */
    public HashedImageFile(Path file, ImageDigests.PayloadHash payload, FileStatus written) {
        super(file.toString());
        this.payload = payload;
        this.written = written;
    }

    ImageDigests.PayloadHash payload() {
        return payload;
    }

    FileStatus written() {
        return written;
    }
}
