package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SmallMatricesTest {

    private static double[] random(SplittableRandom rng, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }

    /** Naive alpha op(A) op(B) + beta C. */
    private static double[] naive(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, double[] b,
            double beta, double[] c) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                out[i * n + j] = alpha * s + beta * c[i * n + j];
            }
        }
        return out;
    }

    private static DoubleBuffer direct(double[] a) {
        DoubleBuffer b = SmallMatrices.allocateDirect(a.length);
        b.put(0, a);
        return b;
    }

    private static double[] read(DoubleBuffer b, int len) {
        double[] out = new double[len];
        b.get(0, out);
        return out;
    }

    @Test
    void gemmMatchesNaiveForAllTransposesAndSizes() {
        SplittableRandom rng = new SplittableRandom(1);
        int[][] dims = {{1, 1, 1}, {2, 3, 4}, {5, 4, 3}, {7, 9, 6}, {30, 20, 25}, {50, 50, 50}};
        for (int[] d : dims) {
            int m = d[0];
            int n = d[1];
            int k = d[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                double[] a = random(rng, m * k);
                double[] b = random(rng, k * n);
                double[] c = random(rng, m * n);
                double[] expected = naive(ta, tb, m, n, k, 0.7, a, b, -0.3, c);
                double[] got = c.clone();
                SmallMatrices.gemm(ta, tb, m, n, k, 0.7, a, b, -0.3, got);
                assertArrayEquals(expected, got, 1e-12);
                DoubleBuffer cb = direct(c);
                SmallMatrices.gemm(ta, tb, m, n, k, 0.7, direct(a), direct(b), -0.3, cb);
                assertArrayEquals(expected, read(cb, m * n), 1e-12);
            }
        }
    }

    @Test
    void betaZeroIgnoresOldContent() {
        double[] c = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        SmallMatrices.gemm(false, false, 1.0, new double[] {1, 2, 3, 4}, SmallMatrices.identity(2), 0.0, c, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, c);
    }

    @Test
    void bufferSlicesAddressSubBlocks() {
        int n = 3;
        DoubleBuffer all = SmallMatrices.allocateDirect(3 * n * n);
        all.put(0, SmallMatrices.identity(n));
        all.put(n * n, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        SmallMatrices.gemm(false, false, 2.0, all.slice(0, n * n), all.slice(n * n, n * n), 0.0,
                all.slice(2 * n * n, n * n), n);
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12, 14, 16, 18}, read(all.slice(2 * n * n, n * n), n * n));
        assertThrows(IllegalArgumentException.class,
                () -> SmallMatrices.gemm(false, false, 1.0, all.position(1), all, 0.0, all, n));
        all.position(0);
        assertThrows(IllegalArgumentException.class, () -> SmallMatrices.gemm(false, false, 1.0,
                DoubleBuffer.allocate(9), all, 0.0, all, n));
    }

    @Test
    void solveRowMajor() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 6;
        int nrhs = 3;
        double[] a = random(rng, n * n);
        double[] x = random(rng, n * nrhs);
        double[] b = SmallMatrices.multiply(a, x, n, n, nrhs);
        double[] lu = a.clone();
        SmallMatrices.solve(lu, b, n, nrhs, new int[n]);
        assertArrayEquals(x, b, 1e-12);
        assertThrows(ArithmeticException.class, () -> SmallMatrices.solve(new double[4], new double[2], 2, 1,
                new int[2]));
    }

    @Test
    void columnMajorLuSolvesFollowTheDocumentedRowMajorReading() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 5;
        int nrhs = 4;
        double[] l = random(rng, n * n); // row-major matrix L in the factored buffer
        double[] g = random(rng, nrhs * n); // row-major nrhs × n
        DoubleBuffer lu = direct(l);
        IntBuffer ipiv = SmallMatrices.allocateDirectInts(n);
        SmallMatrices.luFactorColMajor(lu, n, ipiv);
        for (boolean trans : new boolean[] {false, true}) {
            DoubleBuffer b = direct(g);
            SmallMatrices.luSolveColMajor(lu, ipiv, trans, b, n, nrhs);
            double[] y = read(b, nrhs * n);
            // check: Y L = G (no transpose) or Y Lᵀ = G (transpose)
            double[] back = new double[nrhs * n];
            SmallMatrices.gemm(false, trans, nrhs, n, n, 1.0, y, l, 0.0, back);
            assertArrayEquals(g, back, 1e-12, "transpose=" + trans);
        }
    }

    @Test
    void elementwiseHelpers() {
        double[] a = {1, 2, 3, 4, 5, 6}; // 2×3
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, SmallMatrices.transpose(a, 2, 3));
        double[] sq = {1, 2, 3, 4};
        SmallMatrices.transposeSquareInPlace(sq, 2);
        assertArrayEquals(new double[] {1, 3, 2, 4}, sq);
        assertEquals(5.0, SmallMatrices.frobeniusNorm(new double[] {3, 4}), 1e-15);
        assertEquals(25.0, SmallMatrices.frobeniusNormSquared(new double[] {3, 4}), 1e-15);
        assertEquals(1e200 * Math.sqrt(2), SmallMatrices.frobeniusNorm(new double[] {1e200, 1e200}), 1e186);
        assertEquals(2.0, SmallMatrices.squaredDistance(new double[] {1, 1}, new double[] {0, 2}));
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        double[] rot = {c, -s, s, c};
        assertTrue(SmallMatrices.orthogonalityError(rot, 2) < 1e-15);
        assertEquals(1.0, SmallMatrices.orthogonalityError(new double[] {1, 1, 0, 1}, 2), 1e-15);
        double[] b = {1, 2, 3, 4};
        // rot b rotᵀ is b conjugated; residual to itself is 0
        double[] rb = SmallMatrices.multiply(rot, b, 2, 2, 2);
        double[] rbrt = new double[4];
        SmallMatrices.gemm(false, true, 1.0, rb, rot, 0.0, rbrt, 2);
        assertEquals(0.0, SmallMatrices.similarityResidualSquared(rbrt, b, rot, 2), 1e-28);
        assertThrows(IllegalArgumentException.class, () -> SmallMatrices.transpose(a, 2, 3, a));
    }
}
