package org.repal.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs Python scripts against the machine's numpy; tests using it skip when python3 + numpy are absent. */
final class NumpyPython {
    private static final long TIMEOUT_SECONDS = 120;
    private static Boolean available;

    private NumpyPython() {
    }

    /** Skips the calling test unless "python3 -c 'import numpy'" works. */
    static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                available = run(List.of("python3", "-c", "import numpy"), null).exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "python3 with numpy is not available on PATH: NumPy cross-checks skipped");
    }

    /** Runs the script with the arguments and fails the test (showing its output) on a non-zero exit. */
    static String runScript(Path workDir, String script, String... args) throws IOException {
        Path file = Files.writeString(workDir.resolve("check_" + System.nanoTime() + ".py"), script);
        List<String> command = new ArrayList<>(List.of("python3", file.toString()));
        command.addAll(List.of(args));
        Result r = run(command, workDir);
        if (r.exitCode != 0) {
            Assertions.fail("python3 script failed with exit code " + r.exitCode + ":\n" + r.output);
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            // Output is small; read it fully (this also waits for the end of the stream).
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + "\n(timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
    }
}
