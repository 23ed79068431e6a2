package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.Batch;
import org.repal.core.model.InitType;
import org.repal.core.model.ModelParameters;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnModel;
import org.repal.core.model.RnnParameters;
import org.repal.core.model.RnnType;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.store.Npy;
import org.repal.core.task.TaskData;
import org.repal.core.task.TaskSet;

/** Recording: the RNN's states, the window, independence from other models, unit checks. */
class ActivityRecorderTest {
    private static final int TRIALS = 60; // more than one RNN batch of 50

    @TempDir
    Path dir;

    private AnalysisTrials trials(int n) {
        ArtifactStore store = new LocalArtifactStore(dir.resolve("data"));
        if (!store.exists("AntiPerceptualDecisionMakingDelayResponse/test/trials.json")) {
            ActivityFixtures.writeTestSplit(store, TRIALS);
        }
        return AnalysisTrials.load(store, TaskSet.PDM, n);
    }

    private static RnnParameters rnn(RnnType type, int hidden, long seed) {
        return new RnnConfig(type, Activation.RELU, 7, hidden, 3, InitType.KAIMING).initialize(DataType.FLOAT, seed);
    }

    @Test
    void rnnActivityIsTheModelsStatesInTheWindow() {
        AnalysisTrials t = trials(TRIALS);
        TaskData d = ActivityFixtures.testSplit(TRIALS);
        ActivityWindow w = ActivityWindow.of(t, WindowMode.STIMULUS_AFTER_500MS);
        for (RnnType type : RnnType.values()) {
            RnnParameters p = rnn(type, 24, 5);
            Activity a = ActivityRecorder.record(p, t, w, Units.rnnHidden());
            assertArrayEquals(new int[] {TRIALS, 175, 24}, a.shape());

            // All trials in one float64 batch through RnnModel directly.
            RnnParameters p64 = p.copy(DataType.DOUBLE);
            RnnModel model = new RnnModel(p64);
            Batch batch = new Batch(DataType.DOUBLE, TRIALS, 350, 7);
            for (int b = 0; b < TRIALS; b++) {
                batch.setSample(b, b, d.inputsArray().toFloatArray(), d.targetsArray().toByteArray(),
                        d.masksArray().toBooleanArray());
            }
            model.forward(batch);
            double[] states = model.states(batch).toDoubles();
            double maxDiff = 0;
            double maxAbs = 0;
            for (int b = 0; b < TRIALS; b++) {
                for (int s = 50; s < 225; s++) {
                    for (int u = 0; u < 24; u++) {
                        double want = states[batch.row(s, b) * 24 + u];
                        maxDiff = Math.max(maxDiff, Math.abs(a.get(b, s - 50, u) - want));
                        maxAbs = Math.max(maxAbs, Math.abs(want));
                    }
                }
            }
            assertTrue(maxAbs > 1e-3, "the states are not trivially zero");
            assertTrue(maxDiff <= 1e-12 * Math.max(1, maxAbs), type + ": max difference " + maxDiff);

            // The reference's window is steps [0, 200) of the same states.
            Activity compat = ActivityRecorder.record(p, t, ActivityWindow.of(t, WindowMode.REFERENCE_COMPAT),
                    Units.rnnHidden());
            assertArrayEquals(new int[] {TRIALS, 200, 24}, compat.shape());
            for (int s = 50; s < 200; s++) {
                assertEquals(compat.get(7, s, 3), a.get(7, s - 50, 3));
            }
        }
    }

    @Test
    void oneModelsBytesDoNotDependOnTheModelsBesideIt() throws Exception {
        AnalysisTrials t = trials(TRIALS);
        ActivityWindow w = ActivityWindow.of(t, WindowMode.STIMULUS_AFTER_500MS);
        List<ModelParameters> models = List.of(rnn(RnnType.LEAKY_RNN, 16, 1),
                MambaConfig.of(8, 1).initialize(DataType.FLOAT, 2), rnn(RnnType.LEAKY_GRU, 32, 3));
        byte[][] alone = new byte[3][];
        for (int i = 0; i < 3; i++) {
            alone[i] = Npy.toBytes(ActivityRecorder.record(models.get(i), t, w, Units.defaultFor(config(models.get(i))))
                    .toNpy());
        }
        // All three at once on three threads, in reverse order, on another load of the same trials.
        AnalysisTrials again = trials(TRIALS);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<byte[]>> futures = new java.util.ArrayList<>();
            for (int i = 2; i >= 0; i--) {
                ModelParameters p = models.get(i);
                futures.add(pool.submit(() -> Npy.toBytes(ActivityRecorder.record(p, again, w,
                        Units.defaultFor(config(p))).toNpy())));
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(alone[i], futures.get(2 - i).get(), "model " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static org.repal.core.model.ModelConfig config(ModelParameters p) {
        return p instanceof RnnParameters r ? r.config() : ((org.repal.core.model.mamba.MambaParameters) p).config();
    }

    @Test
    void unitsAndWindowsThatDoNotFitAreRejected() {
        AnalysisTrials t = trials(4);
        ActivityWindow w = ActivityWindow.of(t, WindowMode.STIMULUS_AFTER_500MS);
        RnnParameters r = rnn(RnnType.LEAKY_RNN, 8, 1);
        ModelParameters m = MambaConfig.of(8, 2).initialize(DataType.FLOAT, 1);
        assertThrows(IllegalArgumentException.class, () -> ActivityRecorder.record(r, t, w, Units.mambaSsm(0)));
        assertThrows(IllegalArgumentException.class, () -> ActivityRecorder.record(m, t, w, Units.rnnHidden()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivityRecorder.record(m, t, w, Units.mambaSsm(2)));
        assertTrue(e.getMessage().contains("layer 2 outside 0..1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActivityRecorder.record(r, t,
                new ActivityWindow(WindowMode.STIMULUS_AFTER_500MS, 300, 351), Units.rnnHidden()));
        assertThrows(IllegalArgumentException.class, () -> Units.rnnHidden().withReferenceCompatConv());
        assertEquals(256, Units.mambaSsm(1).count(MambaConfig.of(8, 2)));
        assertEquals(8, Units.mambaStream().count(MambaConfig.of(8, 2)));
    }
}
