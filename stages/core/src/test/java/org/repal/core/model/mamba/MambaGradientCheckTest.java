package org.repal.core.model.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.repal.core.model.Batch;
import org.repal.core.model.LossMode;
import org.repal.core.model.Mat;
import org.repal.core.store.NpyArray;

/** The hand-written backward against central finite differences (float64, A and D in double), and float32. */
class MambaGradientCheckTest {
    private static final double EPS = 1e-6;

    @ParameterizedTest(name = "D {0}, {1} layers, loss over {2} steps")
    @CsvSource({"8, 2, ALL_STEPS", "8, 1, DECISION_STEPS", "20, 1, ALL_STEPS"})
    void gradientMatchesFiniteDifferences(int dModel, int layers, LossMode mode) {
        MambaConfig config = MambaConfig.of(dModel, layers);
        MambaParameters p = MambaFixtures.randomParameters(config, DataType.DOUBLE, 5);
        // The third sequence is padding and must not count.
        Batch batch = MambaFixtures.randomBatch(DataType.DOUBLE, 3, 9, 1.5, 7, 2);
        MambaModel model = new MambaModel(p, false);
        MambaParameters grads = p.zerosLike();
        model.lossAndGradient(batch, mode, grads, false);
        Map<String, NpyArray> analytic = grads.toArrays();
        Mat flat = p.flat();
        for (MambaLayout.Tensor t : p.layout().tensors()) {
            double[] a = analytic.get(t.name()).toDoubleArray();
            double[] numeric = new double[t.size()];
            for (int i = 0; i < t.size(); i++) {
                int k = t.offset() + i;
                double v = flat.get(k);
                flat.set(k, v + EPS);
                double plus = model.loss(batch, mode);
                flat.set(k, v - EPS);
                double minus = model.loss(batch, mode);
                flat.set(k, v);
                numeric[i] = (plus - minus) / (2 * EPS);
            }
            assertClose(a, numeric, config + " " + mode + " " + t.name());
        }
    }

    /**
     * ‖a − n‖ ≤ 1e-6·max(‖a‖, ‖n‖) + 3e-10·√size: the second term is the differences' rounding noise (≈ 1e-16·loss/ε
     * per component), which dominates for tensors with small gradients such as A_log.
     */
    private static void assertClose(double[] a, double[] n, String what) {
        double diff = 0;
        double na = 0;
        double nn = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - n[i]) * (a[i] - n[i]);
            na += a[i] * a[i];
            nn += n[i] * n[i];
        }
        double scale = Math.sqrt(Math.max(na, nn));
        assertTrue(scale > 1e-7, what + ": gradient too small to test (" + scale + ")");
        assertTrue(Math.sqrt(diff) <= 1e-6 * scale + 3e-10 * Math.sqrt(a.length), what + ": error " + Math.sqrt(diff) + ", norm " + scale);
    }

    @Test
    void float32MatchesFloat64() {
        MambaConfig config = MambaConfig.of(16, 2);
        MambaParameters p64 = MambaFixtures.randomParameters(config, DataType.DOUBLE, 3);
        MambaParameters p32 = p64.copy(DataType.FLOAT);
        Batch b64 = MambaFixtures.randomBatch(DataType.DOUBLE, 5, 40, 1, 9);
        Batch b32 = MambaFixtures.randomBatch(DataType.FLOAT, 5, 40, 1, 9);
        b64.setInputs(MambaFixtures.timeMajorInputs(b32)); // the same float32-exact inputs
        MambaParameters g64 = p64.zerosLike();
        MambaParameters g32 = p32.zerosLike();
        double l64 = new MambaModel(p64).lossAndGradient(b64, LossMode.ALL_STEPS, g64, false);
        double l32 = new MambaModel(p32).lossAndGradient(b32, LossMode.ALL_STEPS, g32, false);
        assertEquals(l64, l32, 1e-5 * l64);
        double[] a = g64.flat().toDoubles();
        double[] b = g32.flat().toDoubles();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += a[i] * a[i];
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-5, "float32 gradient off by " + Math.sqrt(diff / norm));
    }
}
