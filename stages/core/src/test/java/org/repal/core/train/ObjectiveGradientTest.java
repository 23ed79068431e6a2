package org.repal.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Activation;
import org.repal.core.model.Batch;
import org.repal.core.model.InitType;
import org.repal.core.model.Initializer;
import org.repal.core.model.LossMode;
import org.repal.core.model.Mat;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnModel;
import org.repal.core.model.RnnType;

/** The training objective (cross-entropy + 1e-4·Σ‖p‖_F) against finite differences, in float64. */
class ObjectiveGradientTest {

    @Test
    void crossEntropyPlusWeightTermMatchesFiniteDifferences() {
        for (RnnType type : RnnType.values()) {
            for (LossMode mode : LossMode.values()) {
                RnnConfig c = new RnnConfig(type, Activation.TANH, 7, 5, 3, InitType.KAIMING);
                // A large coefficient so that the weight term's gradient is a visible share of the total.
                TrainingStep step = new TrainingStep(new RnnModel(Initializer.initialize(c, DataType.DOUBLE, 2)),
                        0.01, mode, false, 0.05);
                Batch batch = batch(7);
                double loss = step.evaluate(batch);
                double[] analytic = step.gradients().flat().toDoubles();
                Mat flat = step.model().parameters().flat();
                double diff = 0;
                double norm = 0;
                for (int i = 0; i < analytic.length; i++) {
                    double v = flat.get(i);
                    flat.set(i, v + 1e-6);
                    double plus = step.evaluate(batch);
                    flat.set(i, v - 1e-6);
                    double minus = step.evaluate(batch);
                    flat.set(i, v);
                    double numeric = (plus - minus) / 2e-6;
                    diff += (numeric - analytic[i]) * (numeric - analytic[i]);
                    norm += analytic[i] * analytic[i];
                }
                assertTrue(Math.sqrt(diff / norm) < 1e-6, type + " " + mode + ": relative error " + Math.sqrt(diff / norm));
                double ce = step.model().loss(batch, mode);
                assertEquals(loss - ce, WeightPenalty.value(step.model().parameters(), 0.05), 1e-12);
            }
        }
    }

    @Test
    void weightTermIsTheSumOfUnsquaredFrobeniusNorms() {
        RnnConfig c = new RnnConfig(RnnType.LEAKY_RNN, Activation.RELU, 7, 4, 3, InitType.DIAG);
        var p = Initializer.initialize(c, DataType.DOUBLE, 0);
        double expected = 0;
        for (Mat t : p.tensors()) {
            double s = 0;
            for (double v : t.toDoubles()) {
                s += v * v;
            }
            expected += Math.sqrt(s);
        }
        assertEquals(2.0, Math.sqrt(4.0), 0.0); // W_hh = I₄ contributes ‖I₄‖_F = 2
        assertEquals(1e-4 * expected, WeightPenalty.value(p, 1e-4), 1e-15);
    }

    static Batch batch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Batch b = new Batch(DataType.DOUBLE, 3, 8, 7);
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 8; t++) {
                for (int k = 0; k < 7; k++) {
                    b.setInput(t, s, k, (float) (2 * rng.nextDouble() - 1));
                }
                b.setTarget(t, s, t > 4 ? 1 + rng.nextInt(2) : 0, t > 4);
            }
        }
        b.setActive(2); // the last sequence is padding: it must not count
        return b;
    }
}
