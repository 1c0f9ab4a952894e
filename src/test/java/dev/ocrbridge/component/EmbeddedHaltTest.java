package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Embedded in an integrator's runtime, with no service and no resume URL, a halt is seen and lifted over JMX (the
 * platform MBeanServer, camel-management): the {@code tencent-ocr} component's MBean shows the halts and its
 * operation {@code resume} sends the action again. The halt's one WARN line names that operation.
 */
class EmbeddedHaltTest extends CamelTestSupport {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final String URI = "tencent-ocr:" + ACTION.actionName() + "?rate=5";
    private static final String SOLD_OUT = "ResourcesSoldOut.ChargeStatusException";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(ACTION, 5));

    private final ListAppender<ILoggingEvent> producerLog = new ListAppender<>();
    private final Logger producerLogger = (Logger) LoggerFactory.getLogger(TencentOcrProducer.class);

    @Override
    public void configureTest(TestExecutionConfiguration testExecutionConfiguration) {
        super.configureTest(testExecutionConfiguration);
        testExecutionConfiguration.withEnableJMX();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SANDBOX.configure(context);
        return context;
    }

    @BeforeEach
    void captureProducerLog() {
        producerLog.start();
        producerLogger.addAppender(producerLog);
    }

    @AfterEach
    void releaseProducerLog() {
        producerLogger.detachAppender(producerLog);
        producerLog.stop();
    }

    @Test
    void theMBeanShowsAHaltAndItsResumeSendsAgain() throws Exception {
        TencentOcrComponent component = context.getComponent("tencent-ocr", TencentOcrComponent.class);
        assertThat(send(1).getException()).as("before the halt").isNull();
        component.halt(ACTION, "Storage.WriteFailed", null);
        assertThat(send(2).getException(TencentOcrException.class).refusedByHalt()).as("while halted").isTrue();

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = componentMBean(component);
        assertThat(server.isRegistered(name)).as("%s registered", name).isTrue();
        assertThat(server.getAttribute(name, "Halts")).isEqualTo(Map.of(ACTION.actionName(), "Storage.WriteFailed"));

        int before = SANDBOX.sandbox().requests().size();
        Object resumed = server.invoke(name, "resume", new Object[] {ACTION.actionName()},
                new String[] {String.class.getName()});

        assertThat(resumed).isEqualTo(true);
        assertThat(server.getAttribute(name, "Halts")).isEqualTo(Map.of());
        assertThat(send(3).getException()).as("after the resume over JMX").isNull();
        assertThat(SANDBOX.sandbox().requests()).hasSize(before + 1);
    }

    @Test
    void aHaltAnswerLogsOneWarningNamingTheJmxResume() throws Exception {
        TencentOcrComponent component = context.getComponent("tencent-ocr", TencentOcrComponent.class);
        assertThat(send(10).getException()).isNull();
        SANDBOX.sandbox().faults().actionAnswer(ACTION, SOLD_OUT);
        TencentOcrException halt = send(11).getException(TencentOcrException.class);
        assertThat(halt.code()).isEqualTo(SOLD_OUT);
        assertThat(send(12).getException(TencentOcrException.class).refusedByHalt()).isTrue();

        List<ILoggingEvent> warnings = producerLog.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).as("one line per halt, not per refused image").hasSize(1);
        String line = warnings.get(0).getFormattedMessage();
        assertThat(line).contains(ACTION.actionName(), SOLD_OUT, halt.requestId(),
                "JMX operation resume(\"" + ACTION.actionName() + "\")", componentMBean(component).toString());
        assertThat(line).doesNotContain(SandboxExtension.SECRET_ID, SandboxExtension.SECRET_KEY);
        assertThat(warnings.get(0).getThrowableProxy()).isNull();
    }

    private Exchange send(int variant) {
        byte[] image = TestImages.tinyPng(variant);
        return template.request(URI, e -> e.getMessage().setBody(image));
    }

    private ObjectName componentMBean(TencentOcrComponent component) throws Exception {
        return context.getManagementStrategy().getManagementObjectNameStrategy()
                .getObjectNameForComponent(component, "tencent-ocr");
    }
}
