package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repal.core.linalg.VectorApi;

/** The float32 leaky RNN row kernels: the step's formula, and their vector lanes equal to their scalar tails. */
class VectorRnnRowTest {

    /** A row's pre-activations in (−span, span), bias in (−0.5, 0.5) and h_{t−1} in (−1, 1), drawn element by element. */
    private record Row(float[] pre, float[] bias, float[] state) {
        static Row random(int h, long seed, double span) {
            SplittableRandom r = new SplittableRandom(seed);
            Row row = new Row(new float[h], new float[h], new float[h]);
            for (int j = 0; j < h; j++) {
                row.pre[j] = (float) (r.nextDouble() * 2 * span - span);
                row.bias[j] = (float) (r.nextDouble() - 0.5);
                row.state[j] = (float) (r.nextDouble() * 2 - 1);
            }
            return row;
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.01f})
    void computesTheLeakyStepAndEqualsItsScalarTail(float slope) {
        assumeTrue(VectorApi.lanes() >= 2, "vector API not loaded or no hardware FMA: " + VectorApi.describe());
        int h = 45;
        Row row = Row.random(h, 3, 2);
        float[] pre = row.pre();
        float[] bias = row.bias();
        float[] state = row.state();
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

    /** softplus rows: the step in double within 4e-7 (relative, at least 1), and each element alone equal to the wide row. */
    @Test
    void softplusFollowsTheDoubleStepAndEqualsItsScalarTail() {
        assumeTrue(VectorApi.lanes() >= 2, "vector API not loaded or no hardware FMA: " + VectorApi.describe());
        int h = 45;
        Row row = Row.random(h, 9, 30);
        float[] pre = row.pre();
        float[] bias = row.bias();
        float[] state = row.state();
        float decay = 0.8f;
        float leak = 0.2f;
        float[] wide = pre.clone();
        float[] next = new float[h];
        VectorRnnRow.forwardSoftplus(wide, 0, bias, h, state, 0, decay, leak, next, new float[3 * h]);
        for (int j = 0; j < h; j++) {
            double a = (double) pre[j] + bias[j];
            double value = a > 20 ? a : Math.log1p(Math.exp(a));
            double want = (double) state[j] * decay + value * leak;
            assertEquals(want, next[j], 4e-7 * Math.max(1, Math.abs(want)), "h_t " + j);
            assertEquals(leak / (1 + Math.exp(-a)), wide[j], 4e-7, "derivative " + j);
            float[] one = {pre[j]};
            float[] oneNext = new float[1];
            VectorRnnRow.forwardSoftplus(one, 0, new float[] {bias[j]}, 1, new float[] {state[j]}, 0, decay, leak,
                    oneNext, new float[3]);
            assertEquals(next[j], oneNext[0], 0f, "alone " + j);
            assertEquals(wide[j], one[0], 0f, "alone, derivative " + j);
        }
    }
}
