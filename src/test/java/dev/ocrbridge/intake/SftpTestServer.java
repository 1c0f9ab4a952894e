package dev.ocrbridge.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on loopback, serving a local folder. It can be stopped and started
 * again on the same port with the same host key, the way a server restarts.
 */
public final class SftpTestServer implements AutoCloseable {

    public static final String USER = "ocrbridge";
    public static final String PASSWORD = "sftp-test-password";

    private final Path root;
    private final KeyPair hostKey = ecKeyPair();
    private final KeyPair clientKey = rsaKeyPair();
    private final AtomicInteger passwordLogins = new AtomicInteger();
    private volatile Consumer<String> afterDownload = name -> { };
    private int port;
    private SshServer server;

    public SftpTestServer(Path root) {
        this.root = root;
    }

    public synchronized SftpTestServer start() throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, password, session) -> {
            passwordLogins.incrementAndGet();
            return USER.equals(user) && PASSWORD.equals(password);
        });
        s.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, clientKey.getPublic()));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
                // runs before the client gets the answer to its close: the client sees whatever this changes
                if (localHandle instanceof FileHandle f && f.getOpenOptions().contains(StandardOpenOption.READ)
                        && !f.getOpenOptions().contains(StandardOpenOption.WRITE)) {
                    afterDownload.accept(localHandle.getFile().getFileName().toString());
                }
            }
        });
        s.setSubsystemFactories(List.of(sftp));
        s.setFileSystemFactory(new VirtualFileSystemFactory(root));
        s.start();
        port = s.getPort();
        server = s;
        return this;
    }

    /** Stops at once, dropping every open session, as a crashing server does. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    /** Password logins the server was asked for, accepted or not. */
    int passwordLogins() {
        return passwordLogins.get();
    }

    /** Runs after a client has downloaded a file (its read handle closed), before the client is answered. */
    void afterDownload(Consumer<String> hook) {
        this.afterDownload = hook;
    }

    public int port() {
        return port;
    }

    Path root() {
        return root;
    }

    /** A known_hosts file holding this server's real host key. */
    public Path knownHosts(Path file) {
        return writeKnownHosts(file, hostKey.getPublic());
    }

    /** A known_hosts file that names this host and port with another key: what a changed host key looks like. */
    Path knownHostsWithAnotherKey(Path file) {
        return writeKnownHosts(file, ecKeyPair().getPublic());
    }

    /** The client's private key, PKCS#8 PEM, for privateKeyFile. */
    Path clientPrivateKey(Path file) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(clientKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeKnownHosts(Path file, PublicKey key) {
        try {
            return Files.writeString(file, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
