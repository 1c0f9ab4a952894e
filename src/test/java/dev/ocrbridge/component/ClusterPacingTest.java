package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.client.RequestPacer;
import dev.ocrbridge.cluster.TestPostgres;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster pacing through the component: three nodes (CamelContexts, each with its own DataSource on one
 * PostgreSQL, as separate JVMs would have) call one action with one account against a sandbox whose quota equals
 * the configured rate. Together they stay within the quota (zero RequestLimitExceeded, no sliding second over it);
 * an overload one node meets slows the others. Invariants and directions only.
 */
class ClusterPacingTest {

    private static final int QUOTA = 10;
    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final String URI = "tencent-ocr:" + ACTION.actionName() + "?rate=" + QUOTA;
    /**
     * The sandbox judging here runs in this JVM, on the same two cores as three nodes, PostgreSQL and the build: on a
     * loaded machine it stamped a punctual request's arrival tens of ms late, and the next ones fell into its second
     * (one RequestLimitExceeded in 45, with the pacer's rule kept: any rate + 1 turns a period less 5 ms apart). The
     * API's gateway does not share the nodes' cores; a period 8 % longer leaves the judge that much. Three nodes
     * unpaced would send three times the quota.
     */
    private static final String JUDGE_MARGIN = "&pacingPeriodMillis=1100";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(ACTION, QUOTA));

    private static TestPostgres.Database db;
    private final List<CamelContext> nodes = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase(ClusterPacingTest.class.getSimpleName());
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(CamelContext::stop);
    }

    private CamelContext node() {
        CamelContext context = new DefaultCamelContext();
        SANDBOX.configure(context);
        context.getComponent("tencent-ocr", TencentOcrComponent.class).getConfiguration()
                .setQuotaDataSource(db.dataSource());
        context.start();
        nodes.add(context);
        return context;
    }

    @Test
    void threeNodesTogetherStayWithinTheAccountsQuota() {
        List<CamelContext> three = List.of(node(), node(), node());
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        int perNode = QUOTA + QUOTA / 2; // each node alone would send at the full rate: 3 x 15 images at once
        for (int i = 0; i < perNode; i++) {
            for (int n = 0; n < three.size(); n++) {
                byte[] image = TestImages.tinyPng(1000 * n + i);
                ProducerTemplate template = three.get(n).createProducerTemplate();
                calls.add(template.asyncSend(URI + JUDGE_MARGIN, e -> e.getMessage().setBody(image)));
            }
        }
        List<Exchange> done = calls.stream().map(CompletableFuture::join).toList();

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        List<ObservedRequest> seen = SANDBOX.sandbox().requests();
        assertThat(seen).hasSize(perNode * three.size());
        assertThat(seen).as("no RequestLimitExceeded: every request answered").allMatch(ObservedRequest::succeeded);
        List<Instant> arrivals = seen.stream().map(ObservedRequest::arrival).sorted().toList();
        for (int i = 0; i < arrivals.size(); i++) {
            Instant windowEnd = arrivals.get(i).plusSeconds(1);
            long count = arrivals.subList(i, arrivals.size()).stream().filter(a -> a.isBefore(windowEnd)).count();
            assertThat(count).as("arrivals in the second from arrival %d", i).isLessThanOrEqualTo(QUOTA);
        }
    }

    @Test
    void anOverloadMetByOneNodeSlowsTheOtherAndTheSharedRateClimbsBackForBoth() throws Exception {
        CamelContext a = node();
        CamelContext b = node();
        RequestPacer pacerA = pacer(a);
        RequestPacer pacerB = pacer(b);

        SANDBOX.sandbox().foreignLoad(ACTION, 6);
        await().atMost(Duration.ofSeconds(5)).until(() -> SANDBOX.sandbox().foreignAdmitted(ACTION) > 0);
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        ProducerTemplate templateA = a.createProducerTemplate();
        for (int i = 0; i < 3 * QUOTA; i++) {
            byte[] image = TestImages.tinyPng(300 + i);
            calls.add(templateA.asyncSend(URI, e -> e.getMessage().setBody(image)));
        }
        calls.forEach(CompletableFuture::join);
        assertThat(SANDBOX.sandbox().requests()).as("node A met the foreign load")
                .anyMatch(r -> ErrorCodes.REQUEST_LIMIT_EXCEEDED.equals(r.errorCode()));
        assertThat(pacerA.currentRate()).isLessThan(QUOTA);

        // node B never met RequestLimitExceeded itself: its next turn is paced at the lowered, shared rate
        SANDBOX.stopForeignLoad(ACTION);
        int overloadCalls = SANDBOX.sandbox().requests().size();
        ProducerTemplate templateB = b.createProducerTemplate();
        templateB.send(URI, e -> e.getMessage().setBody(TestImages.tinyPng(400)));
        double lowered = pacerB.currentRate();
        assertThat(lowered).isLessThan(QUOTA);

        // the shared rate climbs back once a probe is admitted (its curve, up to the full quota, is AdaptiveRateTest's
        // and PostgresRequestPacerTest's); every poll is one more request of node B, and one of them the probe
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            templateB.send(URI, e -> e.getMessage().setBody(TestImages.tinyPng(401)));
            return pacerB.currentRate() > lowered;
        });
        double climbed = pacerB.currentRate();
        // and node A, whose own overload it was, paces at the climbed shared rate at its next turn
        templateA.send(URI, e -> e.getMessage().setBody(TestImages.tinyPng(402)));
        assertThat(pacerA.currentRate()).isGreaterThanOrEqualTo(climbed).isLessThanOrEqualTo(QUOTA);
        assertThat(SANDBOX.sandbox().requests().subList(overloadCalls, SANDBOX.sandbox().requests().size()))
                .as("after the foreign load stopped, nothing refused").allMatch(ObservedRequest::succeeded);
    }

    private static RequestPacer pacer(CamelContext node) throws Exception {
        TencentOcrEndpoint endpoint = node.getEndpoint(URI, TencentOcrEndpoint.class);
        endpoint.start();
        return endpoint.caller().pacer();
    }
}
