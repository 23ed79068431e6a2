package org.repal.core.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Small random batches and networks for the model tests. */
final class ModelFixtures {
    private ModelFixtures() {
    }

    /** B sequences of T steps with inputs in ±scale, random targets, decision flags on the last third. */
    static Batch randomBatch(DataType type, int size, int steps, int inputs, int classes, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Batch batch = new Batch(type, size, steps, inputs);
        for (int b = 0; b < size; b++) {
            for (int t = 0; t < steps; t++) {
                for (int c = 0; c < inputs; c++) {
                    batch.setInput(t, b, c, (float) (scale * (2 * rng.nextDouble() - 1)));
                }
                boolean decision = t >= 2 * steps / 3;
                batch.setTarget(t, b, decision ? 1 + rng.nextInt(classes - 1) : 0, decision);
            }
        }
        return batch;
    }

    static RnnConfig config(RnnType type, Activation activation, int hidden) {
        return new RnnConfig(type, activation, 7, hidden, 3, InitType.KAIMING);
    }
}
