package dev.ocrbridge.operations;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * monitoring/'s Grafana dashboard and Prometheus alert rules against the real service: every metric their PromQL
 * names is one {@code /observe/metrics} serves (after one recognized image, when the call meters exist), and the
 * rules file has the shape Prometheus loads (groups of named rules, each an alert with an expression).
 */
class MonitoringKitTest {

    private static final Path KIT = Path.of("monitoring");
    /** Words of PromQL that read like a metric name but are not one. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static List<String> dashboardExpressions;
    private static JsonNode rules;

    @TempDir
    Path data;
    private PipelineHarness harness;

    @BeforeAll
    static void readKit() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(KIT.resolve("grafana-dashboard.json").toFile());
        dashboardExpressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> dashboardExpressions.add(e.asText()));
        rules = new YAMLMapper().readTree(KIT.resolve("prometheus-alerts.yml").toFile());
    }

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsServed() throws Exception {
        harness = PipelineHarness.start(data);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "card.png", TestImages.noisePng(1));
        // not an image: rejected by the pre-check, so a dead-letter code has its gauge
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "note.png", "not an image".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> PipelineHarness.files(harness.outbox(RECOGNIZE_HEALTH_CODE_OCR)).size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> harness.http("GET", "/observe/metrics").getValue().contains("ocrbridge_dead_letters{"));

        Map.Entry<Integer, String> scrape = harness.http("GET", "/observe/metrics");
        assertThat(scrape.getKey()).isEqualTo(200);
        Set<String> served = servedNames(scrape.getValue());

        Set<String> named = new TreeSet<>();
        dashboardExpressions.forEach(e -> named.addAll(metricNames(e)));
        alertRules().forEach(rule -> named.addAll(metricNames(rule.get("expr").asText())));

        assertThat(named).as("the kit names the backlog, halt, dead-letter, rate and refusal metrics")
                .contains("ocrbridge_inbox_files", "ocrbridge_inbox_oldest_seconds", "ocrbridge_backlog_eta_seconds",
                        "ocrbridge_halted", "ocrbridge_dead_letters", "ocrbridge_send_rate", "ocrbridge_quota_rate",
                        "ocrbridge_api_latency_seconds_count");
        assertThat(served).containsAll(named);
    }

    @Test
    void theAlertRulesHaveTheShapePrometheusLoadsAndCoverHaltsBacklogDeadLettersAndRefusals() {
        assertThat(rules.path("groups").isArray()).isTrue();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rules.get("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.path("rules").isArray()).isTrue();
        }
        for (JsonNode rule : alertRules()) {
            assertThat(rule.path("alert").asText()).as("every rule is an alert with a name").matches("[A-Za-z]\\w*");
            assertThat(rule.path("expr").asText()).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
            if (rule.has("for")) {
                assertThat(rule.get("for").asText()).matches("\\d+[smh]");
            }
            assertThat(alerts.add(rule.get("alert").asText())).as("alert names are unique").isTrue();
        }
        List<String> expressions = alertRules().stream().map(r -> r.get("expr").asText()).toList();
        assertThat(expressions).anySatisfy(e -> assertThat(e).contains("ocrbridge_halted"))
                .anySatisfy(e -> assertThat(e).contains("ocrbridge_inbox_oldest_seconds"))
                .anySatisfy(e -> assertThat(e).contains("ocrbridge_dead_letters"))
                .anySatisfy(e -> assertThat(e).contains("RequestLimitExceeded"));
    }

    private static List<JsonNode> alertRules() {
        List<JsonNode> all = new ArrayList<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(all::add));
        return all;
    }

    /** The names of the samples a Prometheus text scrape holds (histogram and summary suffixes included). */
    private static Set<String> servedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            Matcher m = IDENTIFIER.matcher(line);
            if (!line.startsWith("#") && m.lookingAt()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /**
     * The metric names in a PromQL expression: its identifiers once label matchers, grouping lists, ranges, strings and
     * Grafana's variables are taken out, less function calls and keywords.
     */
    static Set<String> metricNames(String promql) {
        String stripped = promql.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < stripped.length() && Character.isWhitespace(stripped.charAt(next))) {
                next++;
            }
            boolean call = next < stripped.length() && stripped.charAt(next) == '(';
            if (!call && !KEYWORDS.contains(word.toLowerCase()) && (m.start() == 0
                    || !Character.isDigit(stripped.charAt(m.start() - 1)) && stripped.charAt(m.start() - 1) != '.')) {
                names.add(word);
            }
        }
        return names;
    }
}
