package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The float32 cells (fast element functions, float GEMMs) against the float64 ones for every cell and
 * activation, with weights large enough to reach the non-linear ranges (softplus's threshold, saturated
 * gates); and the same inputs give the same bytes twice.
 */
class Float32PathTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (RnnType type : RnnType.values()) {
            for (Activation f : Activation.values()) {
                out.add(Arguments.of(type, f));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void float32FollowsFloat64AndRepeatsItself(RnnType type, Activation f) {
        RnnConfig config = ModelFixtures.config(type, f, 24);
        RnnParameters p64 = Initializer.initialize(config, DataType.DOUBLE, 5);
        Ops.scal(3, p64.flat());
        RnnParameters p32 = p64.copy(DataType.FLOAT);
        RnnParameters p64r = p32.copy(DataType.DOUBLE); // the float32 weights, exactly
        Batch b64 = ModelFixtures.randomBatch(DataType.DOUBLE, 5, 40, 7, 3, 2, 13);
        Batch b32 = ModelFixtures.randomBatch(DataType.FLOAT, 5, 40, 7, 3, 2, 13);
        RnnParameters g64 = RnnParameters.zeros(config, DataType.DOUBLE);
        RnnParameters g32 = RnnParameters.zeros(config, DataType.FLOAT);
        double l64 = new RnnModel(p64r).lossAndGradient(b64, LossMode.ALL_STEPS, g64, false);
        RnnModel m32 = new RnnModel(p32);
        double l32 = m32.lossAndGradient(b32, LossMode.ALL_STEPS, g32, false);
        assertEquals(l64, l32, 1e-6 * l64, "loss");
        double[] a = g64.flat().toDoubles();
        double[] b = g32.flat().toDoubles();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += a[i] * a[i];
        }
        System.out.printf("float32 %s %s: gradient rel %.2e, loss rel %.2e%n", type, f, Math.sqrt(diff / norm), Math.abs(l32 - l64) / l64);
        assertTrue(norm > 0 && Math.sqrt(diff / norm) < 1e-5, "float32 gradient off by " + Math.sqrt(diff / norm));
        RnnModel m64 = new RnnModel(p64r);
        m64.forward(b64);
        m32.forward(b32);
        double[] h64 = m64.states(b64).toDoubles();
        double[] h32 = m32.states(b32).toDoubles();
        for (int i = 0; i < h64.length; i++) {
            assertEquals(h64[i], h32[i], 1e-4 * (1 + Math.abs(h64[i])), "h[" + i + "]");
        }
        RnnParameters again = RnnParameters.zeros(config, DataType.FLOAT);
        double l32again = new RnnModel(p32).lossAndGradient(b32, LossMode.ALL_STEPS, again, false);
        assertEquals(l32, l32again, 0.0, "same inputs, same loss");
        assertArrayEquals(b, again.flat().toDoubles(), "same inputs, same gradient bytes");
    }
}
