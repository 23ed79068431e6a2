package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.repal.core.linalg.VectorApi;

/**
 * The float32 GRU row kernel (with {@link VectorActivations}' e^x, σ, softplus, relu) against double-precision
 * formulas, and its vector lanes against its scalar tail.
 */
class VectorGruRowTest {

    private static void requireVectorApi() {
        assumeTrue(VectorApi.lanes() >= 2, "vector API not loaded or no hardware FMA: " + VectorApi.describe());
    }

    @Test
    void expIsWithinTwoUlpsDownToItsFloor() {
        requireVectorApi();
        for (int i = 0; i <= 200_000; i++) {
            float x = -87.3f * i / 200_000;
            double want = Math.exp(x);
            float got = VectorActivations.exp(x);
            assertTrue(Math.abs(got - want) <= 2 * Math.ulp((float) want), "exp(" + x + ") = " + got + ", want " + want);
        }
        assertEquals((float) Math.exp(VectorActivations.EXP_FLOOR), VectorActivations.exp(-1000f), 2 * Math.ulp(1.2e-38f),
                "clamped at the floor");
    }

    /** A row wider than any vector with a tail; pre-activations from −30 to 30 (softplus's threshold is 20). */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SOFTPLUS", "RELU", "LEAKY_RELU"})
    void followsTheDoublePrecisionStep(Activation f) {
        requireVectorApi();
        int h = 53;
        Row row = Row.random(h, 11);
        Row got = row.copy();
        got.run(f, 0.1f);
        double leak = 0.1f;
        for (int j = 0; j < h; j++) {
            double az = (double) row.pre[j] + row.bias[j];
            double a = (double) row.pre[h + j] + row.bias[h + j];
            double z = 1 / (1 + Math.exp(-az));
            double value = f == Activation.SOFTPLUS ? (a > 20 ? a : Math.log1p(Math.exp(a)))
                    : a > 0 ? a : (f == Activation.LEAKY_RELU ? Activation.LEAKY_SLOPE * a : 0);
            double deriv = f == Activation.SOFTPLUS ? 1 / (1 + Math.exp(-a))
                    : a > 0 ? 1 : (f == Activation.LEAKY_RELU ? Activation.LEAKY_SLOPE : 0);
            double hp = row.state[j];
            double lz = leak * z;
            close(hp + lz * (value - hp), got.next[j], 1 + Math.abs(hp), "h_t", j);
            close(lz * (value - hp) * (1 - z), got.pre[j], 1 + Math.abs(value - hp), "Q", j);
            close(lz * deriv, got.pre[h + j], 1, "P", j);
            close(1 - lz, got.keep[j], 1, "R", j);
        }
    }

    /** Each element alone (a row of one, always the scalar tail) equals the same element inside a wide row. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SOFTPLUS", "RELU", "LEAKY_RELU"})
    void vectorLanesEqualTheScalarTailBitForBit(Activation f) {
        requireVectorApi();
        int h = 64;
        Row row = Row.random(h, 5);
        Row wide = row.copy();
        wide.run(f, 0.2f);
        for (int j = 0; j < h; j++) {
            Row one = row.element(j);
            one.run(f, 0.2f);
            assertEquals(wide.next[j], one.next[0], 0f, "h_t " + j);
            assertEquals(wide.pre[j], one.pre[0], 0f, "Q " + j);
            assertEquals(wide.pre[h + j], one.pre[1], 0f, "P " + j);
            assertEquals(wide.keep[j], one.keep[0], 0f, "R " + j);
        }
    }

    private static void close(double want, float got, double scale, String what, int j) {
        assertEquals(want, got, 4e-7 * scale, what + " at " + j);
    }

    /** One GRU row's inputs and outputs: pre (a_z | a_n), bias (z | n), h_{t−1}, h_t and R. */
    private record Row(int h, float[] pre, float[] bias, float[] state, float[] next, float[] keep) {
        static Row random(int h, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] pre = new float[2 * h];
            float[] bias = new float[2 * h];
            float[] state = new float[h];
            for (int j = 0; j < 2 * h; j++) {
                pre[j] = (float) (r.nextDouble() * 60 - 30);
                bias[j] = (float) (r.nextDouble() - 0.5);
            }
            for (int j = 0; j < h; j++) {
                state[j] = (float) (r.nextDouble() * 4 - 2);
            }
            return new Row(h, pre, bias, state, new float[h], new float[h]);
        }

        Row copy() {
            return new Row(h, pre.clone(), bias.clone(), state.clone(), new float[h], new float[h]);
        }

        Row element(int j) {
            return new Row(1, new float[] {pre[j], pre[h + j]}, new float[] {bias[j], bias[h + j]},
                    new float[] {state[j]}, new float[1], new float[1]);
        }

        void run(Activation f, float leak) {
            VectorGruRow.forward(f, pre, 0, h, bias, h, state, 0, leak, next, keep, 0, new float[3 * h]);
        }
    }
}
