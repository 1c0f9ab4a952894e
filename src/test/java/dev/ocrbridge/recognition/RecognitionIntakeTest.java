package dev.ocrbridge.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.operations.DispositionHandler;
import dev.ocrbridge.operations.HaltSwitch;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecognitionIntakeTest {

    @Test
    void aSourceThatCannotBeReadStillGetsAJobAndTheUnreadableCode() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            RecognitionIntake intake = new RecognitionIntake();
            intake.setSettings(settingsIn(camel));
            intake.setHaltSwitch(new HaltSwitch());
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setHeader(OcrHeaders.ACTION, "health-code");
            exchange.getMessage().setHeader(OcrHeaders.SOURCE_NAME, "../../odd name.png");
            exchange.getMessage().setBody(new Object() { });

            assertThatThrownBy(() -> intake.accept(exchange)).isInstanceOf(OcrException.class)
                    .extracting("code").isEqualTo("Source.Unreadable");
            RecognitionJob job = RecognitionIntake.job(exchange);
            assertThat(job).isNotNull();
            assertThat(job.source().name()).isEqualTo("odd name.png");
            assertThat(job.source().bytes()).isZero();
            assertThat(new DispositionHandler().isRetry(exchangeWith(exchange))).isFalse();
        }
    }

    /**
     * A large body that arrives in memory (a mail attachment, an SFTP download) is copied to the spool and the message
     * then carries the file: the job holds no image bytes in the heap while it waits for its turn, and the copy is
     * gone once the exchange is done.
     */
    @Test
    void aBodyInMemoryIsSpooledAndTheJobHoldsNoImageBytes(@TempDir Path data) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            RecognitionIntake intake = new RecognitionIntake();
            OcrSettings settings = settingsIn(camel);
            settings.setDataDir(data.toString());
            intake.setSettings(settings);
            intake.setHaltSwitch(new HaltSwitch());
            byte[] image = TestImages.noisePng(300, 41); // over ImageSpool.IN_MEMORY_UP_TO
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setHeader(OcrHeaders.ACTION, "health-code");
            exchange.getMessage().setHeader(OcrHeaders.SOURCE_CHANNEL, "mail");
            exchange.getMessage().setHeader(OcrHeaders.SOURCE_NAME, "scan.png");
            exchange.getMessage().setBody(image);

            intake.accept(exchange);

            RecognitionJob job = RecognitionIntake.job(exchange);
            assertThat(job.image().inMemory()).isNull();
            Path copy = job.image().file();
            assertThat(copy).startsWith(data.toAbsolutePath()).exists().hasBinaryContent(image);
            assertThat(job.source().sha256()).isEqualTo(Tc3Signer.sha256Hex(image, 0, image.length));
            assertThat(job.source().bytes()).isEqualTo(image.length);
            assertThat(exchange.getMessage().getBody()).isEqualTo(copy.toFile());

            // the exchange completes: its completions run
            exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(exchange));
            assertThat(copy).doesNotExist();
        }
    }

    /** The settings as the service has them: the action's limits read from the endpoint that recognizes it. */
    private static OcrSettings settingsIn(DefaultCamelContext camel) {
        camel.getEndpoint("tencent-ocr:RecognizeHealthCodeOCR?endpointUrl=local");
        OcrSettings settings = new OcrSettings();
        settings.setCamelContext(camel);
        return settings;
    }

    private static Exchange exchangeWith(Exchange exchange) {
        exchange.setException(OcrException.local("Source.Unreadable", "test"));
        return exchange;
    }
}
