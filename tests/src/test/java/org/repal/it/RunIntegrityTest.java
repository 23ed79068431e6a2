package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.Sha256;

/**
 * One byte flipped in a stored artifact of a finished {@code repal run} (a data file, a checkpoint, an activity
 * recording): the next run reruns the task that wrote it — and only what depends on a changed input — and ends
 * with exactly the artifacts of the uninterrupted run; a task or stage that reads a damaged input it cannot remake
 * exits 2 with one line naming the file. One tiny run is shared by the ordered steps, each of which leaves the
 * output folder as the uninterrupted run left it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunIntegrityTest {
    private static final String CONFIG = """
            taskset: PDM
            seed: 7
            data: {train_size: 48, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [relu], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master, untrained]
            training: {epochs: 2}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            dissimilarity: {configs_per_task: 1}
            learning_dynamics: {configs_per_task: 1}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
              dissimilarity: {cpu: 1, memory: 1Gi, gpu: 0}
              learning-dynamics: {cpu: 1, memory: 1Gi, gpu: 0}
            """;
    private static final String MODEL = "leaky_rnn_relu_8_0.001_8_kaiming";
    private static final String DATA_FILE = "data/AntiPerceptualDecisionMaking/train/inputs.npy";
    /** The training split of the task group master trains on. */
    private static final String TRAINED_FILE = "data/AntiPerceptualDecisionMakingDelayResponse/train/inputs.npy";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp; // static: filled before @BeforeAll
    private Path config;
    private Path out;
    private CliRunner cli;
    /** The uninterrupted run's artifacts with their SHA-256. */
    private Map<String, String> expected;
    private int tasks;

    @BeforeAll
    void runOnce() throws Exception {
        config = Files.writeString(tmp.resolve("tiny.yaml"), CONFIG);
        out = tmp.resolve("out");
        cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(5));
        CliRunner.Result whole = run();
        JsonNode summary = summary(whole);
        tasks = summary.get("tasks").asInt();
        assertEquals(tasks, summary.get("ran").asInt(), whole.describe());
        expected = artifacts(out);
        assertTrue(expected.containsKey(DATA_FILE), expected.keySet().toString());
    }

    private CliRunner.Result run() {
        CliRunner.Result r = cli.run("run", "--config", config.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, r.exitCode(), r.describe());
        return r;
    }

    private static JsonNode summary(CliRunner.Result r) throws IOException {
        return JSON.readTree(r.stdout().lines().findFirst().orElseThrow());
    }

    /** The tasks the run started ({@code run: [i/n] <task>: done in …}). */
    private static List<String> ran(CliRunner.Result r) {
        return r.stderrLines().stream().filter(l -> l.startsWith("run: [") && l.contains(": done in "))
                .map(l -> l.substring(l.indexOf("] ") + 2, l.indexOf(": done in "))).sorted().toList();
    }

    /** Flips one bit of the file's byte at {@code at} (from the end when negative), in place. */
    private void flip(String key, int at) throws IOException {
        Path p = out.resolve(key);
        byte[] b = Files.readAllBytes(p);
        int i = at >= 0 ? at : b.length + at;
        b[i] ^= 0x10;
        Files.write(p, b);
    }

    private void rerunsExactly(List<String> tasksThatRun) throws IOException {
        CliRunner.Result again = run();
        assertEquals(tasksThatRun, ran(again), again.describe());
        JsonNode summary = summary(again);
        assertEquals(tasks - tasksThatRun.size(), summary.get("skipped").asInt(), again.describe());
        assertEquals(expected, artifacts(out), "after the rerun every artifact is the uninterrupted run's");
        CliRunner.Result warm = run();
        assertEquals(0, summary(warm).get("ran").asInt(), "and the next run finds everything done: " + warm.describe());
    }

    @Test
    @Order(1)
    void aFlippedByteInAGeneratedDataFileRerunsGenerate() throws Exception {
        flip(DATA_FILE, 200); // inside the float32 inputs, after the .npy header
        // generate makes the same bytes again, so nothing downstream sees a changed input.
        rerunsExactly(List.of("generate"));
    }

    @Test
    @Order(2)
    void aFlippedByteInACheckpointRerunsTheTrainingTaskThatWroteIt() throws Exception {
        String checkpoint;
        try (Stream<Path> s = Files.list(out.resolve("models/master/" + MODEL + "/checkpoints"))) {
            checkpoint = "models/master/" + MODEL + "/checkpoints/" + s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".npz")).sorted().findFirst().orElseThrow();
        }
        flip(checkpoint, -40);
        rerunsExactly(List.of("train-rnn-master"));
    }

    @Test
    @Order(3)
    void aFlippedByteInAnActivityRecordingRerunsTheAnalysisThatRecordedIt() throws Exception {
        String activity;
        try (Stream<Path> s = Files.walk(out.resolve("dissimilarity/rnn/activity"))) {
            activity = out.relativize(s.filter(p -> p.toString().endsWith(".npy")).sorted().findFirst().orElseThrow())
                    .toString();
        }
        flip(activity, -8);
        rerunsExactly(List.of("dissimilarity-rnn"));
    }

    @Test
    @Order(4)
    void aTaskGivenADamagedInputItCannotRemakeExitsTwoNamingTheFile() throws Exception {
        // Force the training task to run again (as the user did), with a damaged data file under it.
        Files.delete(out.resolve(".repal/tasks/train-rnn-master.json"));
        flip(TRAINED_FILE, 200);
        CliRunner.Result task = cli.run("task", "--store", out.toString(), "--config-json", CONFIG, "--task",
                "train-rnn-master");
        assertEquals(2, task.exitCode(), task.describe());
        assertEquals(1, task.stderrLines().size(), task.describe());
        assertTrue(task.stderrLines().get(0).startsWith("task: " + out.toRealPath().resolve(TRAINED_FILE) + ": SHA-256 "),
                task.describe());
        assertTrue(task.stderrLines().get(0).contains("the marker of task generate"), task.describe());

        // The stage itself checks what it reads against the data set's manifest, whoever calls it.
        CliRunner.Result stage = cli.run("train-rnn", "--data", out.resolve("data").toString(), "--taskset", "PDM",
                "--group", "master", "--rnn-type", "leaky_rnn", "--activation", "relu", "--hidden", "8", "--lr",
                "0.001", "--batch-size", "8", "--epochs", "2", "--seed", "7", "--no-progress", "--out",
                tmp.resolve("elsewhere").toString());
        assertEquals(2, stage.exitCode(), stage.describe());
        String line = stage.stderrLines().get(stage.stderrLines().size() - 1);
        assertTrue(line.contains(out.toRealPath().resolve(TRAINED_FILE) + ": SHA-256 "), stage.describe());
        assertTrue(line.contains("data/manifest.json records SHA-256 "), stage.describe());
        assertTrue(!Files.exists(tmp.resolve("elsewhere/master/" + MODEL + "/final.npz")), "nothing trained");

        // The runner sees the damage first and regenerates the data; training then finds its model intact.
        CliRunner.Result again = run();
        assertEquals(List.of("generate", "train-rnn-master"), ran(again), again.describe());
        assertEquals(expected, artifacts(out));
    }

    /** Every artifact (not the runner's logs and markers, nor the stores' hash records) with its SHA-256. */
    private static Map<String, String> artifacts(Path out) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String key = out.relativize(p).toString();
                if (!key.startsWith(".repal/") && !key.contains(".repal-meta")) {
                    found.put(key, Sha256.of(p));
                }
            }
        }
        return found;
    }
}
