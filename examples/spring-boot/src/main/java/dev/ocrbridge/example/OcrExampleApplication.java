package dev.ocrbridge.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that recognizes health-code screenshots: nothing here but the boot class; the work is
 * the XML route in {@code src/main/resources/camel/} and the {@code tencent-ocr} component on the class path.
 */
@SpringBootApplication
public class OcrExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(OcrExampleApplication.class, args);
    }
}
