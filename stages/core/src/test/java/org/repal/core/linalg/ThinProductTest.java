package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector kernel against the fused multiply-add chain it promises, bit for bit, on awkward shapes. */
class ThinProductTest {

    private static double[] random(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[length];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() * 2 - 1;
        }
        return a;
    }

    /** acc ← fma(G[i][j], Q[j][c], acc) over j ascending from zero: the documented result of every element. */
    private static double[] fmaChain(double[] g, int n, double[] q, int b) {
        double[] c = new double[n * b];
        for (int i = 0; i < n; i++) {
            for (int col = 0; col < b; col++) {
                double acc = 0;
                for (int j = 0; j < n; j++) {
                    acc = Math.fma(g[i * n + j], q[j * b + col], acc);
                }
                c[i * b + col] = acc;
            }
        }
        return c;
    }

    /** Catches a build that lost the module from surefire's argLine (the kernel would go untested). */
    @Test
    void testsRunWithTheVectorModule() {
        assumeTrue(ThinProduct.hardwareFma(), "this JVM has no hardware FMA (e.g. -XX:UseAVX=0): OpenBLAS only");
        assertTrue(ThinProduct.lanes() >= 2, "surefire's argLine must add " + ThinProduct.VECTOR_MODULE + ": "
                + ThinProduct.describe());
    }

    /** Row counts with and without a tail of the 8-row tiles; one, two and three vectors of columns. */
    @Test
    void equalsTheFmaChainBitForBit() {
        int lanes = ThinProduct.lanes();
        assumeTrue(lanes >= 2, ThinProduct.describe());
        for (int n : new int[] {8, 13, 64, 203}) {
            for (int vectors = 1; vectors <= 3; vectors++) {
                int b = vectors * lanes;
                double[] g = random(n * n, n);
                double[] q = random(n * b, n + b);
                double[] c = random(n * b, 99); // stale contents must be overwritten
                ThinProduct.multiply(g, n, q, b, c);
                assertArrayEquals(fmaChain(g, n, q, b), c, 0.0, "n=" + n + " b=" + b);
            }
        }
    }

    @Test
    void refusesBlocksItCannotTake() {
        int lanes = Math.max(2, ThinProduct.lanes());
        assertFalse(ThinProduct.available(16, lanes + 1));
        assertFalse(ThinProduct.available(16, 1));
        assertThrows(IllegalStateException.class,
                () -> ThinProduct.multiply(new double[256], 16, new double[16 * (lanes + 1)], lanes + 1,
                        new double[16 * (lanes + 1)]));
        if (ThinProduct.available(16, lanes)) {
            assertThrows(IllegalArgumentException.class, () -> ThinProduct.multiply(new double[255], 16,
                    new double[16 * lanes], lanes, new double[16 * lanes]));
        }
    }
}
