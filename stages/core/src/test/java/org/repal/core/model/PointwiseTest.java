package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast element functions of the float32 cells against the library's, far below float32's resolution. */
class PointwiseTest {

    @Test
    void expIsAccurateEverywhere() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = (rng.nextDouble() * 2 - 1) * (i % 2 == 0 ? 30 : 720);
            double e = Math.exp(x);
            assertEquals(e, Pointwise.exp(x), 2e-14 * e, "exp(" + x + ")");
        }
        assertEquals(0.0, Pointwise.exp(-1000), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Pointwise.exp(1000), 0.0);
        assertTrue(Double.isNaN(Pointwise.exp(Double.NaN)));
        assertEquals(1.0, Pointwise.exp(0), 0.0);
    }

    @Test
    void log1pSoftplusAndTanhAreAccurate() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 200_000; i++) {
            double v = i == 0 ? 0 : i == 1 ? 1 : Math.pow(10, -rng.nextDouble() * 20);
            double l = Math.log1p(v);
            assertEquals(l, Pointwise.log1pUnit(v), 2e-11 * l, "log1p(" + v + ")");
            double x = (rng.nextDouble() * 2 - 1) * (i % 3 == 0 ? 1 : i % 3 == 1 ? 40 : 1e-3);
            double sp = Activation.SOFTPLUS.value(x);
            assertEquals(sp, Pointwise.softplus(x), 2e-11 * sp, "softplus(" + x + ")");
            double t = Math.tanh(x);
            assertEquals(t, Pointwise.tanh(x), 1e-13 * Math.abs(t), "tanh(" + x + ")");
            double s = 1 / (1 + Math.exp(-x));
            assertEquals(s, Pointwise.sigmoid(x, false), 2e-14 * s, "sigmoid(" + x + ")");
        }
        assertEquals(25.0, Pointwise.softplus(25), 0.0);
        assertEquals(1.0, Pointwise.tanh(30), 0.0);
        assertEquals(-1.0, Pointwise.tanh(-30), 0.0);
    }
}
