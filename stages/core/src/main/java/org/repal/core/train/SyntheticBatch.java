package org.repal.core.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;

/**
 * Random PDM-like float32 batches for the training benchmarks: a rule column, fixation on until the last fifth,
 * noisy stimuli, choice labels on the decision steps.
 */
public final class SyntheticBatch {
    private SyntheticBatch() {
    }

    public static Batch pdmLike(int size, int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Batch batch = new Batch(DataType.FLOAT, size, steps, 7);
        int decision = steps - steps / 5;
        for (int b = 0; b < size; b++) {
            int label = 1 + rng.nextInt(2);
            double coh = (rng.nextDouble() - 0.5) * 0.1 * (label == 1 ? 1 : -1);
            for (int t = 0; t < steps; t++) {
                batch.setInput(t, b, 6, 1);
                boolean fix = t < decision;
                batch.setInput(t, b, 0, fix ? 1 : 0);
                if (t >= steps / 10 && t < decision) {
                    batch.setInput(t, b, 1, (float) (0.5 + coh + 0.2 * (rng.nextDouble() - 0.5)));
                    batch.setInput(t, b, 2, (float) (0.5 - coh + 0.2 * (rng.nextDouble() - 0.5)));
                }
                batch.setTarget(t, b, fix ? 0 : label, !fix);
            }
        }
        return batch;
    }
}
