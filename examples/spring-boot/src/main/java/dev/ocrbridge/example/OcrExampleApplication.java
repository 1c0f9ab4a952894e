package dev.ocrbridge.example;

import org.springframework.boot.SpringApplication;
import dev.ocrbridge.operations.OcrDispositions;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application that recognizes health-code screenshots: nothing here but the boot class; the work is
 * the XML route in {@code src/main/resources/camel/} and the {@code tencent-ocr} component on the class path.
 */
@SpringBootApplication
public class OcrExampleApplication {

    /**
     * ocrbridge's dispositions, the route configuration "ocr-dispositions" that the route names: halt, retry or
     * reject by Tencent's error code; rejected images go to ocrbridge.dead-letter.rejected-uri (by default the
     * folder layout under ocrbridge.data-dir).
     */
    @Bean
    OcrDispositions ocrDispositions() {
        return new OcrDispositions();
    }

    public static void main(String[] args) {
        SpringApplication.run(OcrExampleApplication.class, args);
    }
}
