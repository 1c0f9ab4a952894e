package dev.ocrbridge.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.component.TencentOcrEndpoint;
import dev.ocrbridge.component.TencentOcrException;
import dev.ocrbridge.logging.Redactor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code ocrbridge recognize FILE|DIR}: each image through a {@code tencent-ocr} endpoint of a CamelContext of its
 * own, so that the quota, the pre-checks and the dispositions are the service's; prints each image's fields (a table,
 * or JSON lines with {@code --json}) and writes {@code --csv} with one row per image.
 *
 * <p>The component and each action's endpoint take the service's configuration file: the component's options
 * ({@code camel.component.tencent-ocr.*}: keys, language, proxy, timeouts, pacing) and the action's keys that
 * {@code routes/recognition.xml} puts on its endpoint ({@code ocr.<doc>.region}, {@code rate},
 * {@code max-base64-bytes}, {@code return-head-image}, {@code mask-id-number}), so an image answers here what it
 * answers in the service. Only the endpoint differs: local unless {@code --endpoint} names one, so that a command
 * run to try an image never spends the account's calls unasked.
 *
 * <p>An image's action is {@code --action}, else the folder it is in: {@code health-code/} or {@code korean-id-card/}
 * anywhere between it and the folder given, as in the inbox. An image in neither is not guessed at: its row carries
 * {@link #NO_ACTION} and the hint to name the action.
 */
final class RecognizeCommand {

    /** The code of an image whose action neither {@code --action} nor its folder names. */
    static final String NO_ACTION = "Cli.ActionUnknown";
    /** The code of a file that could not be read from the disk. */
    static final String UNREADABLE = "Cli.Unreadable";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENT_OPTIONS = "camel.component.tencent-ocr.";
    private static final String ENDPOINT_URL = "endpointUrl";
    /** The per-action keys {@code routes/recognition.xml} puts on each action's endpoint, in its dashed spelling. */
    private static final List<String> ACTION_OPTIONS = List.of("region", "rate", "max-base64-bytes",
            "return-head-image", "mask-id-number");

    private final Path target;
    private final OcrAction action;
    private final boolean json;
    private final Path csv;
    private final String endpoint;

    private RecognizeCommand(Path target, OcrAction action, boolean json, Path csv, String endpoint) {
        this.target = target;
        this.action = action;
        this.json = json;
        this.csv = csv;
        this.endpoint = endpoint;
    }

    static RecognizeCommand parse(String[] args) {
        Path target = null;
        OcrAction action = null;
        boolean json = false;
        Path csv = null;
        String endpoint = TencentOcrEndpoint.LOCAL;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json" -> json = true;
                case "--action" -> action = OcrAction.find(value(args, ++i, a)).orElseThrow(
                        () -> new OcrBridgeCli.UsageException("--action is health-code or korean-id-card"));
                case "--csv" -> csv = Path.of(value(args, ++i, a));
                case "--endpoint" -> endpoint = endpoint(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--") || target != null) {
                        throw new OcrBridgeCli.UsageException("unknown option or a second FILE|DIR: " + a);
                    }
                    target = Path.of(a);
                }
            }
        }
        if (target == null) {
            throw new OcrBridgeCli.UsageException("recognize needs a FILE or DIR");
        }
        if (!Files.exists(target)) {
            throw new OcrBridgeCli.UsageException("no such file or folder");
        }
        return new RecognizeCommand(target, action, json, csv, endpoint);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new OcrBridgeCli.UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static String endpoint(String value) {
        if (TencentOcrEndpoint.LOCAL.equalsIgnoreCase(value)) {
            return TencentOcrEndpoint.LOCAL;
        }
        URI uri = EndpointChecks.parse(value);
        return uri.toString();
    }

    /** Runs the command with the service's configuration file {@code configuration}, if there is one. */
    int run(Path configuration, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        List<Path> images = images();
        List<Row> rows = new ArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.setStartupSummaryLevel(StartupSummaryLevel.Off);
            if (Files.isRegularFile(configuration)) {
                camel.getPropertiesComponent().setLocation("file:" + configuration.toAbsolutePath());
            }
            TencentOcrComponent component = camel.getComponent("tencent-ocr", TencentOcrComponent.class);
            configure(camel, component);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Progress progress = new Progress(err, terminal, images.size());
            for (Path image : images) {
                Row row = recognize(template, image);
                rows.add(row);
                print(out, row);
                progress.done(row, component.currentRate(row.action == null ? OcrAction.RECOGNIZE_HEALTH_CODE_OCR
                        : row.action));
            }
            progress.finish();
        }
        if (csv != null) {
            writeCsv(rows);
        }
        return rows.stream().anyMatch(r -> r.code != null) ? OcrBridgeCli.SOME_FAILED : OcrBridgeCli.OK;
    }

    /** One image's outcome: its fields, or the code it failed with. */
    record Row(String name, OcrAction action, Map<String, Object> fields, String code) {
    }

    private Row recognize(ProducerTemplate template, Path image) {
        String name = target.equals(image) ? image.getFileName().toString()
                : target.relativize(image).toString();
        Optional<OcrAction> chosen = action != null ? Optional.of(action) : actionOfFolder(image);
        if (chosen.isEmpty()) {
            return new Row(name, null, Map.of(), NO_ACTION);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image);
        } catch (IOException e) {
            return new Row(name, chosen.get(), Map.of(), UNREADABLE);
        }
        Exchange answered = template.request(endpointUri(template.getCamelContext(), chosen.get()),
                e -> e.getMessage().setBody(bytes));
        TencentOcrException failed = answered.getException(TencentOcrException.class);
        if (failed != null) {
            return new Row(name, chosen.get(), Map.of(), failed.code());
        }
        if (answered.getException() != null) {
            return new Row(name, chosen.get(), Map.of(), "Cli." + answered.getException().getClass().getSimpleName());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = answered.getMessage().getBody(Map.class);
        return new Row(name, chosen.get(), fields == null ? Map.of() : new LinkedHashMap<>(fields), null);
    }

    /** The component's options of the configuration, as camel-main gives them to the service's component. */
    private static void configure(CamelContext camel, TencentOcrComponent component) {
        Map<String, Object> options = new LinkedHashMap<>();
        camel.getPropertiesComponent().loadProperties(key -> key.startsWith(COMPONENT_OPTIONS)).forEach((key, value) -> {
            String option = StringHelper.dashToCamelCase(key.toString().substring(COMPONENT_OPTIONS.length()));
            if (!option.equals(ENDPOINT_URL)) {
                options.put(option, camel.resolvePropertyPlaceholders(value.toString()));
            }
        });
        PropertyBindingSupport.build().withCamelContext(camel).withTarget(component).withProperties(options)
                .withMandatory(true).bind();
    }

    /** The action's endpoint as its recognition route has it, on this command's endpoint. */
    private String endpointUri(CamelContext camel, OcrAction action) {
        StringBuilder uri = new StringBuilder("tencent-ocr:").append(action.actionName())
                .append("?endpointUrl=").append(encode(endpoint));
        for (String key : ACTION_OPTIONS) {
            camel.getPropertiesComponent().resolveProperty("ocr." + action.documentKind() + "." + key)
                    .filter(value -> !value.isBlank())
                    .ifPresent(value -> uri.append('&').append(StringHelper.dashToCamelCase(key)).append('=')
                            .append(encode(value.trim())));
        }
        return uri.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The first folder between the image and the folder given whose name is a document kind. */
    private Optional<OcrAction> actionOfFolder(Path image) {
        Path stop = Files.isDirectory(target) ? target.toAbsolutePath().normalize().getParent() : null;
        for (Path p = image.toAbsolutePath().normalize().getParent(); p != null && !p.equals(stop); p = p.getParent()) {
            Path folder = p.getFileName();
            Optional<OcrAction> named = folder == null ? Optional.empty() : OcrAction.find(folder.toString());
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.empty();
    }

    /** The file, or the folder's regular files (hidden ones left out), in name order. */
    private List<Path> images() {
        if (!Files.isDirectory(target)) {
            return List.of(target);
        }
        try (Stream<Path> walk = Files.walk(target)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> csv == null || !p.toAbsolutePath().equals(csv.toAbsolutePath()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void print(PrintStream out, Row row) {
        String actionName = row.action == null ? "" : row.action.actionName();
        if (json) {
            ObjectNode line = JSON.createObjectNode();
            line.put("name", row.name);
            line.put("action", actionName);
            if (row.code != null) {
                line.put("code", row.code);
            } else {
                line.set("fields", JSON.valueToTree(row.fields));
            }
            out.println(line.toString());
            return;
        }
        // a file name (or an answer) is anybody's text: on a terminal it stays one row and cannot move the cursor
        out.println(Redactor.escapeControls(row.name) + "  " + actionName + (row.code == null ? ""
                : "  FAILED " + Redactor.escapeControls(row.code)
                + (NO_ACTION.equals(row.code) ? " (put it in health-code/ or korean-id-card/, or give --action)" : "")));
        int width = row.fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        row.fields.forEach((field, value) -> out.println("  " + pad(field, width) + "  " + shown(field, value)));
    }

    /** A field as the table shows it: the head image by its size only, a page of Base64 helping nobody there. */
    private static String shown(String field, Object value) {
        String text = text(value);
        return field.equals(OcrAction.PHOTO_FIELD) && !text.isEmpty()
                ? "(an image, " + text.length() + " characters of Base64: whole in --json and --csv)"
                : Redactor.escapeControls(text);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** One row per image: name, action, code, then every field of the actions that occur, in the API's order. */
    private void writeCsv(List<Row> rows) {
        Set<String> fields = new LinkedHashSet<>();
        for (OcrAction a : OcrAction.values()) {
            if (rows.stream().anyMatch(r -> r.action == a)) {
                fields.addAll(a.outputFields());
            }
        }
        rows.forEach(r -> fields.addAll(r.fields.keySet()));
        List<String> header = new ArrayList<>(List.of("name", "action", "code"));
        header.addAll(fields);
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                     .setHeader(header.toArray(String[]::new)).get())) {
            for (Row r : rows) {
                List<String> values = new ArrayList<>(List.of(r.name, r.action == null ? "" : r.action.actionName(),
                        r.code == null ? "" : r.code));
                fields.forEach(f -> values.add(text(r.fields.get(f))));
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
