package org.repal.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real S3 server for tests: S3Proxy with the filesystem backend in its own JVM (its dependencies
 * clash with ours), on a random loopback port, data in a temp folder. The classpath comes from the
 * file named by the system property {@code repal.s3proxy.classpath}, written by the s3proxy-runtime
 * module. When it is missing the test is skipped, or fails if REPAL_SHARED is set (CI).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String CLASSPATH_PROPERTY = "repal.s3proxy.classpath";
    public static final String ACCESS_KEY = "repal-test-access";
    public static final String SECRET_KEY = "repal-test-secret-0123456789";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final int START_ATTEMPTS = 3;

    private volatile Process process;
    private final Path workDir;
    private final int port;
    private final String classpath;

    private S3ProxyServer(Process process, Path workDir, int port, String classpath) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
        this.classpath = classpath;
    }

    private static S3ProxyServer shared;

    /**
     * One server for every test class of this JVM (each uses its own buckets), started on first use and stopped
     * when the JVM exits: S3Proxy's start-up is paid once per test run instead of once per class.
     */
    public static synchronized S3ProxyServer shared() throws IOException {
        if (shared == null || !shared.process.isAlive()) {
            S3ProxyServer started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3proxy-stop"));
            shared = started;
        }
        return shared;
    }

    /** Starts a server and waits until it accepts connections. */
    public static S3ProxyServer start() throws IOException {
        String classpath = Files.readString(classpathFile()).trim();
        Path workDir = Files.createTempDirectory("repal-s3proxy-");
        String lastLog = "";
        // The free port is found by binding and releasing it, so another process may take it
        // before S3Proxy binds: retry on a fresh port in that case.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = workDir.resolve("s3proxy-" + attempt + ".log");
            Process p = launch(classpath, workDir, port, log);
            S3ProxyServer server = new S3ProxyServer(p, workDir, port, classpath);
            try {
                if (server.awaitPort(log)) {
                    return server;
                }
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            lastLog = readLog(log);
            server.stopProcess();
            if (!lastLog.contains("Address already in use")) {
                break;
            }
        }
        deleteTree(workDir);
        throw new IllegalStateException("S3Proxy exited during start-up; its output:\n" + lastLog);
    }

    private static Path classpathFile() {
        String property = System.getProperty(CLASSPATH_PROPERTY);
        String problem = property == null
                ? "system property " + CLASSPATH_PROPERTY + " is not set (run through Maven: mvn -pl tests -am test)"
                : Files.isRegularFile(Path.of(property)) ? null
                : "S3Proxy classpath file " + property + " does not exist (build module tests/s3proxy-runtime first)";
        if (problem != null) {
            if (System.getenv("REPAL_SHARED") != null) {
                Assertions.fail("S3 integration tests need S3Proxy: " + problem);
            }
            Assumptions.abort("S3 integration tests skipped: " + problem);
        }
        return Path.of(property);
    }

    private static Process launch(String classpath, Path workDir, int port, Path log) throws IOException {
        Path data = Files.createDirectories(workDir.resolve("data"));
        Path conf = workDir.resolve("s3proxy-" + port + ".conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""), StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", classpath,
                "org.gaul.s3proxy.Main", "--properties", conf.toString());
        return new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** True once the port accepts connections; false if the process died first. */
    private boolean awaitPort(Path log) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return true;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        String output = readLog(log);
        throw new IllegalStateException("S3Proxy did not open port " + port + " within "
                + START_TIMEOUT_MS / 1000 + " s; its output:\n" + output);
    }

    /**
     * Takes the server away (its process stopped, clients get "connection refused") while keeping its data, for
     * outage tests; {@link #restart()} brings it back on the same port. Not for the {@link #shared()} server.
     */
    public void stop() {
        stopProcess();
    }

    /** Starts the server again on its port with the data it had; waits until it accepts connections. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("S3Proxy on port " + port + " is running");
        }
        Path log = workDir.resolve("s3proxy-restart-" + System.nanoTime() + ".log");
        process = launch(classpath, workDir, port, log);
        if (!awaitPort(log)) {
            throw new IllegalStateException("S3Proxy did not restart on port " + port + ":\n" + readLog(log));
        }
    }

    /** The environment through which repal's stores and commands reach this server. */
    public java.util.Map<String, String> storeEnv() {
        return java.util.Map.of("REPAL_S3_ENDPOINT", endpoint(), "REPAL_S3_ACCESS_KEY", accessKey(),
                "REPAL_S3_SECRET_KEY", secretKey());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Stops the server (and anything it started) and deletes its data. */
    @Override
    public void close() {
        stopProcess();
        try {
            deleteTree(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete S3Proxy folder " + workDir, e);
        }
    }

    private void stopProcess() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
