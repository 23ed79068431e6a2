package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.Npy;
import org.repal.core.store.Npz;

/**
 * {@code repal run} writing to a disk that is or becomes full (a small tmpfs): exit 2 with one line naming the file
 * and "No space left on device", no task marker for what did not finish and no visible half-written artifact; with
 * space freed, the same command completes. Needs permission to mount a tmpfs (root, as in CI); skipped otherwise.
 */
class DiskFullTest {
    private static final String TINY = """
            taskset: PDM
            seed: 4
            data: {train_size: 16, test_size: 4, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [tanh], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master, untrained]
            training: {epochs: 2}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 1Gi, gpu: 0}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private final List<Path> mounts = new ArrayList<>();

    /** A tmpfs of this size at tmp/name, or the test is skipped when mounting is not allowed here. */
    private Path tmpfs(String name, String size) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(ok, "cannot mount a tmpfs here (needs root): " + out.trim());
        mounts.add(dir);
        return dir;
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            new ProcessBuilder("umount", "-l", m.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void fullFromTheStartExitsTwoNamingTheFile() throws Exception {
        Path disk = tmpfs("small", "256k");
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        CliRunner.Result r = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(5))
                .run("run", "--config", config.toString(), "--out", disk.resolve("out").toString(), "--jobs", "1");
        assertEquals(2, r.exitCode(), r.describe());
        String last = r.stderrLines().get(r.stderrLines().size() - 1);
        assertTrue(last.startsWith("run: generate exited 2: generate: cannot write " + disk.resolve("out/data")),
                last);
        assertTrue(last.contains("No space left on device"), last);
        System.out.println("DiskFullTest, full from the start: exit " + r.exitCode() + ": " + last);
        assertEquals(List.of(), visibleFiles(disk.resolve("out")), "a failed generate leaves no dataset");
        assertFalse(Files.exists(disk.resolve("out/.repal/tasks/generate.json")));
    }

    @Test
    void fillingUpMidRunStopsCleanlyAndResumesOnceFreed() throws Exception {
        Path disk = tmpfs("fills", "4m");
        Path out = disk.resolve("out");
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
        Path log = tmp.resolve("run.log");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                CliRunner.jarFromSystemProperty().toString(), "run", "--config", config.toString(), "--out",
                out.toString(), "--jobs", "1").directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Path filler = disk.resolve("filler");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.exists(out.resolve(".repal/tasks/generate.json")) && run.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(run.isAlive(), Files.readString(log));
            fill(filler); // the data set is in; training has no room
            assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the run did not stop");
        } finally {
            run.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(2, run.exitValue(), output);
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("No space left on device") && last.contains(out.toString()), output);
        System.out.println("DiskFullTest, filled after generate: exit " + run.exitValue() + ": " + last);
        assertFalse(Files.exists(out.resolve(".repal/tasks/train-rnn-master.json")), output);
        assertNothingCutShort(out);

        Files.delete(filler);
        CliRunner.Result again = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(5))
                .run("run", "--config", config.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, again.exitCode(), again.describe());
        for (String group : List.of("master", "untrained")) {
            assertTrue(Files.exists(out.resolve("models/" + group + "/leaky_rnn_tanh_8_0.001_8_kaiming/final.npz")));
        }
    }

    /** Writes until the file system refuses. */
    private static void fill(Path filler) {
        byte[] block = new byte[1 << 16];
        try (OutputStream o = Files.newOutputStream(filler)) {
            while (true) {
                o.write(block);
            }
        } catch (IOException full) {
            // ENOSPC: the disk is full
        }
    }

    /** Every visible file (no dot-named segment) is whole: it parses to its end. */
    private static void assertNothingCutShort(Path out) throws IOException {
        for (Path p : visibleFiles(out)) {
            String name = p.getFileName().toString();
            try {
                if (name.endsWith(".json")) {
                    JSON.readTree(p.toFile());
                } else if (name.endsWith(".npy")) {
                    Npy.read(Files.readAllBytes(p), p.toString());
                } else if (name.endsWith(".npz")) {
                    Npz.read(new java.io.ByteArrayInputStream(Files.readAllBytes(p)), p.toString());
                }
            } catch (IOException | RuntimeException e) {
                fail(p + " is visible but cut short: " + e.getMessage());
            }
        }
    }

    private static List<Path> visibleFiles(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(out.relativize(p).toString().split("/")).noneMatch(x -> x.startsWith(".")))
                    .toList();
        }
    }
}
