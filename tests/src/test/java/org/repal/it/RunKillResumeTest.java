package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.Npy;
import org.repal.core.store.Npz;
import org.repal.core.store.Sha256;

/**
 * {@code repal run} killed with SIGKILL (runner and its task processes, as in a crash or an OOM kill) at seeded
 * random moments, once inside every stage (generate, train-rnn, train-mamba, dissimilarity, learning-dynamics,
 * attractors, report), and run again after each kill. After every kill no partial artifact is visible: each task
 * marker lists exactly the bytes of the uninterrupted run, and every visible file either has its final bytes or is
 * a complete intermediate (a training log or checkpoint, an activity recording) that parses to its end. The last
 * rerun ends with exactly the artifacts of the uninterrupted run.
 */
class RunKillResumeTest {
    /** The smallest plan with every stage: one RNN and one Mamba config, two groups, the attractor bench, the report. */
    private static final String CONFIG = """
            taskset: PDM
            seed: 7
            data: {train_size: 32, test_size: 8, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [relu], hidden: [8], lr: [0.01], batch_size: [8], init: [kaiming]}
            mamba: {d_model: [4], n_layers: [1], lr: [0.01], batch_size: [8]}
            groups: [master, untrained]
            training: {epochs: 2}
            dsa: {n_delays: 4, delay_interval: 2, rank: 8}
            dissimilarity: {configs_per_task: 1}
            learning_dynamics: {configs_per_task: 1}
            attractors: {scale: quick, sweep: false}
            report: {}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 1Gi, gpu: 0}
              train-mamba: {cpu: 1, memory: 1Gi, gpu: 0}
              dissimilarity: {cpu: 1, memory: 1Gi, gpu: 0}
              learning-dynamics: {cpu: 1, memory: 1Gi, gpu: 0}
              attractors: {cpu: 1, memory: 1Gi, gpu: 0}
              report: {cpu: 1, memory: 1Gi, gpu: 0}
            """;
    /** In the order a one-job run reaches them. */
    private static final List<String> STAGES = List.of("generate", "train-rnn", "train-mamba", "dissimilarity",
            "learning-dynamics", "attractors", "report");
    /** The seeds of the kill moments; {@code -Drepal.kill.seeds=1,5} picks others (e.g. one, on a busy machine). */
    private static final long[] SEEDS = java.util.Arrays.stream(System.getProperty("repal.kill.seeds", "1,2,3")
            .split(",")).mapToLong(x -> Long.parseLong(x.trim())).toArray();
    /**
     * The report's provenance tables hold each task's wall time, which differs from run to run by nature; every
     * other report file (figures, statistics, config) must match byte for byte.
     */
    private static final Set<String> WALL_TIME_FILES = Set.of("report/index.html", "report/tables/tasks.csv",
            "report/tables/wall_times_per_stage.csv");
    private static final Pattern DONE = Pattern.compile("run: \\[\\d+/\\d+] (\\S+): done in ([0-9.]+) s");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void killedAtSeededMomentsInEveryStageResumesToTheSameArtifacts() throws Exception {
        Path config = Files.writeString(tmp.resolve("all-stages.yaml"), CONFIG);
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(10));
        CliRunner.Result whole = cli.run("run", "--config", config.toString(), "--out", "whole", "--jobs", "1");
        assertEquals(0, whole.exitCode(), whole.describe());
        Map<String, String> expected = artifacts(tmp.resolve("whole"));
        Map<String, JsonNode> expectedMarkers = markers(tmp.resolve("whole"));
        // Each task's wall time in the uninterrupted run (JVM start included): the span its kill moment is drawn from.
        Map<String, Double> seconds = new LinkedHashMap<>();
        Matcher m = DONE.matcher(whole.stderr());
        while (m.find()) {
            seconds.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        for (String stage : STAGES) {
            assertTrue(seconds.keySet().stream().anyMatch(t -> stageOf(t).equals(stage)), stage + ": " + seconds);
        }

        // The seeds' runs are independent (own folders): two at a time, one per core.
        List<String> kills = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> seeds = new ArrayList<>();
            for (long seed : SEEDS) {
                seeds.add(pool.submit(() -> {
                    killAndResume(seed, config, cli, seconds, expected, expectedMarkers, kills);
                    return null;
                }));
            }
            for (var f : seeds) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err; // the assertion itself
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("RunKillResumeTest kills: " + kills);
    }

    /** One seed: a kill at a seeded moment inside each stage, a check after each, then a run to the end. */
    private void killAndResume(long seed, Path config, CliRunner cli, Map<String, Double> seconds,
                               Map<String, String> expected, Map<String, JsonNode> expectedMarkers, List<String> kills)
            throws Exception {
        Random random = new Random(seed);
        Path out = tmp.resolve("killed-" + seed);
        int attempt = 0;
        for (String stage : STAGES) {
            List<String> pending = seconds.keySet().stream().filter(t -> stageOf(t).equals(stage))
                    .filter(t -> !Files.exists(out.resolve(".repal/tasks/" + t + ".json"))).toList();
            if (pending.isEmpty()) {
                continue; // an earlier kill landed after this stage had finished
            }
            String task = pending.get(random.nextInt(pending.size()));
            double fraction = random.nextDouble();
            Path log = tmp.resolve("killed-" + seed + "-" + attempt++ + ".log");
            Process run = start(config, out, log);
            waitForLine(run, log, "run: start " + task);
            Thread.sleep(Math.round(fraction * seconds.get(task) * 1000));
            boolean killed = kill(run);
            String kill = "seed " + seed + ": " + task + " at " + String.format("%.0f", fraction * 100) + " % of "
                    + seconds.get(task) + " s" + (killed ? "" : " (the run had finished)");
            kills.add(kill);
            assertNothingPartial(out, expected, expectedMarkers, kill);
        }
        CliRunner.Result resumed = cli.run("run", "--config", config.toString(), "--out", out.getFileName()
                .toString(), "--jobs", "1");
        assertEquals(0, resumed.exitCode(), resumed.describe());
        assertEquals(expected, artifacts(out), "seed " + seed + " after kills " + kills);
        assertEquals(expectedMarkers.keySet(), markers(out).keySet());
    }

    /**
     * What a killed run leaves: markers only for tasks whose outputs are final (same hashes as the uninterrupted
     * run, and those files really hold them), and no visible file that is cut short.
     */
    private static void assertNothingPartial(Path out, Map<String, String> expected,
                                             Map<String, JsonNode> expectedMarkers, String kill) throws IOException {
        for (Map.Entry<String, JsonNode> e : markers(out).entrySet()) {
            JsonNode outputs = e.getValue().get("outputs");
            JsonNode final_ = expectedMarkers.get(e.getKey()).get("outputs");
            assertEquals(names(final_), names(outputs), kill + ": outputs in marker " + e.getKey());
            for (var o : outputs.properties()) {
                String key = o.getKey();
                assertEquals(o.getValue().asText(), Sha256.of(Files.readAllBytes(out.resolve(key))),
                        kill + ": " + key + " of finished task " + e.getKey());
                if (!WALL_TIME_FILES.contains(key)) {
                    assertEquals(final_.get(key).asText(), o.getValue().asText(), kill + ": " + key + " in marker "
                            + e.getKey());
                }
            }
        }
        for (Map.Entry<String, String> f : artifacts(out).entrySet()) {
            String key = f.getKey();
            if (f.getValue().equals(expected.get(key)) || WALL_TIME_FILES.contains(key)) {
                continue;
            }
            // Not (yet) the final bytes: only a rewritten intermediate may differ, and it must be whole.
            Path p = out.resolve(key);
            try {
                if (key.endsWith(".json")) {
                    JSON.readTree(p.toFile());
                } else if (key.endsWith(".npy")) {
                    Npy.read(Files.readAllBytes(p), key);
                } else if (key.endsWith(".npz")) {
                    Npz.read(new java.io.ByteArrayInputStream(Files.readAllBytes(p)), key);
                } else {
                    fail(kill + ": " + key + " is visible with bytes the finished run does not have");
                }
            } catch (IOException | RuntimeException e) {
                fail(kill + ": " + key + " is visible but incomplete: " + e.getMessage());
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The stage of a plan task: its name up to the group or architecture suffix. */
    private static String stageOf(String task) {
        for (String s : List.of("train-rnn", "train-mamba", "dissimilarity", "learning-dynamics")) {
            if (task.startsWith(s + "-") || task.equals(s)) {
                return s;
            }
        }
        return task;
    }

    /** {@code repal run --out OUT}, one task at a time, its output in log. */
    private Process start(Path config, Path out, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CliRunner.jarFromSystemProperty().toString(), "run", "--config", config.toString(), "--out",
                out.toString(), "--jobs", "1").directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    private static void waitForLine(Process run, Path log, String line) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (!Files.readString(log).contains(line) && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.readString(log).contains(line), "'" + line + "' never came:\n" + Files.readString(log));
    }

    /** SIGKILL to the runner and its task processes: no shutdown hooks, no cleanup. False if it had exited. */
    private static boolean kill(Process run) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(run.descendants().toList());
        tree.add(run.toHandle());
        boolean alive = run.isAlive();
        tree.forEach(ProcessHandle::destroyForcibly);
        run.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle h : tree) {
            h.onExit().get(30, TimeUnit.SECONDS);
        }
        return alive;
    }

    /** The task markers by task name. */
    private static Map<String, JsonNode> markers(Path out) throws IOException {
        Map<String, JsonNode> found = new TreeMap<>();
        Path dir = out.resolve(".repal/tasks");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                    found.put(p.getFileName().toString().replaceFirst("\\.json$", ""), JSON.readTree(p.toFile()));
                }
            }
        }
        return found;
    }

    /**
     * Every visible artifact with its SHA-256: not the runner's logs and markers, not the stores' hash records, no
     * hidden (dot-named) temporary file or folder, and not the report's wall-time tables.
     */
    private static Map<String, String> artifacts(Path out) throws IOException {
        Map<String, String> found = new TreeMap<>();
        if (!Files.isDirectory(out)) {
            return found;
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String key = out.relativize(p).toString();
                if (Stream.of(key.split("/")).noneMatch(seg -> seg.startsWith("."))) {
                    found.put(key, WALL_TIME_FILES.contains(key) ? "(wall times)" : Sha256.of(Files.readAllBytes(p)));
                }
            }
        }
        return found;
    }
}
