package dev.ocrbridge.service;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.testsupport.TestImages;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint whose certificate the JVM does not trust is a configuration condition: the action halts at once
 * instead of retrying for minutes and then dead-lettering every image.
 */
class TlsFailureTest {

    @TempDir
    Path data;
    @TempDir
    Path keys;

    @Test
    void anUntrustedCertificateHaltsTheActionAndKeepsTheFile() throws Exception {
        HttpsServer server = selfSignedServer();
        AtomicInteger answered = new AtomicInteger();
        server.createContext("/", exchange -> {
            answered.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        Properties p = new Properties();
        p.setProperty("ocr.endpoint", "https://127.0.0.1:" + server.getAddress().getPort());
        try (PipelineHarness harness = PipelineHarness.start(data, dev.ocrbridge.sandbox.OcrSandbox.builder(), p)) {
            HaltSwitch halt = harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
            Path dropped = harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "card.png", TestImages.noisePng(7));
            await().atMost(Duration.ofSeconds(20)).until(() -> halt.haltOf(RECOGNIZE_HEALTH_CODE_OCR).isPresent());
            assertThat(halt.haltOf(RECOGNIZE_HEALTH_CODE_OCR).get().code()).isEqualTo(ErrorCodes.TLS_FAILED);
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.app().camelContext().getRouteController()
                    .getRouteStatus("file-drop-health-code").isSuspended());
            assertThat(dropped).exists();
            assertThat(PipelineHarness.files(harness.data().resolve("dead-letter"))).isEmpty();
            assertThat(answered).as("no request got through the handshake").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    private HttpsServer selfSignedServer() throws Exception {
        Path store = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).as("keytool made a self-signed certificate").isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return server;
    }
}
