package org.repal.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector-API kernel behind {@link SymmetricProduct}: C = G·Q with G symmetric, packed upper triangle by rows, and
 * Q, C row-major n×b on the heap.
 *
 * <p>Q's columns are taken one vector at a time. Rows of G are taken in tiles of {@link #ROWS} (single rows for the
 * last n mod 8), in ascending order. A tile starting at row t streams the packed elements right of its own columns:
 * per column j past the tile (ascending) and tile row r in order, acc_r ← fma(G[t+r][j], Q[j], acc_r) (row t+r's own sum, in registers)
 * and C[j] ← fma(G[t+r][j], Q[t+r], C[j]) (the mirrored element's share of row j, loaded and stored once per j). Then
 * the tile's own upper triangle, row by row: C[t+r] ← fma(G[t+r][t+s], Q[t+s], C[t+r]) for s ≥ r and, for s > r,
 * C[t+s] ← fma(G[t+r][t+s], Q[t+r], C[t+s]); last C[t+r] ← C[t+r] + acc_r. C starts at zero. Each lane follows this
 * order on its own column, so the result does not depend on the vector width.
 *
 * <p>Only {@link SymmetricProduct} refers to this class, and only when the incubator module is in the boot layer.
 */
final class VectorSymmetricProduct {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows per tile: 8 accumulators and 8 rows of Q in registers (spilled with 16 registers, still correct). */
    static final int ROWS = 8;

    private VectorSymmetricProduct() {
    }

    /**
     * Q and C are the n×b blocks starting at {@code offset} of their arrays (so element (i, j) is at offset + i·b + j,
     * which is why every index below is i·b + col with col running from the offset). Requires b to be a multiple of
     * the vector length.
     */
    static void multiply(double[] g, int n, double[] q, double[] c, int offset, int b) {
        for (int col = offset; col < offset + b; col += LANES) {
            for (int i = 0; i < n; i++) {
                DoubleVector.zero(SPECIES).intoArray(c, i * b + col);
            }
            int t = 0;
            for (; t + ROWS <= n; t += ROWS) {
                tileOfEight(g, n, q, b, c, col, t);
            }
            for (; t < n; t++) {
                tileOfOne(g, n, q, b, c, col, t);
            }
        }
    }

    private static void tileOfEight(double[] g, int n, double[] q, int b, double[] c, int col, int t) {
        DoubleVector q0 = row(q, b, col, t);
        DoubleVector q1 = row(q, b, col, t + 1);
        DoubleVector q2 = row(q, b, col, t + 2);
        DoubleVector q3 = row(q, b, col, t + 3);
        DoubleVector q4 = row(q, b, col, t + 4);
        DoubleVector q5 = row(q, b, col, t + 5);
        DoubleVector q6 = row(q, b, col, t + 6);
        DoubleVector q7 = row(q, b, col, t + 7);
        DoubleVector z = DoubleVector.zero(SPECIES);
        DoubleVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z;
        // p_r + j indexes G[t+r][j] in the packed rows.
        int p0 = SymmetricProduct.rowStart(n, t) - t;
        int p1 = SymmetricProduct.rowStart(n, t + 1) - (t + 1);
        int p2 = SymmetricProduct.rowStart(n, t + 2) - (t + 2);
        int p3 = SymmetricProduct.rowStart(n, t + 3) - (t + 3);
        int p4 = SymmetricProduct.rowStart(n, t + 4) - (t + 4);
        int p5 = SymmetricProduct.rowStart(n, t + 5) - (t + 5);
        int p6 = SymmetricProduct.rowStart(n, t + 6) - (t + 6);
        int p7 = SymmetricProduct.rowStart(n, t + 7) - (t + 7);
        for (int j = t + ROWS; j < n; j++) {
            int o = j * b + col;
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q, o);
            DoubleVector cj = DoubleVector.fromArray(SPECIES, c, o);
            DoubleVector e = DoubleVector.broadcast(SPECIES, g[p0 + j]);
            a0 = qj.fma(e, a0);
            cj = q0.fma(e, cj);
            e = DoubleVector.broadcast(SPECIES, g[p1 + j]);
            a1 = qj.fma(e, a1);
            cj = q1.fma(e, cj);
            e = DoubleVector.broadcast(SPECIES, g[p2 + j]);
            a2 = qj.fma(e, a2);
            cj = q2.fma(e, cj);
            e = DoubleVector.broadcast(SPECIES, g[p3 + j]);
            a3 = qj.fma(e, a3);
            cj = q3.fma(e, cj);
            e = DoubleVector.broadcast(SPECIES, g[p4 + j]);
            a4 = qj.fma(e, a4);
            cj = q4.fma(e, cj);
            e = DoubleVector.broadcast(SPECIES, g[p5 + j]);
            a5 = qj.fma(e, a5);
            cj = q5.fma(e, cj);
            e = DoubleVector.broadcast(SPECIES, g[p6 + j]);
            a6 = qj.fma(e, a6);
            cj = q6.fma(e, cj);
            e = DoubleVector.broadcast(SPECIES, g[p7 + j]);
            a7 = qj.fma(e, a7);
            cj = q7.fma(e, cj);
            cj.intoArray(c, o);
        }
        diagonalTile(g, n, q, b, c, col, t, ROWS);
        addInto(c, b, col, t, a0);
        addInto(c, b, col, t + 1, a1);
        addInto(c, b, col, t + 2, a2);
        addInto(c, b, col, t + 3, a3);
        addInto(c, b, col, t + 4, a4);
        addInto(c, b, col, t + 5, a5);
        addInto(c, b, col, t + 6, a6);
        addInto(c, b, col, t + 7, a7);
    }

    private static void tileOfOne(double[] g, int n, double[] q, int b, double[] c, int col, int t) {
        DoubleVector qt = row(q, b, col, t);
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int p = SymmetricProduct.rowStart(n, t) - t;
        for (int j = t + 1; j < n; j++) {
            int o = j * b + col;
            DoubleVector e = DoubleVector.broadcast(SPECIES, g[p + j]);
            acc = DoubleVector.fromArray(SPECIES, q, o).fma(e, acc);
            qt.fma(e, DoubleVector.fromArray(SPECIES, c, o)).intoArray(c, o);
        }
        diagonalTile(g, n, q, b, c, col, t, 1);
        addInto(c, b, col, t, acc);
    }

    /** The tile's own upper triangle (rows and columns t..t+rows−1), in the order the class comment gives. */
    private static void diagonalTile(double[] g, int n, double[] q, int b, double[] c, int col, int t, int rows) {
        for (int r = 0; r < rows; r++) {
            int p = SymmetricProduct.rowStart(n, t + r) - (t + r);
            DoubleVector qr = row(q, b, col, t + r);
            DoubleVector cr = row(c, b, col, t + r);
            for (int s = r; s < rows; s++) {
                DoubleVector e = DoubleVector.broadcast(SPECIES, g[p + t + s]);
                cr = row(q, b, col, t + s).fma(e, cr);
                if (s > r) {
                    qr.fma(e, row(c, b, col, t + s)).intoArray(c, (t + s) * b + col);
                }
            }
            cr.intoArray(c, (t + r) * b + col);
        }
    }

    private static DoubleVector row(double[] a, int b, int col, int i) {
        return DoubleVector.fromArray(SPECIES, a, i * b + col);
    }

    private static void addInto(double[] c, int b, int col, int i, DoubleVector v) {
        row(c, b, col, i).add(v).intoArray(c, i * b + col);
    }
}
