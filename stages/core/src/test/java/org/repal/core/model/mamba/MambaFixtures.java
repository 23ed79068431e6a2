package org.repal.core.model.mamba;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.Mat;

/** Random networks and batches for the Mamba tests. */
final class MambaFixtures {
    private MambaFixtures() {
    }

    /**
     * Initialised weights with every tensor moved off its initial value (A_log, D and the norms are constants at
     * init), so that every gradient path is exercised.
     */
    static MambaParameters randomParameters(MambaConfig config, DataType type, long seed) {
        MambaParameters p = MambaInitializer.initialize(config, type, seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        Mat flat = p.flat();
        for (MambaLayout.Tensor t : p.layout().tensors()) {
            boolean constant = t.name().endsWith("A_log") || t.name().endsWith(".D") || t.name().endsWith("norm.weight")
                    || t.name().equals(MambaLayout.NORM_F);
            for (int i = t.offset(); i < t.offset() + t.size(); i++) {
                double v = flat.get(i);
                flat.set(i, constant ? v + 0.3 * (2 * rng.nextDouble() - 1) : v * (1.5 + 0.5 * rng.nextDouble()));
            }
        }
        return p;
    }

    static Batch randomBatch(DataType type, int size, int steps, double scale, long seed) {
        return randomBatch(type, size, steps, scale, seed, size);
    }

    /**
     * B sequences of T steps, inputs in ±scale (float64-exact in float64 batches), decision flags on the last third;
     * only the first {@code active} sequences in use.
     */
    static Batch randomBatch(DataType type, int size, int steps, double scale, long seed, int active) {
        SplittableRandom rng = new SplittableRandom(seed);
        Batch batch = new Batch(type, size, steps, 7);
        double[] x = new double[size * steps * 7];
        for (int b = 0; b < size; b++) {
            for (int t = 0; t < steps; t++) {
                for (int c = 0; c < 7; c++) {
                    x[batch.row(t, b) * 7 + c] = scale * (2 * rng.nextDouble() - 1);
                }
                boolean decision = t >= 2 * steps / 3;
                batch.setTarget(t, b, decision ? 1 + rng.nextInt(2) : rng.nextInt(3), decision);
            }
        }
        batch.setActive(active);
        if (type == DataType.DOUBLE) {
            for (int r = active; r < size; r++) {
                for (int t = 0; t < steps; t++) {
                    java.util.Arrays.fill(x, batch.row(t, r) * 7, batch.row(t, r) * 7 + 7, 0);
                }
            }
            batch.setInputs(x);
        } else {
            for (int b = 0; b < size; b++) {
                for (int t = 0; t < steps; t++) {
                    for (int c = 0; c < 7; c++) {
                        batch.setInput(t, b, c, (float) x[batch.row(t, b) * 7 + c]);
                    }
                }
            }
        }
        return batch;
    }

    /** The batch's inputs as [B, T, 7] (batch-major), for the step mode. */
    static double[] batchMajor(Batch batch) {
        Mat x = batch.x();
        double[] out = new double[batch.size() * batch.steps() * 7];
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < batch.steps(); t++) {
                for (int c = 0; c < 7; c++) {
                    out[(b * batch.steps() + t) * 7 + c] = x.get(batch.row(t, b), c);
                }
            }
        }
        return out;
    }

    /** The batch's inputs as its own time-major [T·B·7] rows (to re-set them after setActive restaged them). */
    static double[] timeMajorInputs(Batch batch) {
        return batch.x().toDoubles();
    }
}
