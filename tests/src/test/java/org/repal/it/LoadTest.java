package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.linalg.VectorApi;
import org.repal.core.metric.Procrustes;
import org.repal.core.metric.Samples;
import org.repal.core.metric.Trajectories;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.Npy;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Sha256;
import org.repal.workflows.config.ConfigJson;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.local.LocalRunner;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.Planner;

/**
 * Load: 16 {@code repal task} processes at once writing to one S3 bucket (S3Proxy), and a pairwise matrix over 200
 * arrays. Nothing is lost or mixed up (every artifact equals a one-at-a-time local run's; matrix entries equal the
 * pair computed directly) and each process's peak resident memory stays bounded (printed for the record).
 */
class LoadTest {
    /** 8 groups × 2 chunks: 16 training tasks that can all run at once once the data set exists. */
    private static final String CONFIG = """
            taskset: PDM
            seed: 9
            data: {train_size: 16, test_size: 4, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [tanh], hidden: [4, 6], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [untrained, master_frozen, master, pretrain_basic_frozen, pretrain_anti_frozen, pretrain_delay_frozen,
                     pretrain_basic_anti_frozen, pretrain_basic_delay_frozen]
            training: {epochs: 1, chunks_per_group: 2}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 1Gi, gpu: 0}
            """;
    /** Per process: far above what a tiny task needs, far below 16 × a machine's memory. */
    private static final long RSS_LIMIT_KB = 1_500_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void sixteenConcurrentTasksOnOneBucketLoseAndMixNothing() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        ExperimentConfig config = ConfigLoader.parse(CONFIG, "load.yaml");
        Plan plan = Planner.plan(config);
        List<PlanTask> training = plan.tasks().stream().filter(t -> t.stage().equals("train-rnn")).toList();
        assertEquals(16, training.size(), plan.tasks().toString());
        String store = "s3://repal-load/run";
        String configJson = ConfigJson.write(config);

        Measured generate = task(server, store, configJson, "generate");
        assertEquals(0, generate.exit(), generate.output());
        List<Process> running = new ArrayList<>();
        List<Measured> results = new ArrayList<>();
        List<Thread> watchers = new ArrayList<>();
        for (PlanTask t : training) {
            Process p = taskProcess(server, store, configJson, t.name())
                    .redirectOutput(tmp.resolve(t.name() + ".log").toFile()).start();
            running.add(p);
            Measured[] slot = new Measured[1];
            results.add(null);
            int index = results.size() - 1;
            Thread w = new Thread(() -> {
                try {
                    slot[0] = measure(p, tmp.resolve(t.name() + ".log"));
                    synchronized (results) {
                        results.set(index, slot[0]);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            w.start();
            watchers.add(w);
        }
        for (Thread w : watchers) {
            w.join(TimeUnit.MINUTES.toMillis(10));
        }
        running.forEach(Process::destroyForcibly);
        long peak = 0;
        for (int i = 0; i < training.size(); i++) {
            Measured m = results.get(i);
            assertTrue(m != null && m.exit() == 0, training.get(i).name() + ": " + (m == null ? "no result" : m.output()));
            JsonNode status = JSON.readTree(m.output().lines().filter(l -> l.startsWith("{\"task\"")).reduce((a, b) -> b)
                    .orElseThrow());
            assertEquals("ran", status.get("status").asText(), m.output());
            peak = Math.max(peak, m.peakRssKb());
        }
        System.out.println("LoadTest: 16 concurrent repal task processes, peak RSS per process " + peak / 1024
                + " MiB (generate: " + generate.peakRssKb() / 1024 + " MiB)");
        assertTrue(peak < RSS_LIMIT_KB, "peak RSS " + peak + " kB");

        Map<String, String> env = server.storeEnv();
        try (ArtifactStore s3 = ArtifactStores.open(store, env);
             ArtifactStore local = ArtifactStores.open(tmp.resolve("local").toString())) {
            new LocalRunner(local, 2, tmp.resolve("local-logs"), new PrintWriter(new StringWriter()), Map.of()).run(plan);
            Map<String, String> expected = artifacts(local);
            assertEquals(16, expected.keySet().stream().filter(k -> k.endsWith("final.npz")).count(),
                    expected.keySet().toString());
            assertEquals(expected, artifacts(s3));
            assertEquals(17, s3.list(".repal/tasks/").size());
        }
    }

    @Test
    void pairwiseMatrixOverTwoHundredArrays() throws Exception {
        int n = 200;
        Random random = new Random(11);
        List<String> args = new ArrayList<>(List.of("-Xmx256m", "-jar", CliRunner.jarFromSystemProperty().toString(),
                "compare", "--pairwise", "--metric", "procrustes"));
        List<Trajectories> arrays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int trials = 4;
            int time = 30;
            int neurons = 2 + i % 4; // Procrustes pads: unequal widths on purpose
            double[] data = new double[trials * time * neurons];
            for (int k = 0; k < data.length; k++) {
                data[k] = random.nextGaussian();
            }
            Path f = tmp.resolve(String.format("a%03d.npy", i));
            Npy.write(NpyArray.ofDoubles(data, trials, time, neurons), f);
            arrays.add(new Trajectories(data, trials, time, neurons));
            args.add(f.toString());
        }
        Path out = tmp.resolve("procrustes.npy");
        args.addAll(List.of("--out", out.toString()));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("compare.log").toFile()).start();
        Measured m = measure(p, tmp.resolve("compare.log"));
        assertEquals(0, m.exit(), m.output());
        System.out.println("LoadTest: compare --pairwise over " + n + " arrays (" + n * (n - 1) / 2
                + " pairs, -Xmx256m): peak RSS " + m.peakRssKb() / 1024 + " MiB, " + m.seconds() + " s");
        assertTrue(m.peakRssKb() < RSS_LIMIT_KB, "peak RSS " + m.peakRssKb() + " kB");

        NpyArray matrix = Npy.read(Files.readAllBytes(out), out.toString());
        assertEquals(List.of(n, n), List.of(matrix.shape()[0], matrix.shape()[1]));
        double[] d = matrix.toDoubleArray();
        JsonNode json = JSON.readTree(m.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        for (int i = 0; i < n; i++) {
            assertEquals(String.format("a%03d", i), json.get("names").get(i).asText());
            assertEquals(0.0, d[i * n + i]);
            for (int j = 0; j < i; j++) {
                assertEquals(d[i * n + j], d[j * n + i], "symmetric at " + i + "," + j);
                assertEquals(d[i * n + j], json.get("procrustes").get(i).get(j).asDouble(), 0.0);
            }
        }
        // Entries are the pairs they claim to be: spot checks against the metric computed here.
        for (int k = 0; k < 40; k++) {
            int i = random.nextInt(n);
            int j = random.nextInt(n);
            if (i == j) {
                continue;
            }
            double direct = Procrustes.compare(Samples.of(arrays.get(i)), Samples.of(arrays.get(j))).dissimilarity();
            assertEquals(direct, d[i * n + j], 1e-12, "entry " + i + "," + j);
        }
    }

    record Measured(int exit, long peakRssKb, double seconds, String output) {
    }

    private static ProcessBuilder taskProcess(S3ProxyServer server, String store, String configJson, String task)
            throws IOException {
        // The vector module as repal run's task JVMs and the images load it: float32 networks' step products run on
        // it (FloatProduct), OpenBLAS's without it, so the bytes compared below would differ in the last bits.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=" + VectorApi.VECTOR_MODULE, "-jar", CliRunner.jarFromSystemProperty().toString(),
                "task", "--store", store, "--config-json", configJson, "--task", task).redirectErrorStream(true);
        pb.environment().putAll(server.storeEnv());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("ND4J_SKIP_BLAS_THREADS", "1");
        return pb;
    }

    private Measured task(S3ProxyServer server, String store, String configJson, String task) throws Exception {
        Path log = tmp.resolve(task + ".log");
        return measure(taskProcess(server, store, configJson, task).redirectOutput(log.toFile()).start(), log);
    }

    /** Waits for the process, sampling its peak resident set (VmHWM, Linux) until it exits. */
    private static Measured measure(Process p, Path log) throws Exception {
        long t0 = System.nanoTime();
        long peak = 0;
        Path status = Path.of("/proc/" + p.pid() + "/status");
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // exited between the check and the read
            }
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return new Measured(p.exitValue(), peak, Math.round((System.nanoTime() - t0) / 1e8) / 10.0,
                Files.exists(log) ? Files.readString(log) : "");
    }

    private static Map<String, String> artifacts(ArtifactStore store) {
        Map<String, String> out = new TreeMap<>();
        for (String key : store.list("")) {
            if (!key.startsWith(".repal/") && !key.contains(".repal-meta/")) {
                out.put(key, Sha256.of(store.get(key)));
            }
        }
        return out;
    }
}
