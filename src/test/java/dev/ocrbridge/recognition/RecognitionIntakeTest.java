package dev.ocrbridge.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.operations.DispositionHandler;
import dev.ocrbridge.operations.HaltSwitch;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RecognitionIntakeTest {

    @Test
    void aSourceThatCannotBeReadStillGetsAJobAndTheUnreadableCode() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            RecognitionIntake intake = new RecognitionIntake();
            intake.setSettings(new OcrSettings());
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

    private static Exchange exchangeWith(Exchange exchange) {
        exchange.setException(OcrException.local("Source.Unreadable", "test"));
        return exchange;
    }
}
