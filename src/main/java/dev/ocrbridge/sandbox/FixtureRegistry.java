package dev.ocrbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Canned answers keyed by the SHA-256 (lower-case hex) of the image bytes. A fixture either carries output fields,
 * laid over the recognizer's, or forces an error. Thread-safe; fixtures can be added while the sandbox runs.
 *
 * <p>Folder format: every {@code *.json} file is {@code {"sha256": "...", "fields": {...}}} or
 * {@code {"sha256": "...", "error": {"Code": "...", "Message": "..."}}} ({@code Message} optional).
 */
public final class FixtureRegistry {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One canned answer: {@code fields} when {@code errorCode} is null, else the error. */
    public record Fixture(String sha256, Map<String, Object> fields, String errorCode, String errorMessage) {
        public boolean isError() {
            return errorCode != null;
        }
    }

    private final Map<String, Fixture> fixtures = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    FixtureRegistry(ObjectMapper json) {
        this.json = json;
    }

    /** Registers output fields for the image whose SHA-256 is {@code sha256Hex}. */
    public FixtureRegistry register(String sha256Hex, Map<String, Object> fields) {
        String key = normalise(sha256Hex);
        if (fields == null) {
            throw new IllegalArgumentException("A fixture needs fields (an empty map is fine)");
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove("RequestId");
        copy.remove("Error");
        fixtures.put(key, new Fixture(key, Collections.unmodifiableMap(copy), null, null));
        return this;
    }

    /** Registers output fields for these image bytes. */
    public FixtureRegistry register(byte[] image, Map<String, Object> fields) {
        return register(sha256(image), fields);
    }

    /** Makes the image answer an error; a null message is replaced by the sandbox's text for the code. */
    public FixtureRegistry registerError(String sha256Hex, String code, String message) {
        String key = normalise(sha256Hex);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("An error fixture needs a code");
        }
        fixtures.put(key, new Fixture(key, Map.of(), code.trim(), message));
        return this;
    }

    public FixtureRegistry registerError(byte[] image, String code, String message) {
        return registerError(sha256(image), code, message);
    }

    public Optional<Fixture> find(String sha256Hex) {
        return Optional.ofNullable(fixtures.get(sha256Hex));
    }

    public int size() {
        return fixtures.size();
    }

    public void clear() {
        fixtures.clear();
    }

    /**
     * Loads every {@code *.json} file of a folder (not recursive), in name order.
     *
     * @return how many fixtures were loaded
     * @throws IllegalArgumentException naming the file that is not a valid fixture
     */
    public int load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Fixture folder not found: " + dir);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot list fixture folder " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            try {
                add(json.readTree(file.toFile()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid fixture file " + file.getFileName() + ": " + e.getMessage(), e);
            }
        }
        return files.size();
    }

    /** Adds one fixture given in the folder format (also what {@code POST /_sandbox/fixtures} accepts). */
    void add(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a fixture must be a JSON object");
        }
        String sha = node.path("sha256").isTextual() ? node.get("sha256").asText() : null;
        if (sha == null && node.path("imageBase64").isTextual()) {
            sha = sha256(java.util.Base64.getDecoder().decode(node.get("imageBase64").asText()));
        }
        if (sha == null) {
            throw new IllegalArgumentException("`sha256` (or `imageBase64`) is required");
        }
        JsonNode error = node.get("error");
        JsonNode fields = node.get("fields");
        if (error != null && fields != null) {
            throw new IllegalArgumentException("a fixture has either `fields` or `error`, not both");
        }
        if (error != null) {
            if (!error.path("Code").isTextual()) {
                throw new IllegalArgumentException("`error.Code` is required");
            }
            JsonNode message = error.get("Message");
            registerError(sha, error.get("Code").asText(), message != null && message.isTextual() ? message.asText() : null);
        } else if (fields != null && fields.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.convertValue(fields, LinkedHashMap.class);
            register(sha, map);
        } else {
            throw new IllegalArgumentException("`fields` (an object) or `error` is required");
        }
    }

    /** Lower-case hex SHA-256 of image bytes, as fixtures are keyed. */
    public static String sha256(byte[] image) {
        return Tc3Signer.sha256Hex(image, 0, image.length);
    }

    private static String normalise(String sha256Hex) {
        String key = sha256Hex == null ? "" : sha256Hex.trim().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(key).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits");
        }
        return key;
    }
}
