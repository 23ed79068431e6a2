package org.repal.core.model.mamba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.activity.Activity;
import org.repal.core.activity.ActivityFixtures;
import org.repal.core.activity.ActivityRecorder;
import org.repal.core.activity.ActivityWindow;
import org.repal.core.activity.AnalysisTrials;
import org.repal.core.activity.Units;
import org.repal.core.activity.WindowMode;
import org.repal.core.store.LocalArtifactStore;
import org.repal.core.task.TaskData;
import org.repal.core.task.TaskSet;
import org.repal.core.testing.Closeness;

/**
 * Recorded Mamba activity against the sequence forward's buffers (the training pass), for every kind of units;
 * here because the sequence kernel is package-private.
 */
class ActivityMambaSequenceTest {
    private static final int TRIALS = 4;

    @TempDir
    Path dir;

    @Test
    void mambaActivityEqualsTheSequenceForwardsStates() {
        LocalArtifactStore store = new LocalArtifactStore(dir);
        TaskData d = ActivityFixtures.writeTestSplit(store, TRIALS);
        AnalysisTrials trials = AnalysisTrials.load(store, TaskSet.PDM, TRIALS);
        ActivityWindow w = ActivityWindow.of(trials, WindowMode.STIMULUS_AFTER_500MS);
        MambaConfig c = MambaConfig.of(8, 2);
        MambaParameters p = MambaFixtures.randomParameters(c, DataType.FLOAT, 17);
        Activity ssm0 = ActivityRecorder.record(p, trials, w, Units.defaultFor(c));
        Activity ssm1 = ActivityRecorder.record(p, trials, w, Units.mambaSsm(1));
        Activity stream = ActivityRecorder.record(p, trials, w, Units.mambaStream());
        assertArrayEquals(new int[] {TRIALS, 175, 256}, ssm0.shape());
        assertArrayEquals(new int[] {TRIALS, 175, 8}, stream.shape());

        MambaModel model = new MambaModel(p);
        MambaWeights wt = model.weights();
        MambaKernel k = new MambaKernel(p.layout());
        k.ensure(350);
        float[] x = d.inputsArray().toFloatArray();
        for (int b = 0; b < TRIALS; b++) {
            for (int i = 0; i < 350 * 7; i++) {
                k.x[i] = x[b * 350 * 7 + i];
            }
            k.forward(wt);
            for (int t = w.start(); t < w.end(); t++) {
                int row = t - w.start();
                Closeness.maxAbs(slice(ssm0, b, row), k.ssmState(0, t), 1e-12,
                        "layer 0, trial " + b + ", step " + t);
                Closeness.maxAbs(slice(ssm1, b, row), k.ssmState(1, t), 1e-12,
                        "layer 1, trial " + b + ", step " + t);
                Closeness.maxAbs(slice(stream, b, row), Arrays.copyOfRange(k.s[2], t * 8, (t + 1) * 8), 1e-12,
                        "stream, trial " + b + ", step " + t);
            }
        }

        // The reference-compat conv window (spec §10 item 12) is a different recording, only on request.
        Activity compat = ActivityRecorder.record(p, trials, w, Units.mambaSsm(0).withReferenceCompatConv());
        double gap = 0;
        for (int i = 0; i < compat.values().length; i++) {
            gap = Math.max(gap, Math.abs(compat.values()[i] - ssm0.values()[i]));
        }
        assertTrue(gap > 1e-3, "reference-compat states must differ (max gap " + gap + ")");
    }

    private static double[] slice(Activity a, int trial, int t) {
        int u = a.units();
        int from = (trial * a.steps() + t) * u;
        return Arrays.copyOfRange(a.values(), from, from + u);
    }
}
