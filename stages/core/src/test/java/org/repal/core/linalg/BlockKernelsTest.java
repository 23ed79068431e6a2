package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The Krylov block kernels against the fused multiply-add chains they document (bit for bit with the vector API),
 * on row counts with tails of the 4-row groups and more than one row chunk, offset blocks and wide outputs.
 */
class BlockKernelsTest {

    private static final int W = BlockKernels.WIDTH;

    /** out[(j·8+c)·8+w] = chain over t of fma(Q_j[t][c], W[t][w], ·) from zero. */
    private static double[] crossChain(double[] q, int first, int blocks, double[] w, int wOff, int n) {
        double[] out = new double[blocks * W * W];
        for (int j = 0; j < blocks; j++) {
            for (int c = 0; c < W; c++) {
                for (int col = 0; col < W; col++) {
                    double acc = 0;
                    for (int t = 0; t < n; t++) {
                        acc = Math.fma(q[(first + j) * n * W + t * W + c], w[wOff + t * W + col], acc);
                    }
                    out[(j * W + c) * W + col] = acc;
                }
            }
        }
        return out;
    }

    /** C[t][col] from its old value, chain over blocks j, then k, of fma(Q_j[t][k], P[j·8+k][col], ·). */
    private static double[] multiplyAddChain(double[] q, int first, int blocks, double[] p, int width, int n,
                                             double[] c, int cOff) {
        double[] out = c.clone();
        for (int t = 0; t < n; t++) {
            for (int col = 0; col < width; col++) {
                double acc = out[cOff + t * width + col];
                for (int j = 0; j < blocks; j++) {
                    for (int k = 0; k < W; k++) {
                        acc = Math.fma(q[(first + j) * n * W + t * W + k], p[(j * W + k) * width + col], acc);
                    }
                }
                out[cOff + t * width + col] = acc;
            }
        }
        return out;
    }

    @Test
    void crossProductsAndMultiplyAddFollowTheirChains() {
        boolean vector = VectorApi.lanes() >= 2;
        for (int n : new int[] {1, 13, 259, 600}) {
            int blocks = 3;
            int first = 1;
            double[] q = RandomArrays.uniform((first + blocks + 1) * n * W, n);
            int wOff = (first + blocks) * n * W; // the block after the basis, as the solver keeps it
            double[] cross = new double[blocks * W * W];
            BlockKernels.crossProducts(q, first, blocks, q, wOff, n, cross);
            assertClose(crossChain(q, first, blocks, q, wOff, n), cross, vector, "crossProducts n=" + n);
            for (int width : new int[] {W, 3 * W}) {
                double[] p = RandomArrays.uniform(blocks * W * width, n + width);
                int cOff = 5;
                double[] c = RandomArrays.uniform(cOff + n * width, 7);
                double[] expected = multiplyAddChain(q, first, blocks, p, width, n, c, cOff);
                BlockKernels.multiplyAdd(q, first, blocks, p, width, n, c, cOff);
                assertClose(expected, c, vector, "multiplyAdd n=" + n + " width=" + width);
            }
        }
    }

    /** One Gram–Schmidt pass with the two kernels leaves W orthogonal to every block of an orthonormal basis. */
    @Test
    void aGramSchmidtPassLeavesWOrthogonalToTheBasis() {
        int n = 300;
        int blocks = 4;
        double[] q = RandomArrays.uniform((blocks + 1) * n * W, 3);
        try (org.bytedeco.javacpp.DoublePointer basis = new org.bytedeco.javacpp.DoublePointer(blocks * W * n)) {
            // An orthonormal n×32 basis, split into its 4 blocks of 8 columns.
            double[] rowMajor = RandomArrays.uniform(n * blocks * W, 4);
            basis.put(rowMajor);
            assumeTrue(NativeBlas.orthonormalizeColumns(basis, n, blocks * W), "LAPACK QR failed");
            basis.get(rowMajor);
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < blocks; j++) {
                    System.arraycopy(rowMajor, t * blocks * W + j * W, q, j * n * W + t * W, W);
                }
            }
        }
        int wOff = blocks * n * W;
        double[] p = new double[blocks * W * W];
        BlockKernels.crossProducts(q, 0, blocks, q, wOff, n, p);
        for (int e = 0; e < p.length; e++) {
            p[e] = -p[e];
        }
        BlockKernels.multiplyAdd(q, 0, blocks, p, W, n, q, wOff);
        BlockKernels.crossProducts(q, 0, blocks, q, wOff, n, p);
        for (double v : p) {
            assertEquals(0.0, v, 1e-12);
        }
    }

    private static void assertClose(double[] expected, double[] actual, boolean bitForBit, String what) {
        if (bitForBit) {
            assertArrayEquals(expected, actual, 0.0, what);
        } else { // plain Java loops without fused multiply-adds: rounding differs
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), what + " at " + i);
            }
        }
    }
}
