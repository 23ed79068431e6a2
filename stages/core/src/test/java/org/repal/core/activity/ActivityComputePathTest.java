package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.ComputePath;
import org.repal.core.model.InitType;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnParameters;
import org.repal.core.model.RnnType;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.task.TaskSet;

/** Activity recording on the ND4J path (run here on the CPU backend) equals the fast path's, for the RNN and GRU. */
class ActivityComputePathTest {
    private static final int TRIALS = 55; // one full RNN batch of 50 and a short one

    @TempDir
    Path dir;

    @Test
    void rnnActivityIsTheSameOnBothPaths() {
        LocalArtifactStore store = new LocalArtifactStore(dir.resolve("data"));
        ActivityFixtures.writeTestSplit(store, TRIALS);
        AnalysisTrials t = AnalysisTrials.load(store, TaskSet.PDM, TRIALS);
        ActivityWindow w = ActivityWindow.of(t, WindowMode.STIMULUS_AFTER_500MS);
        for (RnnType type : RnnType.values()) {
            for (Activation f : new Activation[] {Activation.RELU, Activation.SOFTPLUS}) {
                RnnParameters p = new RnnConfig(type, f, 7, 20, 3, InitType.KAIMING).initialize(DataType.FLOAT, 9);
                Activity fast = ActivityRecorder.record(p, t, w, Units.rnnHidden(), ComputePath.FAST);
                Activity array = ActivityRecorder.record(p, t, w, Units.rnnHidden(), ComputePath.ND4J);
                assertArrayEquals(fast.shape(), array.shape());
                double maxAbs = 0;
                double maxDiff = 0;
                int[] s = fast.shape();
                for (int i = 0; i < s[0]; i++) {
                    for (int k = 0; k < s[1]; k++) {
                        for (int u = 0; u < s[2]; u++) {
                            maxAbs = Math.max(maxAbs, Math.abs(fast.get(i, k, u)));
                            maxDiff = Math.max(maxDiff, Math.abs(fast.get(i, k, u) - array.get(i, k, u)));
                        }
                    }
                }
                assertTrue(maxAbs > 1e-3, "the states are not trivially zero");
                // Both record in float64: only the summation order of the GEMMs differs.
                assertTrue(maxDiff <= 1e-12 * Math.max(1, maxAbs), type + " " + f + ": max difference " + maxDiff);
            }
        }
    }
}
