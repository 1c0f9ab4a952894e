package dev.ocrbridge.example;

import org.apache.camel.main.Main;

/** The whole application: camel-main, which reads application.properties and the XML routes under camel/. */
public final class OcrExampleMain {

    private OcrExampleMain() {
    }

    public static void main(String[] args) throws Exception {
        new Main(OcrExampleMain.class).run(args);
    }
}
