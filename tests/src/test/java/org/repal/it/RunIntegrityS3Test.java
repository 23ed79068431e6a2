package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;
import org.repal.core.store.Sha256;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.local.LocalRunner;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.Planner;

/**
 * The integrity checks with the store on S3 (S3Proxy): an object replaced by one with a flipped byte makes the
 * next run redo the task that wrote it and end with the first run's objects; a task that reads such an object and
 * cannot remake it exits 2 naming it.
 */
class RunIntegrityS3Test {
    private static final String TINY = """
            taskset: PDM
            seed: 3
            data: {train_size: 16, test_size: 4, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [tanh], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [master, untrained]
            training: {epochs: 1}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
            """;
    private static final String DATA_FILE = "data/PerceptualDecisionMaking/train/targets.npy";
    private static final String CHECKPOINT =
            "models/master/leaky_rnn_tanh_8_0.001_8_kaiming/checkpoints/train_epoch_0.npz";

    @TempDir
    Path tmp;

    private LocalRunner.Summary run(ArtifactStore store, Plan plan, Map<String, String> env) throws Exception {
        return new LocalRunner(store, 1, tmp.resolve("logs"), new PrintWriter(new StringWriter()), env).run(plan);
    }

    /** Every object but the markers, with the SHA-256 of its bytes. */
    private static Map<String, String> artifacts(ArtifactStore store) {
        Map<String, String> out = new TreeMap<>();
        for (String key : store.list("")) {
            if (!key.startsWith(".repal/")) {
                out.put(key, Sha256.of(store.get(key)));
            }
        }
        return out;
    }

    /** Replaces the object by a copy with one bit flipped, as a stray upload would. */
    private static void flip(ArtifactStore store, String key, int fromEnd) {
        byte[] b = store.get(key);
        b[b.length - fromEnd] ^= 0x04;
        store.put(key, b);
    }

    private static Map<String, String> ran(LocalRunner.Summary s) {
        Map<String, String> out = new TreeMap<>(s.tasks());
        out.values().removeIf(v -> !v.equals("ran"));
        return out;
    }

    @Test
    void aFlippedByteOnS3RerunsTheTaskThatWroteIt() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        Map<String, String> env = server.storeEnv();
        Plan plan = Planner.plan(ConfigLoader.parse(TINY, "tiny.yaml"));
        try (ArtifactStore s3 = ArtifactStores.open("s3://repal-integrity/tiny", env)) {
            assertEquals(3, run(s3, plan, env).ran());
            Map<String, String> expected = artifacts(s3);
            assertTrue(expected.containsKey(DATA_FILE) && expected.containsKey(CHECKPOINT), expected.keySet().toString());

            flip(s3, DATA_FILE, 3);
            LocalRunner.Summary afterData = run(s3, plan, env);
            assertEquals(Map.of("generate", "ran"), ran(afterData), afterData.toString());
            assertEquals(expected, artifacts(s3));

            flip(s3, CHECKPOINT, 100);
            LocalRunner.Summary afterCheckpoint = run(s3, plan, env);
            assertEquals(Map.of("train-rnn-master", "ran"), ran(afterCheckpoint), afterCheckpoint.toString());
            assertEquals(expected, artifacts(s3));
            assertEquals(0, run(s3, plan, env).ran());

            // A pod running the training task again over a damaged data set: exit 2, one line naming the object.
            s3.delete(".repal/tasks/train-rnn-untrained.json");
            flip(s3, DATA_FILE, 3);
            CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(3));
            CliRunner.Result task = cli.run(env, "task", "--store", "s3://repal-integrity/tiny", "--config-json", TINY,
                    "--task", "train-rnn-untrained");
            assertEquals(2, task.exitCode(), task.describe());
            assertEquals(1, task.stderrLines().size(), task.describe());
            assertTrue(task.stderrLines().get(0).startsWith("task: s3://repal-integrity/tiny/" + DATA_FILE
                    + ": SHA-256 "), task.describe());
        }
    }
}
