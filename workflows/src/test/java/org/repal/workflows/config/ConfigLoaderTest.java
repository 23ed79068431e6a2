package org.repal.workflows.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    /** A valid config; tests replace one line to break one field. */
    static final String VALID = """
            taskset: PDM
            seed: 0
            store: out
            data:
              train_size: 24
              test_size: 8
              seq_len: 400
            rnn:
              rnn_type: [leaky_rnn]
              activation: [relu]
              hidden: [8]
              lr: [0.001]
              batch_size: [8]
              init: [kaiming]
            groups: [master, untrained]
            training:
              epochs: 1
            dsa:
              n_delays: 4
              delay_interval: 1
              rank: 8
            resources:
              generate: {cpu: 1, memory: 1Gi, gpu: 0}
              train-rnn: {cpu: 1, memory: 2Gi, gpu: 0}
            """;

    private static String error(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> ConfigLoader.parse(yaml, "experiment.yaml"))
                .getMessage();
    }

    @Test
    void attractorBenchIsOptionalAndNeedsAScaleAndResources() {
        assertEquals(null, ConfigLoader.parse(VALID, "experiment.yaml").attractors());
        String bench = VALID.replace("resources:\n", "attractors: {scale: quick}\nresources:\n");
        assertEquals("experiment.yaml: resources.attractors: missing", error(bench));
        String withResources = bench + "  attractors: {cpu: 2, memory: 2Gi, gpu: 0}\n";
        assertEquals("quick", ConfigLoader.parse(withResources, "experiment.yaml").attractors().scale());
        assertEquals("experiment.yaml: attractors.scale: must be one of quick, paper, got 'huge'",
                error(withResources.replace("scale: quick", "scale: huge")));
    }

    @Test
    void mambaGridIsOptionalAndValidatedFieldByField() {
        assertEquals(null, ConfigLoader.parse(VALID, "experiment.yaml").mamba());
        String grid = VALID.replace("groups:", "mamba: {d_model: [8], n_layers: [1, 2], lr: [0.005], batch_size: [16]}\ngroups:");
        assertEquals("experiment.yaml: resources.train-mamba: missing", error(grid));
        String ok = grid + "  train-mamba: {cpu: 2, memory: 2Gi, gpu: 0}\n";
        assertEquals(2, ConfigLoader.parse(ok, "experiment.yaml").mamba().size());
        assertEquals("experiment.yaml: mamba.d_model: must be >= 1, got 0", error(ok.replace("d_model: [8]", "d_model: [0]")));
        assertEquals("experiment.yaml: mamba.n_layers: must list at least one value",
                error(ok.replace("n_layers: [1, 2]", "n_layers: []")));
        assertEquals("experiment.yaml: mamba.lr: must be a positive number, got -0.1",
                error(ok.replace("lr: [0.005]", "lr: [-0.1]")));
        assertTrue(error(ok.replace("batch_size: [16]}", "batch_size: [16], expand: 2}")).contains("expand"));
    }

    @Test
    void dissimilarityIsOptionalAndItsSubGridsMustBelongToTheGrids() {
        assertEquals(null, ConfigLoader.parse(VALID, "experiment.yaml").dissimilarity());
        String with = VALID.replace("resources:\n", "dissimilarity: {configs_per_task: 2}\nresources:\n")
                + "  dissimilarity: {cpu: 2, memory: 2Gi, gpu: 0}\n";
        assertEquals(2, ConfigLoader.parse(with, "experiment.yaml").dissimilarity().configsPerTask());
        assertEquals("experiment.yaml: dissimilarity.configs_per_task: must be >= 1, got 0",
                error(with.replace("configs_per_task: 2", "configs_per_task: 0")));
        assertEquals("experiment.yaml: dissimilarity.rnn_vs_mamba: needs a mamba grid",
                error(with.replace("configs_per_task: 2}", "configs_per_task: 2, rnn_vs_mamba: {}}")));
        String cross = with.replace("groups:", "mamba: {d_model: [8], n_layers: [1], lr: [0.005], batch_size: [16]}\ngroups:")
                .replace("configs_per_task: 2}", "configs_per_task: 2, rnn_vs_mamba: {rnn: {hidden: [16]}}}")
                + "  train-mamba: {cpu: 1, memory: 1Gi, gpu: 0}\n";
        assertEquals("experiment.yaml: dissimilarity.rnn_vs_mamba.rnn.hidden: must list values of the grid's own list"
                + " [8], got [16]", error(cross));
        assertEquals(8, ConfigLoader.parse(cross.replace("hidden: [16]", "hidden: [8]"), "experiment.yaml")
                .dissimilarity().rnnVsMamba().rnn().hidden().get(0));
    }

    @Test
    void learningDynamicsIsOptionalAndNeedsResources() {
        assertEquals(null, ConfigLoader.parse(VALID, "experiment.yaml").learningDynamics());
        String with = VALID.replace("resources:\n", "learning_dynamics: {}\nresources:\n");
        assertEquals("experiment.yaml: resources.learning-dynamics: missing", error(with));
        String ok = with + "  learning-dynamics: {cpu: 1, memory: 1Gi, gpu: 0}\n";
        assertEquals(1, ConfigLoader.parse(ok, "experiment.yaml").learningDynamics().configsPerTask());
        assertEquals("experiment.yaml: learning_dynamics.configs_per_task: must be >= 1, got -1",
                error(ok.replace("learning_dynamics: {}", "learning_dynamics: {configs_per_task: -1}")));
    }

    @Test
    void reportIsOptionalWithDefaultsAndNeedsResources() {
        assertEquals(null, ConfigLoader.parse(VALID, "experiment.yaml").report());
        String with = VALID.replace("resources:\n", "report: {}\nresources:\n");
        assertEquals("experiment.yaml: resources.report: missing", error(with));
        String ok = with + "  report: {cpu: 1, memory: 1Gi, gpu: 0}\n";
        ExperimentConfig c = ConfigLoader.parse(ok, "experiment.yaml");
        assertEquals(3, c.report().minModels());
        assertEquals(0.05, c.report().alpha());
        assertEquals("report", org.repal.workflows.plan.Planner.plan(c).tasks().get(
                org.repal.workflows.plan.Planner.plan(c).tasks().size() - 1).name());
        assertEquals("experiment.yaml: report.min_models: must be >= 2, got 1",
                error(ok.replace("report: {}", "report: {min_models: 1}")));
        assertEquals("experiment.yaml: report.alpha: must be in (0, 1), got 1.5",
                error(ok.replace("report: {}", "report: {alpha: 1.5}")));
    }

    @Test
    void storesWithCredentialsAreRefusedWithoutShowingThem() {
        String e = error(VALID.replace("store: out", "store: s3://AKIAEXAMPLE:topsecret@minio:9000/bucket"));
        assertTrue(e.startsWith("experiment.yaml: store: must not hold credentials (got 's3://***@minio:9000/bucket')"), e);
        e = error(VALID + "cluster: {store: 's3://AKIAEXAMPLE:topsecret@bucket/x'}\n");
        assertTrue(e.startsWith("experiment.yaml: cluster.store: must not hold credentials"), e);
        assertTrue(!e.contains("topsecret") && !e.contains("AKIAEXAMPLE"), e);
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertTrue(error(VALID + "seed: 4\n").contains("Duplicate field 'seed'"), error(VALID + "seed: 4\n"));
        assertTrue(error(VALID.replace("epochs: 1", "epochs: .nan")).startsWith(
                "experiment.yaml: training.epochs: expected a finite number in range"));
    }

    @Test
    void validConfigParses() {
        ExperimentConfig c = ConfigLoader.parse(VALID, "experiment.yaml");
        assertEquals(24, c.data().trainSize());
        assertEquals(8, c.dsa().rank());
        assertEquals(1, c.rnn().size());
    }

    @Test
    void unknownKeyIsNamed() {
        String m = error(VALID.replace("  epochs: 1", "  epochs: 1\n  epocs: 2"));
        assertTrue(m.startsWith("experiment.yaml: training.epocs: unknown key"), m);
    }

    @Test
    void wrongTypeIsNamed() {
        String m = error(VALID.replace("train_size: 24", "train_size: lots"));
        assertTrue(m.startsWith("experiment.yaml: data.train_size: expected an integer"), m);
        String l = error(VALID.replace("hidden: [8]", "hidden: [8, big]"));
        assertTrue(l.startsWith("experiment.yaml: rnn.hidden[1]: expected an integer"), l);
        String f = error(VALID.replace("epochs: 1", "epochs: 1.5"));
        assertTrue(f.startsWith("experiment.yaml: training.epochs: expected an integer"), f);
        String s = error(VALID.replace("rnn_type: [leaky_rnn]", "rnn_type: {a: 1}"));
        assertTrue(s.startsWith("experiment.yaml: rnn.rnn_type"), s);
    }

    @Test
    void impossibleValuesAreNamed() {
        assertEquals("experiment.yaml: data.train_size: must be >= 1, got -5",
                error(VALID.replace("train_size: 24", "train_size: -5")));
        assertEquals("experiment.yaml: training.epochs: must be >= 1, got 0",
                error(VALID.replace("epochs: 1", "epochs: 0")));
        assertEquals("experiment.yaml: training.mamba_epochs: must be >= 1, got 0",
                error(VALID.replace("epochs: 1", "epochs: 1\n  mamba_epochs: 0")));
        assertEquals("experiment.yaml: training.target_accuracy: must be a number between 0 and 1 (exclusive), got 1.5",
                error(VALID.replace("epochs: 1", "epochs: 1\n  target_accuracy: 1.5")));
        assertTrue(error(VALID.replace("epochs: 1", "epochs: 1\n  target_accuracy: high"))
                .startsWith("experiment.yaml: training.target_accuracy: expected"));
        assertEquals("experiment.yaml: data.test_size: missing", error(VALID.replace("  test_size: 8\n", "")));
        assertTrue(error(VALID.replace("relu]", "relux]")).startsWith("experiment.yaml: rnn.activation: "));
        assertTrue(error(VALID.replace("[master, untrained]", "[master, nope]")).startsWith("experiment.yaml: groups: "));
        assertTrue(error(VALID.replace("memory: 1Gi", "memory: lots")).startsWith(
                "experiment.yaml: resources.generate.memory: "));
    }

    @Test
    void onlyStagesThatComputeOnAGpuMayAskForOne() {
        assertEquals(1, ConfigLoader.parse(VALID.replace("memory: 2Gi, gpu: 0", "memory: 2Gi, gpu: 1"), "experiment.yaml")
                .resources().get("train-rnn").gpu());
        assertEquals("experiment.yaml: resources.generate.gpu: must be 0: generate computes on the CPU in either image"
                + " (only train-rnn runs on a GPU), got 1", error(VALID.replace("memory: 1Gi, gpu: 0", "memory: 1Gi, gpu: 1")));
        String mamba = VALID.replace("groups:", "mamba: {d_model: [8], n_layers: [1], lr: [0.005], batch_size: [16]}\ngroups:")
                + "  train-mamba: {cpu: 2, memory: 2Gi, gpu: 1}\n";
        assertTrue(error(mamba).startsWith("experiment.yaml: resources.train-mamba.gpu: must be 0: train-mamba computes"
                + " on the CPU"), error(mamba));
    }

    @Test
    void rankAboveDelaysTimesHiddenIsRejected() {
        assertEquals("experiment.yaml: dsa.rank: must be <= n_delays x hidden = 4 x 8 = 32, got 33",
                error(VALID.replace("rank: 8", "rank: 33")));
    }

    @Test
    void invalidYamlIsReported() {
        assertTrue(error("taskset: [PDM\n").startsWith("experiment.yaml: "));
    }

    @Test
    void bundledProfilesAreValid() {
        ExperimentConfig paper = ConfigLoader.profile("paper");
        assertEquals(64, paper.rnn().size());
        assertEquals(11, paper.groups().size());
        assertEquals(10_000, paper.data().trainSize());
        assertEquals(50, paper.training().epochs());
        assertEquals(33, paper.dsa().nDelays());
        assertEquals(6, paper.dsa().delayInterval());
        assertEquals(50, paper.dsa().rank());
        ExperimentConfig quick = ConfigLoader.profile("quick");
        assertEquals(10, quick.groups().size(), "every analysis group");
        assertTrue(quick.rnn().size() == 1 && quick.mamba().size() == 1, "one RNN and one Mamba config");
        assertEquals(0.8, quick.training().targetAccuracy());
        assertTrue(quick.training().epochs() <= 12 && quick.training().mambaEpochsOrDefault() <= 12);
        assertEquals(paper.training().epochs(), paper.training().mambaEpochsOrDefault(), "defaults to epochs");
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.profile("huge"));
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, VALID.replace("seed: 0", "seed: zero"));
        String m = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(f)).getMessage();
        assertTrue(m.startsWith("exp.yaml: seed: expected an integer"), m);
    }

    @Test
    void clusterSectionsDefaultSoOlderConfigsLoad() {
        ExperimentConfig c = ConfigLoader.parse(VALID, "experiment.yaml");
        assertEquals("repal", c.image().repository());
        assertEquals(ProjectVersion.RELEASE, c.image().tag());
        assertTrue(c.image().tag().matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), c.image().tag());
        assertEquals("IfNotPresent", c.image().pullPolicy());
        assertEquals(null, c.cluster().namespace());
        assertEquals("repal-workflow", c.cluster().serviceAccount());
        assertEquals("repal-artifact-repository", c.cluster().artifactRepository().configMap());
        assertEquals("repal", c.cluster().artifactRepository().key());
        assertEquals(new ExperimentConfig.S3Secret("repal-s3", "accessKey", "secretKey"), c.cluster().s3Secret());
        assertEquals("s3://repal/repal", c.cluster().store());
        assertEquals("s3://repal/quick", ConfigLoader.profile("quick").cluster().store());
        assertEquals(false, c.cluster().gpu().enabled());
        assertEquals("nvidia.com/gpu", c.cluster().gpu().resource());
        // Partly given sections keep the defaults of the rest.
        ExperimentConfig p = ConfigLoader.parse(VALID + "image: {tag: v2}\ncluster: {gpu: {resource: amd.com/gpu}}\n",
                "experiment.yaml");
        assertEquals("repal:v2", p.image().reference());
        assertEquals("amd.com/gpu", p.cluster().gpu().resource());
        assertEquals("repal-workflow", p.cluster().serviceAccount());
    }

    @Test
    void clusterValuesAreCheckedNamingTheField() {
        assertTrue(error(VALID + "image: {pull_policy: Sometimes}\n").startsWith(
                "experiment.yaml: image.pull_policy: must be one of Always, IfNotPresent, Never"));
        assertTrue(error(VALID + "image: {repository: Repal}\n").startsWith("experiment.yaml: image.repository: "));
        assertTrue(error(VALID + "image: {tag: 'a b'}\n").startsWith("experiment.yaml: image.tag: "));
        assertTrue(error(VALID + "image: {gpu_tag: '-x'}\n").startsWith("experiment.yaml: image.gpu_tag: "));
        assertEquals("registry.example/repal:2.0-cuda", ConfigLoader.parse(VALID
                + "image: {repository: registry.example/repal, tag: '2.0'}\n", "x.yaml").image().gpuReference());
        assertTrue(error(VALID + "cluster: {namespace: My_NS}\n").startsWith("experiment.yaml: cluster.namespace: "));
        assertTrue(error(VALID + "cluster: {store: /data/out}\n").startsWith(
                "experiment.yaml: cluster.store: must be s3://bucket/prefix"));
        assertTrue(error(VALID + "cluster: {s3_secret: {name: ''}}\n").startsWith(
                "experiment.yaml: cluster.s3_secret.name: "));
        assertTrue(error(VALID + "cluster: {artifact_repository: {config_map: a/b}}\n").startsWith(
                "experiment.yaml: cluster.artifact_repository.config_map: "));
        assertTrue(error(VALID + "cluster: {gpu: {enabled: yes please}}\n").startsWith(
                "experiment.yaml: cluster.gpu.enabled: "));
        assertTrue(error(VALID + "cluster: {gpu: {enabled: true}}\n").startsWith(
                "experiment.yaml: cluster.gpu.enabled: is true but no stage asks for a GPU"));
        assertTrue(error(VALID + "cluster: {gpu: {tolerations: [{key: x, operator: Maybe}]}}\n").startsWith(
                "experiment.yaml: cluster.gpu.tolerations[0].operator: "));
        assertTrue(error(VALID + "cluster: {gpu: {node_selector: {'a b': x}}}\n").startsWith(
                "experiment.yaml: cluster.gpu.node_selector.a b: "));
        assertEquals("experiment.yaml: cluster.parallelism: must be >= 1, got 0",
                error(VALID + "cluster: {parallelism: 0}\n"));
        assertTrue(error(VALID + "cluster: {gpus: {}}\n").startsWith("experiment.yaml: cluster.gpus: unknown key"));
        assertTrue(error(VALID + "name: " + "x".repeat(58) + "\n").startsWith("experiment.yaml: name: must be at most 57"));
        assertTrue(error(VALID.replace("cpu: 1,", "cpu: 0.0001,")).startsWith("experiment.yaml: resources.generate.cpu: "));
    }

    @Test
    void canonicalJsonParsesBackToTheSameConfig() {
        for (String name : ConfigLoader.PROFILES) {
            ExperimentConfig c = ConfigLoader.profile(name);
            String json = ConfigJson.write(c);
            assertEquals(c, ConfigLoader.parse(json, "--config-json"));
            assertEquals(json, ConfigJson.write(ConfigLoader.parse(json, "--config-json")));
            assertTrue(!json.contains("\n") && !json.contains(": "), json);
        }
    }
}
