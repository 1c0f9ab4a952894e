package dev.ocrbridge.component;

import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Converter;

/**
 * Lets Camel read a mail attachment ({@code DataHandler}, as camel-mail hands attachments over) as a stream, so that
 * an attachment can be the body sent to {@code tencent-ocr} like any file. Camel has no such converter of its own.
 */
@Converter(generateLoader = true)
public final class AttachmentConverters {

    private AttachmentConverters() {
    }

    @Converter
    public static InputStream toInputStream(DataHandler attachment) throws IOException {
        return attachment.getInputStream();
    }
}
