package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 cells' vectorisable row loops against the library's functions (float64, {@link Activation}'s
 * definitions), far below float32's resolution, and their edge cases (thresholds, zeros, clamping, NaN).
 */
class FloatRowsTest {
    private static final int N = 1000;

    @Test
    void expIsAccurateWithinItsRangeAndClampsOutside() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double x = (rng.nextDouble() * 2 - 1) * (i % 2 == 0 ? 20 : FloatRows.EXP_LIMIT);
            double e = Math.exp(x);
            assertEquals(e, FloatRows.exp(x), 5e-13 * e, "exp(" + x + ")");
        }
        assertEquals(1.0, FloatRows.exp(0), 0.0);
        double top = Math.exp(FloatRows.EXP_LIMIT);
        assertEquals(top, FloatRows.exp(500), 5e-13 * top);
        assertEquals(1 / top, FloatRows.exp(-500), 5e-13 / top);
        assertTrue(Double.isNaN(FloatRows.exp(Double.NaN)));
    }

    @Test
    void positiveIsTheStepFunctionOnFloat32Values() {
        assertEquals(0.0, FloatRows.positive(0.0), 0.0);
        assertEquals(0.0, FloatRows.positive(-0.0), 0.0);
        assertEquals(1.0, FloatRows.positive(Float.MIN_VALUE), 0.0);
        assertEquals(0.0, FloatRows.positive(-Float.MIN_VALUE), 0.0);
        assertEquals(1.0, FloatRows.positive(Float.MAX_VALUE), 0.0);
        assertEquals(0.0, FloatRows.positive(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(FloatRows.positive(Double.NaN)));
    }

    @Test
    void sigmoidAndActivationsMatchTheirDefinitions() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] in = new double[N];
        double[] bias = new double[N];
        for (int i = 0; i < N; i++) {
            double scale = i % 3 == 0 ? 1e-3 : i % 3 == 1 ? 5 : 60;
            in[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
            bias[i] = (float) (rng.nextDouble() - 0.5);
        }
        // Exact ties: the softplus threshold, zeros, and values beyond the exp clamp.
        in[0] = 20;
        bias[0] = 0;
        in[1] = 0;
        bias[1] = 0;
        in[2] = -0.0;
        bias[2] = 0;
        in[3] = 150;
        in[4] = -150;
        double[] out = new double[N];
        FloatRows.sigmoid(in, bias, out, N);
        for (int i = 0; i < N; i++) {
            double a = in[i] + bias[i];
            double s = 1 / (1 + Math.exp(-a));
            assertEquals((float) s, (float) out[i], Math.ulp((float) s), "sigmoid(" + a + ") in float32");
            if (Math.abs(a) < FloatRows.EXP_LIMIT) {
                assertEquals(s, out[i], 1e-12 * s, "sigmoid(" + a + ")");
            }
        }
        double[] value = new double[N];
        double[] deriv = new double[N];
        double[] work = new double[N];
        for (Activation f : Activation.values()) {
            FloatRows.activate(f, in, bias, value, deriv, work, N);
            for (int i = 0; i < N; i++) {
                double a = in[i] + bias[i];
                double v = f.value(a);
                double d = derivative(f, a);
                assertEquals((float) v, (float) value[i], Math.ulp((float) v), f + "(" + a + ") in float32");
                assertEquals((float) d, (float) deriv[i], Math.ulp((float) d), f + "'(" + a + ") in float32");
                if (Math.abs(a) < FloatRows.EXP_LIMIT) {
                    assertEquals(v, value[i], 2e-11 * Math.abs(v), f + "(" + a + ")");
                    assertEquals(d, deriv[i], 2e-11 * Math.abs(d), f + "'(" + a + ")");
                }
            }
        }
        FloatRows.activate(Activation.SOFTPLUS, in, bias, value, deriv, work, 2);
        assertEquals(Math.log1p(Math.exp(20)), value[0], 1e-9, "softplus at its threshold: not yet the identity");
        assertEquals(Math.log(2), value[1], 2e-11, "softplus(0)");
        assertEquals(0.5, deriv[1], 0.0, "softplus'(0)");
        FloatRows.activate(Activation.RELU, in, bias, value, deriv, work, 3);
        assertEquals(0.0, deriv[1], 0.0, "relu'(0)");
        assertEquals(0.0, deriv[2], 0.0, "relu'(-0)");
        FloatRows.activate(Activation.LEAKY_RELU, in, bias, value, deriv, work, 2);
        assertEquals(Activation.LEAKY_SLOPE, deriv[1], 0.0, "leaky_relu'(0)");
    }

    /** f'(a) as the cells define it: relu'(0) = 0, leaky_relu'(0) = the slope, softplus' = σ everywhere. */
    private static double derivative(Activation f, double a) {
        switch (f) {
            case RELU:
                return a > 0 ? 1 : 0;
            case LEAKY_RELU:
                return a > 0 ? 1 : Activation.LEAKY_SLOPE;
            case SOFTPLUS:
                return 1 / (1 + Math.exp(-a));
            default:
                return 1 - Math.tanh(a) * Math.tanh(a);
        }
    }

    @Test
    void nanStaysNan() {
        double[] in = {Double.NaN};
        double[] bias = {0};
        double[] value = new double[1];
        double[] deriv = new double[1];
        double[] work = new double[1];
        FloatRows.sigmoid(in, bias, value, 1);
        assertTrue(Double.isNaN(value[0]), "sigmoid(NaN)");
        for (Activation f : Activation.values()) {
            FloatRows.activate(f, in, bias, value, deriv, work, 1);
            assertTrue(Double.isNaN(value[0]), f + "(NaN)");
        }
    }
}
