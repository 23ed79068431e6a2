package org.repal.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector-API kernel behind {@link ThinProduct}: C = G·Q with G (n×n) and Q, C (n×b) row-major on the heap.
 *
 * <p>Q's columns are taken in panels of two vectors (one for a last odd vector). For each panel, twelve rows of G
 * (eight for a one-vector panel) are streamed together: per column j of G one panel row of Q is loaded into
 * registers and multiplied into 24 accumulators (12 rows × 2 vectors) by broadcasts of the twelve G entries, so G is
 * read once per panel and Q's panel stays in cache. Every output element is the chain acc ← fma(G[i][j], Q[j][c], acc) over j = 0..n−1 from zero, in
 * the row tail too: the result does not depend on the vector width nor on the panel split.
 *
 * <p>Only {@link ThinProduct} refers to this class, and only when the incubator module is in the boot layer.
 */
final class VectorThinProduct {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 8;
    /**
     * Rows per tile of the two-vector panels: 24 accumulators. Fewer broadcast loads per fused multiply-add than 8
     * rows: 61–65 against 45 GFLOP/s with AVX-512 (32 registers), the same 47 with AVX2 (16, so it spills either way).
     */
    private static final int WIDE_ROWS = 12;

    private VectorThinProduct() {
    }

    static int lanes() {
        return LANES;
    }

    /** Requires b to be a multiple of {@link #lanes()}. */
    static void multiply(double[] g, int n, double[] q, int b, double[] c) {
        int vectors = b / LANES;
        int col = 0;
        for (int v = 0; v + 1 < vectors; v += 2, col += 2 * LANES) {
            panelOfTwo(g, n, q, b, c, col);
        }
        if (vectors % 2 == 1) {
            panelOfOne(g, n, q, b, c, col);
        }
    }

    private static void panelOfTwo(double[] g, int n, double[] q, int b, double[] c, int col) {
        int i = 0;
        for (; i + WIDE_ROWS <= n; i += WIDE_ROWS) {
            DoubleVector z = DoubleVector.zero(SPECIES);
            DoubleVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z, a30 = z, a31 = z, a40 = z, a41 = z, a50 = z, a51 = z;
            DoubleVector a60 = z, a61 = z, a70 = z, a71 = z, a80 = z, a81 = z, a90 = z, a91 = z, aa0 = z, aa1 = z, ab0 = z, ab1 = z;
            int r = i * n;
            for (int j = 0; j < n; j++, r++) {
                int qo = j * b + col;
                DoubleVector q0 = DoubleVector.fromArray(SPECIES, q, qo);
                DoubleVector q1 = DoubleVector.fromArray(SPECIES, q, qo + LANES);
                DoubleVector g0 = DoubleVector.broadcast(SPECIES, g[r]);
                a00 = q0.fma(g0, a00);
                a01 = q1.fma(g0, a01);
                DoubleVector g1 = DoubleVector.broadcast(SPECIES, g[r + n]);
                a10 = q0.fma(g1, a10);
                a11 = q1.fma(g1, a11);
                DoubleVector g2 = DoubleVector.broadcast(SPECIES, g[r + 2 * n]);
                a20 = q0.fma(g2, a20);
                a21 = q1.fma(g2, a21);
                DoubleVector g3 = DoubleVector.broadcast(SPECIES, g[r + 3 * n]);
                a30 = q0.fma(g3, a30);
                a31 = q1.fma(g3, a31);
                DoubleVector g4 = DoubleVector.broadcast(SPECIES, g[r + 4 * n]);
                a40 = q0.fma(g4, a40);
                a41 = q1.fma(g4, a41);
                DoubleVector g5 = DoubleVector.broadcast(SPECIES, g[r + 5 * n]);
                a50 = q0.fma(g5, a50);
                a51 = q1.fma(g5, a51);
                DoubleVector g6 = DoubleVector.broadcast(SPECIES, g[r + 6 * n]);
                a60 = q0.fma(g6, a60);
                a61 = q1.fma(g6, a61);
                DoubleVector g7 = DoubleVector.broadcast(SPECIES, g[r + 7 * n]);
                a70 = q0.fma(g7, a70);
                a71 = q1.fma(g7, a71);
                DoubleVector g8 = DoubleVector.broadcast(SPECIES, g[r + 8 * n]);
                a80 = q0.fma(g8, a80);
                a81 = q1.fma(g8, a81);
                DoubleVector g9 = DoubleVector.broadcast(SPECIES, g[r + 9 * n]);
                a90 = q0.fma(g9, a90);
                a91 = q1.fma(g9, a91);
                DoubleVector ga = DoubleVector.broadcast(SPECIES, g[r + 10 * n]);
                aa0 = q0.fma(ga, aa0);
                aa1 = q1.fma(ga, aa1);
                DoubleVector gb = DoubleVector.broadcast(SPECIES, g[r + 11 * n]);
                ab0 = q0.fma(gb, ab0);
                ab1 = q1.fma(gb, ab1);
            }
            int o = i * b + col;
            a00.intoArray(c, o);
            a01.intoArray(c, o + LANES);
            a10.intoArray(c, o + b);
            a11.intoArray(c, o + b + LANES);
            a20.intoArray(c, o + 2 * b);
            a21.intoArray(c, o + 2 * b + LANES);
            a30.intoArray(c, o + 3 * b);
            a31.intoArray(c, o + 3 * b + LANES);
            a40.intoArray(c, o + 4 * b);
            a41.intoArray(c, o + 4 * b + LANES);
            a50.intoArray(c, o + 5 * b);
            a51.intoArray(c, o + 5 * b + LANES);
            a60.intoArray(c, o + 6 * b);
            a61.intoArray(c, o + 6 * b + LANES);
            a70.intoArray(c, o + 7 * b);
            a71.intoArray(c, o + 7 * b + LANES);
            a80.intoArray(c, o + 8 * b);
            a81.intoArray(c, o + 8 * b + LANES);
            a90.intoArray(c, o + 9 * b);
            a91.intoArray(c, o + 9 * b + LANES);
            aa0.intoArray(c, o + 10 * b);
            aa1.intoArray(c, o + 10 * b + LANES);
            ab0.intoArray(c, o + 11 * b);
            ab1.intoArray(c, o + 11 * b + LANES);
        }
        for (; i < n; i++) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            int r = i * n;
            for (int j = 0; j < n; j++) {
                int qo = j * b + col;
                DoubleVector gv = DoubleVector.broadcast(SPECIES, g[r + j]);
                a0 = DoubleVector.fromArray(SPECIES, q, qo).fma(gv, a0);
                a1 = DoubleVector.fromArray(SPECIES, q, qo + LANES).fma(gv, a1);
            }
            a0.intoArray(c, i * b + col);
            a1.intoArray(c, i * b + col + LANES);
        }
    }

    private static void panelOfOne(double[] g, int n, double[] q, int b, double[] c, int col) {
        int i = 0;
        for (; i + ROWS <= n; i += ROWS) {
            DoubleVector z = DoubleVector.zero(SPECIES);
            DoubleVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z;
            int r = i * n;
            for (int j = 0; j < n; j++, r++) {
                DoubleVector qv = DoubleVector.fromArray(SPECIES, q, j * b + col);
                a0 = qv.fma(DoubleVector.broadcast(SPECIES, g[r]), a0);
                a1 = qv.fma(DoubleVector.broadcast(SPECIES, g[r + n]), a1);
                a2 = qv.fma(DoubleVector.broadcast(SPECIES, g[r + 2 * n]), a2);
                a3 = qv.fma(DoubleVector.broadcast(SPECIES, g[r + 3 * n]), a3);
                a4 = qv.fma(DoubleVector.broadcast(SPECIES, g[r + 4 * n]), a4);
                a5 = qv.fma(DoubleVector.broadcast(SPECIES, g[r + 5 * n]), a5);
                a6 = qv.fma(DoubleVector.broadcast(SPECIES, g[r + 6 * n]), a6);
                a7 = qv.fma(DoubleVector.broadcast(SPECIES, g[r + 7 * n]), a7);
            }
            int o = i * b + col;
            a0.intoArray(c, o);
            a1.intoArray(c, o + b);
            a2.intoArray(c, o + 2 * b);
            a3.intoArray(c, o + 3 * b);
            a4.intoArray(c, o + 4 * b);
            a5.intoArray(c, o + 5 * b);
            a6.intoArray(c, o + 6 * b);
            a7.intoArray(c, o + 7 * b);
        }
        for (; i < n; i++) {
            DoubleVector a = DoubleVector.zero(SPECIES);
            int r = i * n;
            for (int j = 0; j < n; j++) {
                a = DoubleVector.fromArray(SPECIES, q, j * b + col).fma(DoubleVector.broadcast(SPECIES, g[r + j]), a);
            }
            a.intoArray(c, i * b + col);
        }
    }
}
