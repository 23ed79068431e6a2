package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
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
 * The generate → train-rnn plan of a tiny config with its store on S3 (S3Proxy): every artifact arrives with
 * the bytes a local-folder run writes, and a second run skips every task.
 */
class RunS3Test {
    private static final String TINY = """
            taskset: PDM
            seed: 1
            data: {train_size: 16, test_size: 4, seq_len: 400}
            rnn: {rnn_type: [leaky_rnn], activation: [tanh], hidden: [8], lr: [0.001], batch_size: [8], init: [kaiming]}
            groups: [pretrain_basic_frozen, untrained]
            training: {epochs: 1}
            dsa: {n_delays: 4, delay_interval: 1, rank: 8}
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
            """;
    private static S3ProxyServer server;
    private static Map<String, String> env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.shared();
        env = server.storeEnv();
    }


    private LocalRunner.Summary run(ArtifactStore store, Plan plan) throws Exception {
        return new LocalRunner(store, 2, tmp.resolve("logs"), new PrintWriter(new StringWriter()), env).run(plan);
    }

    private static Map<String, String> artifacts(ArtifactStore store) {
        Map<String, String> out = new TreeMap<>();
        for (String key : store.list("")) {
            // (a local folder also holds the sub-stores' own hash records, .repal-meta/)
            if ((key.startsWith("data/") || key.startsWith("models/")) && !key.contains(".repal-meta/")) {
                out.put(key, Sha256.of(store.get(key)));
            }
        }
        return out;
    }

    @Test
    void planRunsOnS3WithTheSameArtifactsAsLocally() throws Exception {
        Plan plan = Planner.plan(ConfigLoader.parse(TINY, "tiny.yaml"));
        try (ArtifactStore s3 = ArtifactStores.open("s3://repal-run/tiny", env);
             ArtifactStore local = ArtifactStores.open(tmp.resolve("local").toString())) {
            assertEquals(3, run(s3, plan).ran());
            run(local, plan);
            Map<String, String> onS3 = artifacts(s3);
            assertTrue(onS3.containsKey("models/pretrain_basic_frozen/leaky_rnn_tanh_8_0.001_8_kaiming/final.npz"),
                    onS3.keySet().toString());
            assertTrue(onS3.containsKey("data/manifest.json"));
            assertEquals(artifacts(local), onS3);
            for (Map.Entry<String, String> e : onS3.entrySet()) {
                assertEquals(e.getValue(), s3.stat(e.getKey()).orElseThrow().sha256(), e.getKey());
            }
            LocalRunner.Summary warm = run(s3, plan);
            assertEquals(0, warm.ran());
            assertEquals(3, warm.skipped());
        }
    }

    @Test
    void renderedWorkflowRunsOnS3AsItsPodsWould() throws Exception {
        // Each step is `repal task --store s3://… --config-json … --task …`, the container args of the pods.
        var config = ConfigLoader.parse(TINY, "tiny.yaml");
        var wf = org.repal.workflows.argo.WorkflowRenderer.workflow(config);
        try (ArtifactStore s3 = ArtifactStores.open("s3://repal-run/workflow", env);
             ArtifactStore local = ArtifactStores.open(tmp.resolve("local").toString())) {
            LocalRunner runner = new LocalRunner(s3, 2, tmp.resolve("logs"), new PrintWriter(new StringWriter()), env);
            assertEquals(3, runner.run(wf, null).ran());
            run(local, Planner.plan(config));
            assertEquals(artifacts(local), artifacts(s3));
            assertTrue(s3.exists(".repal/tasks/train-rnn-untrained.json"));
            // The plan runner and the workflow's steps share the markers.
            assertEquals(3, run(s3, Planner.plan(config)).skipped());
        }
    }
}
