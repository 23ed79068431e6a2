package org.repal.core.linalg;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector-API kernel behind {@link FloatProduct}: C = A·B or C += A·B for row-major float blocks on the heap.
 *
 * <p>C is computed in tiles held in registers while k runs: per k, one row of B's tile columns is loaded as vectors
 * and multiplied into the accumulators by broadcasts of the tile rows' A entries. With 32 vector registers (AVX-512)
 * a tile is 8 rows × 2 vectors (16 accumulators: 180–215 GFLOP/s on one core here at 32 × 264 · 264 × 256, against
 * 147 for OpenBLAS's Cooperlake {@code sgemm} and 86 for its Haswell one); with 16 registers 4 rows × 3 vectors (12
 * accumulators: 105 GFLOP/s with AVX2 registers, where 8 × 2 spills and ran at 64). Leftover vector columns take
 * tiles of 4 rows × 1 vector, leftover rows 1 × 1, and the last columns short of a vector the same tiles on
 * zero-padded copies.
 *
 * <p>Every output element is the chain acc ← fma(A[i][p], B[p][j], acc) over p = 0 … k − 1 from 0 (or from C's
 * value), in every tile shape and in the padded tail, so the result depends neither on the vector width nor on the
 * tiling. Only {@link FloatProduct} refers to this class, and only when the incubator module is in the boot layer.
 */
final class VectorFloatProduct {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** 32 vector registers (AVX-512) hold 8 × 2 accumulators, their two B vectors and a broadcast. */
    private static final boolean WIDE_REGISTERS = SPECIES.vectorBitSize() >= 512;
    private static final int TILE_ROWS = WIDE_REGISTERS ? 8 : 4;
    private static final int TILE_VECTORS = WIDE_REGISTERS ? 2 : 3;
    /** Per thread: a transposed A ({@link #multiplyTransposed}), copied in square blocks of this many. */
    private static final ThreadLocal<float[]> TRANSPOSED_A = new ThreadLocal<>();
    private static final int TRANSPOSE_BLOCK = 16;
    /** Per thread: the zero-padded last columns of B and of C ({@link #paddedColumns}). */
    private static final ThreadLocal<float[]> PADDED_B = new ThreadLocal<>();
    private static final ThreadLocal<float[]> PADDED_C = new ThreadLocal<>();

    private VectorFloatProduct() {
    }

    static int lanes() {
        return LANES;
    }

    /** Arguments as {@link FloatProduct#multiply}, already checked. */
    static void multiply(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc,
            boolean accumulate) {
        multiply(m, n, k, a, lda, b, 0, ldb, c, 0, ldc, accumulate);
    }

    /**
     * Arguments as {@link FloatProduct#multiplyTransposed}, already checked: A's k × m block is transposed into this
     * thread's scratch first (a transposed operand read in place took a new cache line per k for every tile and ran
     * at 105–147 GFLOP/s where untransposed ones ran at ≈ 200).
     */
    static void multiplyTransposed(int m, int n, int k, float[] a, int aCol, int lda, float[] b, int bCol, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        float[] t = scratch(TRANSPOSED_A, (long) m * k);
        for (int p0 = 0; p0 < k; p0 += TRANSPOSE_BLOCK) {
            int p1 = Math.min(k, p0 + TRANSPOSE_BLOCK);
            for (int i0 = 0; i0 < m; i0 += TRANSPOSE_BLOCK) {
                int i1 = Math.min(m, i0 + TRANSPOSE_BLOCK);
                for (int p = p0; p < p1; p++) {
                    for (int i = i0, from = p * lda + aCol + i0; i < i1; i++, from++) {
                        t[i * k + p] = a[from];
                    }
                }
            }
        }
        multiply(m, n, k, t, k, b, bCol, ldb, c, cOff, ldc, accumulate);
    }

    private static void multiply(int m, int n, int k, float[] a, int lda, float[] b, int bOff, int ldb, float[] c,
            int cOff, int ldc, boolean accumulate) {
        int vectorCols = n / LANES * LANES;
        int tileCols = TILE_VECTORS * LANES;
        int mainCols = vectorCols / tileCols * tileCols;
        int mainRows = m / TILE_ROWS * TILE_ROWS;
        for (int i = 0; i < mainRows; i += TILE_ROWS) {
            for (int j = 0; j < mainCols; j += tileCols) {
                mainTile(k, a, i * lda, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
            }
        }
        for (int j = 0; j < vectorCols; j += LANES) {
            int from = j < mainCols ? mainRows : 0;
            rowsOfOneVector(from, m, k, a, lda, b, bOff + j, ldb, c, cOff + j, ldc, accumulate);
        }
        if (vectorCols < n) {
            paddedColumns(m, n, k, vectorCols, a, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    private static void mainTile(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float[] c, int ci,
            int ldc, boolean acc) {
        if (WIDE_REGISTERS) {
            tile8x2(k, a, ai, lda, b, bj, ldb, c, ci, ldc, acc);
        } else {
            tile4x3(k, a, ai, lda, b, bj, ldb, c, ci, ldc, acc);
        }
    }

    /** Rows [from, m) of one vector column (B's and C's at offsets bj, cj): tiles of 4 rows, then single rows. */
    private static void rowsOfOneVector(int from, int m, int k, float[] a, int lda, float[] b, int bj, int ldb,
            float[] c, int cj, int ldc, boolean acc) {
        int i = from;
        for (; i + 4 <= m; i += 4) {
            tile4x1(k, a, i * lda, lda, b, bj, ldb, c, cj + i * ldc, ldc, acc);
        }
        for (; i < m; i++) {
            tile1x1(k, a, i * lda, b, bj, ldb, c, cj + i * ldc, acc);
        }
    }

    private static FloatVector start(float[] c, int at, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, at) : FloatVector.zero(SPECIES);
    }

    private static void tile8x2(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float[] c, int ci,
            int ldc, boolean acc) {
        int v = LANES;
        FloatVector c00 = start(c, ci, acc), c01 = start(c, ci + v, acc);
        FloatVector c10 = start(c, ci + ldc, acc), c11 = start(c, ci + ldc + v, acc);
        FloatVector c20 = start(c, ci + 2 * ldc, acc), c21 = start(c, ci + 2 * ldc + v, acc);
        FloatVector c30 = start(c, ci + 3 * ldc, acc), c31 = start(c, ci + 3 * ldc + v, acc);
        FloatVector c40 = start(c, ci + 4 * ldc, acc), c41 = start(c, ci + 4 * ldc + v, acc);
        FloatVector c50 = start(c, ci + 5 * ldc, acc), c51 = start(c, ci + 5 * ldc + v, acc);
        FloatVector c60 = start(c, ci + 6 * ldc, acc), c61 = start(c, ci + 6 * ldc + v, acc);
        FloatVector c70 = start(c, ci + 7 * ldc, acc), c71 = start(c, ci + 7 * ldc + v, acc);
        for (int p = 0, bp = bj, r = ai; p < k; p++, bp += ldb, r++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + v);
            FloatVector x = FloatVector.broadcast(SPECIES, a[r]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[r + lda]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[r + 2 * lda]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[r + 3 * lda]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[r + 4 * lda]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[r + 5 * lda]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[r + 6 * lda]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[r + 7 * lda]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + v);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + v);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + v);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + v);
        c40.intoArray(c, ci + 4 * ldc);
        c41.intoArray(c, ci + 4 * ldc + v);
        c50.intoArray(c, ci + 5 * ldc);
        c51.intoArray(c, ci + 5 * ldc + v);
        c60.intoArray(c, ci + 6 * ldc);
        c61.intoArray(c, ci + 6 * ldc + v);
        c70.intoArray(c, ci + 7 * ldc);
        c71.intoArray(c, ci + 7 * ldc + v);
    }

    private static void tile4x3(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float[] c, int ci,
            int ldc, boolean acc) {
        int v = LANES;
        FloatVector c00 = start(c, ci, acc), c01 = start(c, ci + v, acc), c02 = start(c, ci + 2 * v, acc);
        FloatVector c10 = start(c, ci + ldc, acc), c11 = start(c, ci + ldc + v, acc);
        FloatVector c12 = start(c, ci + ldc + 2 * v, acc);
        FloatVector c20 = start(c, ci + 2 * ldc, acc), c21 = start(c, ci + 2 * ldc + v, acc);
        FloatVector c22 = start(c, ci + 2 * ldc + 2 * v, acc);
        FloatVector c30 = start(c, ci + 3 * ldc, acc), c31 = start(c, ci + 3 * ldc + v, acc);
        FloatVector c32 = start(c, ci + 3 * ldc + 2 * v, acc);
        for (int p = 0, bp = bj, r = ai; p < k; p++, bp += ldb, r++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + v);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * v);
            FloatVector x = FloatVector.broadcast(SPECIES, a[r]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(SPECIES, a[r + lda]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(SPECIES, a[r + 2 * lda]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(SPECIES, a[r + 3 * lda]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + v);
        c02.intoArray(c, ci + 2 * v);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + v);
        c12.intoArray(c, ci + ldc + 2 * v);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + v);
        c22.intoArray(c, ci + 2 * ldc + 2 * v);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + v);
        c32.intoArray(c, ci + 3 * ldc + 2 * v);
    }

    private static void tile4x1(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float[] c, int ci,
            int ldc, boolean acc) {
        FloatVector c0 = start(c, ci, acc), c1 = start(c, ci + ldc, acc);
        FloatVector c2 = start(c, ci + 2 * ldc, acc), c3 = start(c, ci + 3 * ldc, acc);
        for (int p = 0, bp = bj, r = ai; p < k; p++, bp += ldb, r++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            c0 = FloatVector.broadcast(SPECIES, a[r]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[r + lda]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[r + 2 * lda]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[r + 3 * lda]).fma(b0, c3);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + ldc);
        c2.intoArray(c, ci + 2 * ldc);
        c3.intoArray(c, ci + 3 * ldc);
    }

    private static void tile1x1(int k, float[] a, int ai, float[] b, int bj, int ldb, float[] c, int ci,
            boolean acc) {
        FloatVector c0 = start(c, ci, acc);
        for (int p = 0, bp = bj, r = ai; p < k; p++, bp += ldb, r++) {
            c0 = FloatVector.broadcast(SPECIES, a[r]).fma(FloatVector.fromArray(SPECIES, b, bp), c0);
        }
        c0.intoArray(c, ci);
    }

    /**
     * Columns [from, n), fewer than a vector: B's and C's last columns copied into zero-padded one-vector-wide blocks
     * on this thread's scratch and run through the same tiles, then back (masked loads and stores are not compiled
     * to vector instructions in Java 17: they ran a 264-wide product at a third of the 256-wide one's rate).
     */
    private static void paddedColumns(int m, int n, int k, int from, float[] a, int lda, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int w = n - from;
        float[] bt = scratch(PADDED_B, (long) k * LANES);
        float[] ct = scratch(PADDED_C, (long) m * LANES);
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, bOff + p * ldb + from, bt, p * LANES, w);
            Arrays.fill(bt, p * LANES + w, (p + 1) * LANES, 0f);
        }
        if (acc) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(c, cOff + i * ldc + from, ct, i * LANES, w);
            }
        }
        rowsOfOneVector(0, m, k, a, lda, bt, 0, LANES, ct, 0, LANES, acc);
        for (int i = 0; i < m; i++) {
            System.arraycopy(ct, i * LANES, c, cOff + i * ldc + from, w);
        }
    }

    /** This thread's scratch array of {@code slot}, at least {@code size} long. */
    private static float[] scratch(ThreadLocal<float[]> slot, long size) {
        float[] s = slot.get();
        if (s == null || s.length < size) {
            s = new float[Math.toIntExact(size)];
            slot.set(s);
        }
        return s;
    }
}
