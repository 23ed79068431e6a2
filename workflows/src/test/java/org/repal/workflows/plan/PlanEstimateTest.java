package org.repal.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.NpyArray;
import org.repal.core.store.Npz;
import org.repal.workflows.TinyExperiment;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;

class PlanEstimateTest {
    private static PlanEstimate.Stage stage(ExperimentConfig c, String name) {
        return PlanEstimate.byStage(PlanEstimate.tasks(c, Planner.plan(c))).stream()
                .filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void doublingTheConfigsDoublesTheTrainingEstimate() {
        ExperimentConfig one = ConfigLoader.parse(TinyExperiment.VALID, "tiny.yaml");
        ExperimentConfig two = ConfigLoader.parse(TinyExperiment.VALID.replace("lr: [0.001]", "lr: [0.001, 0.01]"),
                "tiny2.yaml");
        assertEquals(2 * one.rnn().size(), two.rnn().size());
        PlanEstimate.Stage a = stage(one, "train-rnn");
        PlanEstimate.Stage b = stage(two, "train-rnn");
        assertTrue(a.cpuHours() > 0);
        assertEquals(2 * a.cpuHours(), b.cpuHours(), 1e-12 * b.cpuHours());
        assertEquals(2 * a.bytes(), b.bytes());
        // and more epochs cost proportionally more training time
        ExperimentConfig three = ConfigLoader.parse(TinyExperiment.VALID.replace("epochs: 1", "epochs: 3"), "t3.yaml");
        assertEquals(3 * a.cpuHours(), stage(three, "train-rnn").cpuHours(), 1e-12 * a.cpuHours());
    }

    @Test
    void paperStagesAddUpToThePlanAndOnlyGpuStagesHaveGpuHours() {
        ExperimentConfig c = ConfigLoader.profile("paper");
        Plan p = Planner.plan(c);
        List<PlanEstimate.Stage> stages = PlanEstimate.byStage(PlanEstimate.tasks(c, p));
        assertEquals(p.tasks().size(), stages.stream().mapToInt(PlanEstimate.Stage::tasks).sum());
        assertTrue(p.tasks().size() <= Plan.MAX_TASKS);
        for (PlanEstimate.Stage s : stages) {
            int gpu = c.resources().get(s.stage()).gpu();
            assertEquals(gpu > 0, s.gpuHours() > 0, s.toString());
            assertTrue(s.bytes() > 0 && s.cpuHours() > 0, s.toString());
        }
        // train-rnn asks 4 cores and 1 GPU: its GPU-hours are its wall hours, a quarter of its core-hours
        PlanEstimate.Stage rnn = stages.stream().filter(s -> s.stage().equals("train-rnn")).findFirst().orElseThrow();
        assertEquals(rnn.cpuHours() / 4, rnn.gpuHours(), 1e-9 * rnn.cpuHours());
    }

    @Test
    void npzSizeIsTheBytesTheStoreWrites() {
        for (var m : List.of(RnnConfig.of(RnnType.LEAKY_GRU, Activation.RELU, 256),
                RnnConfig.of(RnnType.LEAKY_RNN, Activation.TANH, 128), new MambaConfig(7, 16, 2, 3))) {
            Map<String, NpyArray> w = m.zeros(DataType.FLOAT).toArrays();
            assertEquals(Npz.toBytes(w, false).length, PlanEstimate.npz(w), m.toString());
        }
    }

    @Test
    void withinLearningPairsFollowTheQuartileBins() {
        // 8 snapshots: 4 bins of 2; diagonal entries 3 pairs less 2 self-pairs, off-diagonal 3 pairs
        assertEquals(4 * 1 + 6 * 3, PlanEstimate.withinPairs(8));
        // 1 snapshot fills every bin: nothing to compare
        assertEquals(0, PlanEstimate.withinPairs(1));
    }
}
