package org.repal.core.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs a Python script against the machine's numpy (as core's NumpyPython); skips when python3 + numpy are absent. */
public final class NumpyCheck {
    private static Boolean available;

    private NumpyCheck() {
    }

    public static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                available = run(List.of("python3", "-c", "import numpy"), null)[0].equals("0");
            } catch (IOException e) {
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "python3 with numpy is not available on PATH: NumPy checks skipped");
    }

    /** Runs the script; fails the test with its output on a non-zero exit; returns stdout+stderr. */
    public static String runScript(Path dir, String script, String... args) throws IOException {
        Path file = Files.writeString(dir.resolve("check_" + System.nanoTime() + ".py"), script);
        List<String> command = new ArrayList<>(List.of("python3", file.toString()));
        command.addAll(List.of(args));
        String[] r = run(command, dir);
        if (!r[0].equals("0")) {
            Assertions.fail("python3 script failed with exit code " + r[0] + ":\n" + r[1]);
        }
        return r[1];
    }

    private static String[] run(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new String[] {"-1", out + "\n(timed out)"};
            }
            return new String[] {Integer.toString(p.exitValue()), out};
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
