package dev.ocrbridge.localocr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Tesseract's language data. The build packs {@code kor}, {@code chi_sim} and {@code chi_tra} (from the npm packages
 * {@code @tesseract.js-data/<lang>}) into the jar as {@code .gz} resources; Tesseract reads files, so they are
 * unpacked once per process into a private temporary folder, removed when the JVM exits; {@code kor} is unpacked
 * with {@link HangulCoverage}'s additions.
 * {@code -Docrbridge.tessdata=DIR} points at a folder of plain {@code <lang>.traineddata} files instead.
 */
final class Tessdata {

    static final String RESOURCE_DIR = "/dev/ocrbridge/localocr/tessdata/";
    static final String[] LANGUAGES = {"kor", "chi_sim", "chi_tra"};

    private static Path folder;

    private Tessdata() {
    }

    /**
     * @throws IllegalStateException when a language's data is neither configured nor packed in the jar
     */
    static synchronized Path folder() {
        if (folder != null) {
            return folder;
        }
        String configured = System.getProperty("ocrbridge.tessdata");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            for (String lang : LANGUAGES) {
                if (!Files.isRegularFile(dir.resolve(lang + ".traineddata"))) {
                    throw new IllegalStateException("ocrbridge.tessdata has no " + lang + ".traineddata");
                }
            }
            folder = dir;
            return folder;
        }
        try {
            Path dir = Files.createTempDirectory("ocrbridge-tessdata-");
            dir.toFile().deleteOnExit();
            for (String lang : LANGUAGES) {
                try (InputStream packed = Tessdata.class.getResourceAsStream(RESOURCE_DIR + lang + ".traineddata.gz")) {
                    if (packed == null) {
                        throw new IllegalStateException("the build packed no language data for " + lang
                                + " (npm was not reachable when it ran)");
                    }
                    Path file = dir.resolve(lang + ".traineddata");
                    try (InputStream in = new GZIPInputStream(packed, 1 << 16)) {
                        byte[] data = in.readAllBytes();
                        // Korean: every syllable whose letters the model knows, not only those of its training text.
                        Files.write(file, lang.equals("kor") ? HangulCoverage.extend(data) : data);
                    }
                    file.toFile().deleteOnExit();
                }
            }
            folder = dir;
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the language data", e);
        }
    }
}
