package org.repal.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code repal} command line ({@code java -jar repal.jar ...}) as a child process and captures
 * its exit code, stdout and stderr. The jar comes from the system property {@code repal.cli.jar} (set by the
 * tests module's surefire configuration).
 */
final class CliRunner {

    /** What one run of the command produced. */
    record Result(int exitCode, String stdout, String stderr) {

        /** For assertion messages. */
        String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }

        /** Non-empty lines of stderr. */
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path jar;
    private final Path workDir;
    private final Duration timeout;

    CliRunner(Path workDir) {
        this(jarFromSystemProperty(), workDir, DEFAULT_TIMEOUT);
    }

    CliRunner(Path jar, Path workDir, Duration timeout) {
        this.jar = jar;
        this.workDir = workDir;
        this.timeout = timeout;
    }

    static Path jarFromSystemProperty() {
        String p = System.getProperty("repal.cli.jar");
        if (p == null || p.isBlank()) {
            throw new IllegalStateException("system property repal.cli.jar is not set (run through Maven surefire)");
        }
        Path jar = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist; build it with `mvn -q -B -o install -DskipTests`");
        }
        return jar;
    }

    Result run(String... args) {
        return run(Arrays.asList(args));
    }

    /** Runs {@code java -jar repal.jar args...} in the work directory with OMP_NUM_THREADS=1. */
    Result run(List<String> args) {
        return run(java.util.Map.of(), args);
    }

    /** As {@link #run(List)}, with these environment variables added (e.g. an S3 store's). */
    Result run(java.util.Map<String, String> env, String... args) {
        return run(env, Arrays.asList(args));
    }

    private Result run(java.util.Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().remove("REPAL_DEBUG");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("repal " + String.join(" ", args) + " did not finish within " + timeout
                        + "\n--- stdout ---\n" + partial(out) + "\n--- stderr ---\n" + partial(err));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running repal " + String.join(" ", args), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String partial(CompletableFuture<String> stream) {
        try {
            return stream.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "<unavailable: " + e + ">";
        }
    }

    /** One dedicated thread per stream (not the common pool, which may have a single worker). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                result.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("<error reading stream: " + e + ">");
            }
        }, "repal-cli-drain");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
