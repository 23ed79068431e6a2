package org.repal.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector-API kernels behind {@link BlockKernels}; the column panels are one vector wide (one panel per block row
 * with AVX-512, two with AVX2), so the 8 accumulators or the 8 rows of the small operand stay in registers.
 *
 * <p>Only {@link BlockKernels} refers to this class, and only when the incubator module is in the boot layer.
 */
final class VectorBlockKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int W = BlockKernels.WIDTH;
    /** Rows per chunk of {@link #multiplyAdd}: 256 rows of 64 Ritz columns and of 40 blocks are ≈ 0.2 MB each. */
    private static final int ROW_CHUNK = 256;

    private VectorBlockKernels() {
    }

    /** See {@link BlockKernels#crossProducts}: per panel of W's columns, acc_c ← fma(Q_j[t][c], W[t], acc_c). */
    static void crossProducts(double[] q, int first, int blocks, double[] w, int wOff, int n, double[] out) {
        for (int j = 0; j < blocks; j++) {
            int qOff = (first + j) * n * W;
            for (int col = 0; col < W; col += LANES) {
                DoubleVector z = DoubleVector.zero(SPECIES);
                DoubleVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z;
                for (int t = 0; t < n; t++) {
                    int qr = qOff + t * W;
                    DoubleVector wt = DoubleVector.fromArray(SPECIES, w, wOff + t * W + col);
                    a0 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr]), a0);
                    a1 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr + 1]), a1);
                    a2 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr + 2]), a2);
                    a3 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr + 3]), a3);
                    a4 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr + 4]), a4);
                    a5 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr + 5]), a5);
                    a6 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr + 6]), a6);
                    a7 = wt.fma(DoubleVector.broadcast(SPECIES, q[qr + 7]), a7);
                }
                int o = j * W * W + col;
                a0.intoArray(out, o);
                a1.intoArray(out, o + W);
                a2.intoArray(out, o + 2 * W);
                a3.intoArray(out, o + 3 * W);
                a4.intoArray(out, o + 4 * W);
                a5.intoArray(out, o + 5 * W);
                a6.intoArray(out, o + 6 * W);
                a7.intoArray(out, o + 7 * W);
            }
        }
    }

    /**
     * See {@link BlockKernels#multiplyAdd}: per panel of C's columns and per block, P_j's 8 rows held in registers
     * while the rows of C stream past: C[t] ← fma(Q_j[t][k], P_j[k], C[t]) for k = 0..7.
     */
    static void multiplyAdd(double[] q, int first, int blocks, double[] p, int width, int n, double[] c, int cOff) {
        // Rows in chunks whose share of C and of every block stays in the core's cache across panels and blocks
        // (a whole wide C does not: 2560 × 56 doubles of Ritz vectors ran at a fifth of the speed).
        for (int start = 0; start < n; start += ROW_CHUNK) {
            multiplyAddRows(q, first, blocks, p, width, n, start, Math.min(n, start + ROW_CHUNK), c, cOff);
        }
    }

    private static void multiplyAddRows(double[] q, int first, int blocks, double[] p, int width, int n, int from,
                                        int to, double[] c, int cOff) {
        for (int col = 0; col < width; col += LANES) {
            for (int j = 0; j < blocks; j++) {
                int qOff = (first + j) * n * W;
                int pr = j * W * width + col;
                DoubleVector p0 = DoubleVector.fromArray(SPECIES, p, pr);
                DoubleVector p1 = DoubleVector.fromArray(SPECIES, p, pr + width);
                DoubleVector p2 = DoubleVector.fromArray(SPECIES, p, pr + 2 * width);
                DoubleVector p3 = DoubleVector.fromArray(SPECIES, p, pr + 3 * width);
                DoubleVector p4 = DoubleVector.fromArray(SPECIES, p, pr + 4 * width);
                DoubleVector p5 = DoubleVector.fromArray(SPECIES, p, pr + 5 * width);
                DoubleVector p6 = DoubleVector.fromArray(SPECIES, p, pr + 6 * width);
                DoubleVector p7 = DoubleVector.fromArray(SPECIES, p, pr + 7 * width);
                int t = from;
                for (; t + 4 <= to; t += 4) { // four rows' chains interleaved: one chain alone waits on each fma
                    int qr = qOff + t * W;
                    int o = cOff + t * width + col;
                    DoubleVector c0 = DoubleVector.fromArray(SPECIES, c, o);
                    DoubleVector c1 = DoubleVector.fromArray(SPECIES, c, o + width);
                    DoubleVector c2 = DoubleVector.fromArray(SPECIES, c, o + 2 * width);
                    DoubleVector c3 = DoubleVector.fromArray(SPECIES, c, o + 3 * width);
                    c0 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr]), c0);
                    c1 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr + W]), c1);
                    c2 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W]), c2);
                    c3 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W]), c3);
                    c0 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 1]), c0);
                    c1 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + W + 1]), c1);
                    c2 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W + 1]), c2);
                    c3 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W + 1]), c3);
                    c0 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 2]), c0);
                    c1 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + W + 2]), c1);
                    c2 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W + 2]), c2);
                    c3 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W + 2]), c3);
                    c0 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 3]), c0);
                    c1 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + W + 3]), c1);
                    c2 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W + 3]), c2);
                    c3 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W + 3]), c3);
                    c0 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 4]), c0);
                    c1 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + W + 4]), c1);
                    c2 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W + 4]), c2);
                    c3 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W + 4]), c3);
                    c0 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 5]), c0);
                    c1 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + W + 5]), c1);
                    c2 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W + 5]), c2);
                    c3 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W + 5]), c3);
                    c0 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 6]), c0);
                    c1 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + W + 6]), c1);
                    c2 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W + 6]), c2);
                    c3 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W + 6]), c3);
                    c0 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 7]), c0);
                    c1 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + W + 7]), c1);
                    c2 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 2 * W + 7]), c2);
                    c3 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 3 * W + 7]), c3);
                    c0.intoArray(c, o);
                    c1.intoArray(c, o + width);
                    c2.intoArray(c, o + 2 * width);
                    c3.intoArray(c, o + 3 * width);
                }
                for (; t < to; t++) {
                    int qr = qOff + t * W;
                    int o = cOff + t * width + col;
                    DoubleVector acc = DoubleVector.fromArray(SPECIES, c, o);
                    acc = p0.fma(DoubleVector.broadcast(SPECIES, q[qr]), acc);
                    acc = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 1]), acc);
                    acc = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 2]), acc);
                    acc = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 3]), acc);
                    acc = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 4]), acc);
                    acc = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 5]), acc);
                    acc = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 6]), acc);
                    acc = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 7]), acc);
                    acc.intoArray(c, o);
                }
            }
        }
    }
}
