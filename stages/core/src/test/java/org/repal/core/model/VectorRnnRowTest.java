package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repal.core.linalg.ThinProduct;

/** The float32 leaky RNN row kernel: the step's formula in float, and its vector lanes equal to its scalar tail. */
class VectorRnnRowTest {

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.01f})
    void computesTheLeakyStepAndEqualsItsScalarTail(float slope) {
        assumeTrue(ThinProduct.lanes() >= 2, "vector API not loaded or no hardware FMA: " + ThinProduct.describe());
        int h = 45;
        SplittableRandom r = new SplittableRandom(3);
        float[] pre = new float[h];
        float[] bias = new float[h];
        float[] state = new float[h];
        for (int j = 0; j < h; j++) {
            pre[j] = (float) (r.nextDouble() * 4 - 2);
            bias[j] = (float) (r.nextDouble() - 0.5);
            state[j] = (float) (r.nextDouble() * 2 - 1);
        }
        pre[7] = -bias[7]; // a = 0 exactly: relu'(0) = 0, the slope for leaky_relu
        float decay = 0.9f;
        float leak = 0.1f;
        float[] wide = pre.clone();
        float[] next = new float[h];
        VectorRnnRow.forward(wide, 0, bias, h, state, 0, decay, leak, slope, next);
        for (int j = 0; j < h; j++) {
            float a = pre[j] + bias[j];
            float d = a > 0 ? 1f : slope;
            assertEquals(state[j] * decay + a * d * leak, next[j], 0f, "h_t " + j);
            assertEquals(d * leak, wide[j], 0f, "derivative " + j);
            float[] one = {pre[j]};
            float[] oneNext = new float[1];
            VectorRnnRow.forward(one, 0, new float[] {bias[j]}, 1, new float[] {state[j]}, 0, decay, leak, slope, oneNext);
            assertEquals(next[j], oneNext[0], 0f, "alone " + j);
            assertEquals(wide[j], one[0], 0f, "alone, derivative " + j);
        }
    }
}
