package org.repal.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Every init type is honoured, seeded, and has the distribution it documents. */
class InitializerTest {
    private static final int H = 128;

    private static RnnParameters init(RnnType type, InitType init, long seed) {
        return Initializer.initialize(new RnnConfig(type, Activation.RELU, 7, H, 3, init), DataType.DOUBLE, seed);
    }

    @Test
    void kaimingIsUniformWithinOneOverRootFanIn() {
        for (RnnType type : RnnType.values()) {
            RnnParameters p = init(type, InitType.KAIMING, 0);
            assertUniform(p.weightHh().toDoubles(), 1 / Math.sqrt(H));
            assertUniform(p.weightIh().toDoubles(), 1 / Math.sqrt(7));
            assertUniform(p.bias().toDoubles(), 1 / Math.sqrt(7));
            assertUniform(p.readout().toDoubles(), 1 / Math.sqrt(H));
        }
    }

    @Test
    void xavierUsesFanInPlusFanOut() {
        assertUniform(init(RnnType.LEAKY_RNN, InitType.XAVIER, 0).weightHh().toDoubles(), Math.sqrt(6.0 / (2 * H)));
        assertUniform(init(RnnType.LEAKY_GRU, InitType.XAVIER, 0).weightHh().toDoubles(), Math.sqrt(6.0 / (4 * H)));
    }

    /** All values within ±bound, reaching near it, with mean ≈ 0 and variance ≈ bound²/3. */
    private static void assertUniform(double[] v, double bound) {
        double sum = 0;
        double sq = 0;
        double max = 0;
        for (double x : v) {
            assertTrue(Math.abs(x) <= bound, x + " outside ±" + bound);
            sum += x;
            sq += x * x;
            max = Math.max(max, Math.abs(x));
        }
        double mean = sum / v.length;
        double var = sq / v.length - mean * mean;
        assertTrue(max > bound * (1 - 20.0 / v.length), "max " + max + " far below " + bound);
        assertEquals(0, mean, 5 * bound / Math.sqrt(3 * v.length));
        assertEquals(bound * bound / 3, var, bound * bound / 3 * 10 / Math.sqrt(v.length));
    }

    @Test
    void orthogonalBlocksHaveOrthonormalColumns() {
        for (InitType init : new InitType[] {InitType.ORTHOGONAL, InitType.RANDORTHO}) {
            for (RnnType type : RnnType.values()) {
                Mat w = init(type, init, 1).weightHh();
                for (int block = 0; block < type.blocks(); block++) {
                    for (int i = 0; i < H; i++) {
                        for (int j = i; j < H; j += 7) {
                            double dot = 0;
                            for (int r = 0; r < H; r++) {
                                dot += w.get(block * H + r, i) * w.get(block * H + r, j);
                            }
                            assertEquals(i == j ? 1 : 0, dot, 1e-12, init + " " + type + " block " + block);
                        }
                    }
                }
            }
        }
    }

    @Test
    void randgaussHasStandardDeviationPointOne() {
        double[] v = init(RnnType.LEAKY_GRU, InitType.RANDGAUSS, 2).weightHh().toDoubles();
        double sum = 0;
        double sq = 0;
        for (double x : v) {
            sum += x;
            sq += x * x;
        }
        double mean = sum / v.length;
        assertEquals(0, mean, 0.002);
        assertEquals(0.1, Math.sqrt(sq / v.length - mean * mean), 0.002);
    }

    @Test
    void diagIsTheIdentityPerGate() {
        for (RnnType type : RnnType.values()) {
            Mat w = init(type, InitType.DIAG, 3).weightHh();
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < H; c++) {
                    assertEquals(r % H == c ? 1 : 0, w.get(r, c), 0.0);
                }
            }
        }
    }

    @Test
    void theSeedDecidesEverything() {
        for (InitType init : InitType.values()) {
            double[] a = init(RnnType.LEAKY_RNN, init, 5).flat().toDoubles();
            assertArrayEquals(a, init(RnnType.LEAKY_RNN, init, 5).flat().toDoubles(), init.toString());
            assertFalse(Arrays.equals(a, init(RnnType.LEAKY_RNN, init, 6).flat().toDoubles()), init.toString());
        }
        assertFalse(Arrays.equals(init(RnnType.LEAKY_RNN, InitType.ORTHOGONAL, 5).weightHh().toDoubles(),
                init(RnnType.LEAKY_RNN, InitType.KAIMING, 5).weightHh().toDoubles()));
        // float32 weights are the float64 ones rounded.
        RnnConfig c = new RnnConfig(RnnType.LEAKY_RNN, Activation.RELU, 7, 16, 3, InitType.KAIMING);
        double[] d = Initializer.initialize(c, DataType.DOUBLE, 9).flat().toDoubles();
        double[] f = Initializer.initialize(c, DataType.FLOAT, 9).flat().toDoubles();
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], f[i], 0.0);
        }
    }
}
