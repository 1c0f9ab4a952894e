package dev.ocrbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.service.PipelineHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the shipped configuration the service starts without any mail or SFTP server, and stays that way. */
class ChannelsOffByDefaultTest {

    private static final List<String> CHANNEL_ROUTES =
            List.of("mail-health-code", "mail-korean-id-card", "sftp-health-code", "sftp-korean-id-card");

    @TempDir
    Path data;

    @Test
    void mailAndSftpRoutesAreOffAndAHaltThenResumeDoesNotStartThem() throws Exception {
        try (PipelineHarness harness = PipelineHarness.start(data)) {
            RouteController routes = harness.app().camelContext().getRouteController();
            for (String id : CHANNEL_ROUTES) {
                assertThat(routes.getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Stopped);
            }
            assertThat(routes.getRouteStatus("file-drop-health-code")).isEqualTo(ServiceStatus.Started);

            HaltSwitch halt = harness.app().camelContext().getRegistry()
                    .lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
            halt.halt(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, "ResourcesSoldOut.ChargeStatusException", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> routes.getRouteStatus("file-drop-health-code").isSuspended());
            assertThat(halt.resume("health-code")).isTrue();

            assertThat(routes.getRouteStatus("file-drop-health-code")).isEqualTo(ServiceStatus.Started);
            for (String id : CHANNEL_ROUTES) {
                assertThat(routes.getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Stopped);
            }
        }
    }
}
