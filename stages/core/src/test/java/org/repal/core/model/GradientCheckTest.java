package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The hand-written BPTT against central finite differences, in float64, for every cell and activation. */
class GradientCheckTest {
    private static final double EPS = 1e-6;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (RnnType type : RnnType.values()) {
            for (Activation f : Activation.values()) {
                for (LossMode mode : LossMode.values()) {
                    out.add(Arguments.of(type, f, mode));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} loss over {2} steps")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(RnnType type, Activation f, LossMode mode) {
        RnnConfig config = ModelFixtures.config(type, f, 6);
        RnnParameters p = Initializer.initialize(config, DataType.DOUBLE, 11);
        // Larger weights than kaiming so that the units work in the non-linear range.
        Ops.scal(2.5, p.flat());
        Batch batch = ModelFixtures.randomBatch(DataType.DOUBLE, 3, 9, 7, 3, 1.5, 5);
        RnnModel model = new RnnModel(p);
        RnnParameters grads = RnnParameters.zeros(config, DataType.DOUBLE);
        model.lossAndGradient(batch, mode, grads, false);
        double[] analytic = grads.flat().toDoubles();
        double[] numeric = numericGradient(model, batch, mode);
        assertRelativeError(analytic, numeric, type + " " + f + " " + mode);
        if (type == RnnType.LEAKY_GRU) {
            // The unused reset gate gets no loss gradient.
            for (int i = 0; i < config.hidden() * config.inputs(); i++) {
                assertEquals(0.0, analytic[i], 0.0);
            }
        }
        // Input-only backward (frozen training) gives the same W_ih gradient.
        RnnParameters frozen = RnnParameters.zeros(config, DataType.DOUBLE);
        model.lossAndGradient(batch, mode, frozen, true);
        double[] w = frozen.weightIh().toDoubles();
        for (int i = 0; i < w.length; i++) {
            assertEquals(analytic[i], w[i], 1e-14 + 1e-12 * Math.abs(analytic[i]));
        }
    }

    static double[] numericGradient(RnnModel model, Batch batch, LossMode mode) {
        Mat flat = model.parameters().flat();
        double[] out = new double[Math.toIntExact(flat.size())];
        for (int i = 0; i < out.length; i++) {
            double v = flat.get(i);
            flat.set(i, v + EPS);
            double plus = model.loss(batch, mode);
            flat.set(i, v - EPS);
            double minus = model.loss(batch, mode);
            flat.set(i, v);
            out[i] = (plus - minus) / (2 * EPS);
        }
        return out;
    }

    /** ‖a − n‖ / max(‖a‖, ‖n‖) < 1e-6, and no single component off by more than that scale. */
    static void assertRelativeError(double[] analytic, double[] numeric, String what) {
        double diff = 0;
        double na = 0;
        double nn = 0;
        double worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            na += analytic[i] * analytic[i];
            nn += numeric[i] * numeric[i];
            worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]));
        }
        double scale = Math.sqrt(Math.max(na, nn));
        assertTrue(scale > 1e-3, what + ": gradient too small to test (" + scale + ")");
        double rel = Math.sqrt(diff) / scale;
        assertTrue(rel < 1e-6, what + ": relative error " + rel);
        assertTrue(worst < 1e-6 * scale, what + ": worst component off by " + worst + " (scale " + scale + ")");
    }

    @Test
    void float32MatchesFloat64() {
        for (RnnType type : RnnType.values()) {
            RnnConfig config = ModelFixtures.config(type, Activation.SOFTPLUS, 16);
            RnnParameters p64 = Initializer.initialize(config, DataType.DOUBLE, 3);
            RnnParameters p32 = Initializer.initialize(config, DataType.FLOAT, 3);
            Batch b64 = ModelFixtures.randomBatch(DataType.DOUBLE, 4, 30, 7, 3, 1, 9);
            Batch b32 = ModelFixtures.randomBatch(DataType.FLOAT, 4, 30, 7, 3, 1, 9);
            RnnParameters g64 = RnnParameters.zeros(config, DataType.DOUBLE);
            RnnParameters g32 = RnnParameters.zeros(config, DataType.FLOAT);
            double l64 = new RnnModel(p64).lossAndGradient(b64, LossMode.ALL_STEPS, g64, false);
            double l32 = new RnnModel(p32).lossAndGradient(b32, LossMode.ALL_STEPS, g32, false);
            assertEquals(l64, l32, 1e-5 * l64, type.toString());
            double[] a = g64.flat().toDoubles();
            double[] b = g32.flat().toDoubles();
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < a.length; i++) {
                diff += (a[i] - b[i]) * (a[i] - b[i]);
                norm += a[i] * a[i];
            }
            assertTrue(Math.sqrt(diff / norm) < 1e-4, type + ": float32 gradient off by " + Math.sqrt(diff / norm));
        }
    }
}
