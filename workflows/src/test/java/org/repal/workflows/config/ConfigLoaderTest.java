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
        assertEquals("experiment.yaml: data.test_size: missing", error(VALID.replace("  test_size: 8\n", "")));
        assertTrue(error(VALID.replace("relu]", "relux]")).startsWith("experiment.yaml: rnn.activation: "));
        assertTrue(error(VALID.replace("[master, untrained]", "[master, nope]")).startsWith("experiment.yaml: groups: "));
        assertTrue(error(VALID.replace("memory: 1Gi", "memory: lots")).startsWith(
                "experiment.yaml: resources.generate.memory: "));
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
        assertTrue(quick.rnn().size() <= 2 && quick.groups().size() <= 3 && quick.training().epochs() <= 3);
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.profile("huge"));
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, VALID.replace("seed: 0", "seed: zero"));
        String m = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(f)).getMessage();
        assertTrue(m.startsWith("exp.yaml: seed: expected an integer"), m);
    }
}
