package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.Sha256;

/**
 * {@code repal run} killed with SIGKILL (runner and its task processes, as in a crash) in the middle of training
 * or of an analysis stage, then run again: the rerun skips what finished, redoes the rest, and ends with exactly
 * the artifacts of an uninterrupted run.
 */
class RunKillResumeTest {
    private static final String CONFIG = """
            taskset: PDM
            seed: 5
            data: {train_size: 64, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [relu], hidden: [8, 16], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master, untrained]
            training: {epochs: 2}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
            """;
    /** The same, with the analysis stages after training. */
    private static final String ANALYSIS_CONFIG = CONFIG.replace("resources:\n", """
            dissimilarity: {configs_per_task: 2}
            learning_dynamics: {configs_per_task: 2}
            resources:
              dissimilarity: {cpu: 1, memory: 1Gi, gpu: 0}
              learning-dynamics: {cpu: 1, memory: 1Gi, gpu: 0}
            """);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesToTheSameArtifacts() throws Exception {
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), CONFIG);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(5));
        CliRunner.Result whole = cli.run("run", "--config", config.toString(), "--out", "whole", "--jobs", "1");
        assertEquals(0, whole.exitCode(), whole.describe());

        // One task at a time; kill everything once the first training task is done and the next has started.
        Process run = start(config);
        waitFor(run, tmp.resolve("killed/.repal/tasks/train-rnn-master-0.json"));
        Thread.sleep(1500); // into the next task (a JVM start, then training)
        kill(run);
        int markersBefore = markers(tmp.resolve("killed"));
        assertTrue(markersBefore >= 2 && markersBefore < 5, "markers after the kill: " + markersBefore);

        CliRunner.Result resumed = cli.run("run", "--config", config.toString(), "--out", "killed", "--jobs", "1");
        assertEquals(0, resumed.exitCode(), resumed.describe());
        JsonNode summary = JSON.readTree(resumed.stdout().lines().findFirst().orElseThrow());
        assertEquals(markersBefore, summary.get("skipped").asInt(), resumed.describe());
        assertEquals(5 - markersBefore, summary.get("ran").asInt(), resumed.describe());
        Map<String, String> expected = artifacts(tmp.resolve("whole"));
        assertTrue(expected.keySet().stream().anyMatch(k -> k.endsWith("final.npz")), expected.keySet().toString());
        assertEquals(expected, artifacts(tmp.resolve("killed")));
    }

    @Test
    void runKilledInsideAnAnalysisStageResumesToTheSameArtifacts() throws Exception {
        Path config = Files.writeString(tmp.resolve("analysis.yaml"), ANALYSIS_CONFIG);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(8));
        CliRunner.Result whole = cli.run("run", "--config", config.toString(), "--out", "whole", "--jobs", "1");
        assertEquals(0, whole.exitCode(), whole.describe());

        // Killed as soon as the dissimilarity stage has written its first activity artifact.
        Process run = start(config);
        waitFor(run, tmp.resolve("killed/dissimilarity/rnn/activity"));
        kill(run);
        Path stage = tmp.resolve("killed/dissimilarity/rnn");
        for (String output : List.of("dissimilarity.csv", "summary.json", "manifest.json")) {
            assertTrue(!Files.exists(stage.resolve(output)), "a killed stage shows no output: " + output);
        }
        assertTrue(!Files.exists(tmp.resolve("killed/.repal/tasks/dissimilarity-rnn.json")));

        CliRunner.Result resumed = cli.run("run", "--config", config.toString(), "--out", "killed", "--jobs", "1");
        assertEquals(0, resumed.exitCode(), resumed.describe());
        JsonNode summary = JSON.readTree(resumed.stdout().lines().findFirst().orElseThrow());
        assertEquals(5, summary.get("skipped").asInt(), "generate and the 4 training tasks: " + resumed.describe());
        assertEquals(2, summary.get("ran").asInt(), resumed.describe());
        Map<String, String> expected = artifacts(tmp.resolve("whole"));
        assertTrue(expected.keySet().stream().anyMatch(k -> k.endsWith("dsa.npy")), expected.keySet().toString());
        assertTrue(expected.keySet().stream().anyMatch(k -> k.endsWith("over_learning.csv")), expected.keySet().toString());
        assertEquals(expected, artifacts(tmp.resolve("killed")));
    }

    /** {@code repal run --out killed}, one task at a time, its output in killed.log. */
    private Process start(Path config) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss16m",
                "-jar", CliRunner.jarFromSystemProperty().toString(), "run", "--config", config.toString(), "--out",
                "killed", "--jobs", "1").directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile()).start();
    }

    private void waitFor(Process run, Path appears) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (!Files.exists(appears) && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(appears), appears + " never appeared:\n" + Files.readString(tmp.resolve("killed.log")));
    }

    /** SIGKILL to the runner and its task processes: no shutdown hooks, no cleanup. */
    private void kill(Process run) throws InterruptedException, IOException {
        assertTrue(run.isAlive(), "the run finished before it could be killed:\n"
                + Files.readString(tmp.resolve("killed.log")));
        List<ProcessHandle> tree = new ArrayList<>(run.descendants().toList());
        tree.add(run.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        run.waitFor(30, TimeUnit.SECONDS);
    }

    private static int markers(Path out) throws IOException {
        Path dir = out.resolve(".repal/tasks");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    /** Every artifact (not the runner's logs and markers) with its SHA-256. */
    private static Map<String, String> artifacts(Path out) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String key = out.relativize(p).toString();
                if (!key.startsWith(".repal/") && !key.contains(".repal-meta")) {
                    found.put(key, Sha256.of(Files.readAllBytes(p)));
                }
            }
        }
        return found;
    }
}
