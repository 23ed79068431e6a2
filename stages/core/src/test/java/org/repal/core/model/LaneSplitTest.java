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
import org.repal.core.linalg.BlasThreads;

/**
 * The batch cut into lanes that run the time loop on their own threads (one lane per OpenBLAS thread, at least
 * {@link Cell#MIN_LANE_ROWS} sequences each) against one lane on the caller: the same loss, states and gradients
 * (up to the summation order of the bias gradient and OpenBLAS's rounding on other row counts) for every cell and
 * activation, in float64 and float32, for full and input-only gradients; uneven lanes (50 sequences into 3) and
 * an odd hidden size; and a split pass repeats its bytes.
 */
class LaneSplitTest {
    private static final int BATCH = 50;
    private static final int STEPS = 17;
    private static final int HIDDEN = 13;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (RnnType type : RnnType.values()) {
            for (Activation f : Activation.values()) {
                out.add(Arguments.of(type, f, DataType.DOUBLE));
                out.add(Arguments.of(type, f, DataType.FLOAT));
            }
        }
        return out;
    }

    private record Result(double loss, double[] grads, double[] inputGrads, double[] states) {
    }

    private static Result run(RnnParameters p, Batch batch, int blasThreads) {
        return BlasThreads.with(blasThreads, () -> {
            RnnModel model = new RnnModel(p);
            RnnParameters g = RnnParameters.zeros(p.config(), p.dataType());
            double loss = model.lossAndGradient(batch, LossMode.ALL_STEPS, g, false);
            double[] states = model.states(batch).toDoubles();
            RnnParameters gi = RnnParameters.zeros(p.config(), p.dataType());
            model.lossAndGradient(batch, LossMode.ALL_STEPS, gi, true);
            return new Result(loss, g.flat().toDoubles(), gi.weightIh().toDoubles(), states);
        });
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void lanesGiveTheOneLaneResults(RnnType type, Activation f, DataType dataType) {
        RnnConfig config = ModelFixtures.config(type, f, HIDDEN);
        RnnParameters p = Initializer.initialize(config, dataType, 5);
        Ops.scal(3, p.flat()); // into the non-linear ranges (saturated gates, softplus's threshold)
        Batch batch = ModelFixtures.randomBatch(dataType, BATCH, STEPS, 7, 3, 2, 13);
        int lanes = BlasThreads.with(3, () -> Cell.create(config, dataType, BATCH, STEPS).laneCount());
        assertEquals(3, lanes, "50 sequences with 3 BLAS threads");
        assertEquals(1, BlasThreads.with(3, () -> Cell.create(config, dataType, 31, STEPS).laneCount()),
                "31 sequences are too few for two lanes");

        double tol = dataType == DataType.DOUBLE ? 1e-11 : 2e-5;
        Result one = run(p, batch, 1);
        for (int threads : new int[] {2, 3}) {
            Result split = run(p, batch, threads);
            String what = threads + " lanes ";
            assertEquals(one.loss, split.loss, tol * one.loss, what + "loss");
            assertClose(one.states, split.states, tol, what + "states");
            assertClose(one.grads, split.grads, tol, what + "gradient");
            assertClose(one.inputGrads, split.inputGrads, tol, what + "input-only W_ih gradient");
        }
        Result again = run(p, batch, 3);
        Result third = run(p, batch, 3);
        assertEquals(again.loss, third.loss, 0.0, "same lanes, same loss");
        assertArrayEquals(again.grads, third.grads, "same lanes, same gradient bytes");
        assertArrayEquals(again.states, third.states, "same lanes, same states");
    }

    /** Element-wise within {@code tol} of the larger magnitude in the array (gradients span orders of magnitude). */
    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " is all zero");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * scale, what + "[" + i + "]");
        }
    }
}
