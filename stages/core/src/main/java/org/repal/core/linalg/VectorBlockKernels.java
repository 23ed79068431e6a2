package org.repal.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector-API kernels behind {@link BlockKernels}. Their column panels are one vector wide (one panel per block row
 * with AVX-512, two with AVX2), so that the accumulators stay in registers: 8 rows of a cross product, or 4 rows of C.
 *
 * <p>Only {@link BlockKernels} refers to this class, and only when the incubator module is in the boot layer.
 */
final class VectorBlockKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int W = BlockKernels.WIDTH;

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
     * See {@link BlockKernels#multiplyAdd}: four rows of one column panel of C stay in registers while every block
     * adds its share, C[t] ← fma(Q_j[t][k], P_j[k], C[t]) over j and then k, so C is loaded and stored once (P_j's
     * panel rows and Q_j's few rows come from the first-level cache). Ran at 31–42 GFLOP/s where streaming C once per
     * block ran at 23–27.
     */
    static void multiplyAdd(double[] q, int first, int blocks, double[] p, int width, int n, double[] c, int cOff) {
        int t = 0;
        for (; t + 4 <= n; t += 4) {
            for (int col = 0; col < width; col += LANES) {
                int o = cOff + t * width + col;
                DoubleVector c0 = DoubleVector.fromArray(SPECIES, c, o);
                DoubleVector c1 = DoubleVector.fromArray(SPECIES, c, o + width);
                DoubleVector c2 = DoubleVector.fromArray(SPECIES, c, o + 2 * width);
                DoubleVector c3 = DoubleVector.fromArray(SPECIES, c, o + 3 * width);
                for (int j = 0; j < blocks; j++) {
                    int qr = (first + j) * n * W + t * W;
                    int pr = j * W * width + col;
                    DoubleVector p0 = DoubleVector.fromArray(SPECIES, p, pr);
                    c0 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr]), c0);
                    c1 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr + 8]), c1);
                    c2 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr + 16]), c2);
                    c3 = p0.fma(DoubleVector.broadcast(SPECIES, q[qr + 24]), c3);
                    DoubleVector p1 = DoubleVector.fromArray(SPECIES, p, pr + width);
                    c0 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 1]), c0);
                    c1 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 9]), c1);
                    c2 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 17]), c2);
                    c3 = p1.fma(DoubleVector.broadcast(SPECIES, q[qr + 25]), c3);
                    DoubleVector p2 = DoubleVector.fromArray(SPECIES, p, pr + 2 * width);
                    c0 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 2]), c0);
                    c1 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 10]), c1);
                    c2 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 18]), c2);
                    c3 = p2.fma(DoubleVector.broadcast(SPECIES, q[qr + 26]), c3);
                    DoubleVector p3 = DoubleVector.fromArray(SPECIES, p, pr + 3 * width);
                    c0 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 3]), c0);
                    c1 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 11]), c1);
                    c2 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 19]), c2);
                    c3 = p3.fma(DoubleVector.broadcast(SPECIES, q[qr + 27]), c3);
                    DoubleVector p4 = DoubleVector.fromArray(SPECIES, p, pr + 4 * width);
                    c0 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 4]), c0);
                    c1 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 12]), c1);
                    c2 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 20]), c2);
                    c3 = p4.fma(DoubleVector.broadcast(SPECIES, q[qr + 28]), c3);
                    DoubleVector p5 = DoubleVector.fromArray(SPECIES, p, pr + 5 * width);
                    c0 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 5]), c0);
                    c1 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 13]), c1);
                    c2 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 21]), c2);
                    c3 = p5.fma(DoubleVector.broadcast(SPECIES, q[qr + 29]), c3);
                    DoubleVector p6 = DoubleVector.fromArray(SPECIES, p, pr + 6 * width);
                    c0 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 6]), c0);
                    c1 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 14]), c1);
                    c2 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 22]), c2);
                    c3 = p6.fma(DoubleVector.broadcast(SPECIES, q[qr + 30]), c3);
                    DoubleVector p7 = DoubleVector.fromArray(SPECIES, p, pr + 7 * width);
                    c0 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 7]), c0);
                    c1 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 15]), c1);
                    c2 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 23]), c2);
                    c3 = p7.fma(DoubleVector.broadcast(SPECIES, q[qr + 31]), c3);
                }
                c0.intoArray(c, o);
                c1.intoArray(c, o + width);
                c2.intoArray(c, o + 2 * width);
                c3.intoArray(c, o + 3 * width);
            }
        }
        for (; t < n; t++) {
            for (int col = 0; col < width; col += LANES) {
                int o = cOff + t * width + col;
                DoubleVector acc = DoubleVector.fromArray(SPECIES, c, o);
                for (int j = 0; j < blocks; j++) {
                    int qr = (first + j) * n * W + t * W;
                    int pr = j * W * width + col;
                    for (int k = 0; k < W; k++) {
                        acc = DoubleVector.fromArray(SPECIES, p, pr + k * width)
                                .fma(DoubleVector.broadcast(SPECIES, q[qr + k]), acc);
                    }
                }
                acc.intoArray(c, o);
            }
        }
    }
}
