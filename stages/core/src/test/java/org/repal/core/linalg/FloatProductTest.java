package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float product kernel against the fused multiply-add chain it promises, bit for bit, on awkward shapes. */
class FloatProductTest {

    private static float[] random(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** acc ← fma(A[i][p], B[p][j], acc) over p ascending from 0 or from C's value: every element's documented result. */
    private static float[] fmaChain(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc,
            boolean accumulate) {
        float[] out = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = accumulate ? c[i * ldc + j] : 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[i * lda + p], b[p * ldb + j], acc);
                }
                out[i * ldc + j] = acc;
            }
        }
        return out;
    }

    /**
     * Row counts with and without tails of the 8- and 4-row tiles, column counts with whole tiles, leftover vectors
     * and a last partial vector, padded leading dimensions (whose padding must stay untouched), k from 0 up.
     */
    @Test
    void equalsTheFmaChainBitForBit() {
        assumeTrue(FloatProduct.available(), VectorApi.describe());
        int seed = 0;
        for (int m : new int[] {1, 3, 4, 8, 13, 32}) {
            for (int n : new int[] {1, 5, 16, 37, 48, 100, 256}) {
                for (int k : new int[] {0, 1, 7, 67}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        int lda = k + 3;
                        int ldb = n + 2;
                        int ldc = n + 1;
                        float[] a = random(m * lda, ++seed);
                        float[] b = random(Math.max(k, 1) * ldb, ++seed);
                        float[] c = random(m * ldc, ++seed); // stale values, overwritten unless accumulating
                        float[] expected = fmaChain(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
                        FloatProduct.multiply(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
                        assertArrayEquals(expected, c, 0f, "m=" + m + " n=" + n + " k=" + k + " acc=" + accumulate);
                    }
                }
            }
        }
    }

    /** The shapes of a relu 256 network's step products (lanes of 32 rows, 264-wide [h | x | 0] rows). */
    @Test
    void stepShapesEqualTheFmaChain() {
        assumeTrue(FloatProduct.available(), VectorApi.describe());
        float[] a = random(32 * 264, 1);
        float[] b = random(264 * 256, 2);
        float[] c = new float[32 * 256];
        FloatProduct.multiply(32, 256, 264, a, 264, b, 256, c, 256, false);
        assertArrayEquals(fmaChain(32, 256, 264, a, 264, b, 256, new float[32 * 256], 256, false), c, 0f);
        float[] grads = random(32 * 256, 3);
        float[] expected = fmaChain(32, 256, 256, c, 256, b, 256, grads, 256, true);
        FloatProduct.multiply(32, 256, 256, c, 256, b, 256, grads, 256, true);
        assertArrayEquals(expected, grads, 0f);
    }

    /**
     * Aᵀ·B over column ranges of both operands, written at an offset into a wider C, against the chain over A's
     * transpose; and two consecutive blocks of rows accumulated equal one product over both (the weight gradient's
     * chunks), bit for bit. The shapes of a relu 256 gradient chunk and awkward ones.
     */
    @Test
    void transposedProductEqualsTheFmaChainAndChunksAddUp() {
        assumeTrue(FloatProduct.available(), VectorApi.describe());
        int[][] shapes = {{264, 256, 64, 0, 0}, {13, 37, 7, 5, 3}, {8, 16, 1, 0, 16}, {40, 100, 33, 8, 1}};
        int seed = 100;
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            int aCol = shape[3];
            int bCol = shape[4];
            int lda = aCol + m + 2;
            int ldb = bCol + n + 3;
            int ldc = n + 1;
            int cOff = 2;
            float[] a = random(k * lda, ++seed);
            float[] b = random(k * ldb, ++seed);
            float[] at = new float[m * k]; // A's used columns transposed: the chain's left operand
            for (int p = 0; p < k; p++) {
                for (int i = 0; i < m; i++) {
                    at[i * k + p] = a[p * lda + aCol + i];
                }
            }
            float[] bUsed = new float[k * n];
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * ldb + bCol, bUsed, p * n, n);
            }
            float[] c = random(cOff + m * ldc, ++seed);
            float[] expected = c.clone();
            float[] chain = fmaChain(m, n, k, at, k, bUsed, n, new float[m * ldc], ldc, false);
            System.arraycopy(chain, 0, expected, cOff, m * ldc);
            for (int i = 0; i < m; i++) { // the padding column of each row stays as it was
                expected[cOff + i * ldc + n] = c[cOff + i * ldc + n];
            }
            FloatProduct.multiplyTransposed(m, n, k, a, aCol, lda, b, bCol, ldb, c, cOff, ldc, false);
            assertArrayEquals(expected, c, 0f, "m=" + m + " n=" + n + " k=" + k);

            int half = k / 2;
            float[] chunked = new float[cOff + m * ldc];
            FloatProduct.multiplyTransposed(m, n, half, a, aCol, lda, b, bCol, ldb, chunked, cOff, ldc, false);
            float[] aRest = java.util.Arrays.copyOfRange(a, half * lda, k * lda);
            float[] bRest = java.util.Arrays.copyOfRange(b, half * ldb, k * ldb);
            FloatProduct.multiplyTransposed(m, n, k - half, aRest, aCol, lda, bRest, bCol, ldb, chunked, cOff, ldc,
                    true);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(c[cOff + i * ldc + j], chunked[cOff + i * ldc + j], 0f, "chunked at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void rejectsShapesItsArraysCannotHold() {
        float[] a = new float[12];
        float[] b = new float[12];
        float[] c = new float[9];
        if (!FloatProduct.available()) {
            assertThrows(IllegalStateException.class, () -> FloatProduct.multiply(3, 3, 4, a, 4, b, 3, c, 3, false));
            return;
        }
        FloatProduct.multiply(3, 3, 4, a, 4, b, 3, c, 3, false);
        assertThrows(IllegalArgumentException.class, () -> FloatProduct.multiply(3, 3, 4, a, 3, b, 3, c, 3, false));
        assertThrows(IllegalArgumentException.class, () -> FloatProduct.multiply(3, 4, 4, a, 4, b, 4, c, 4, false));
        assertThrows(IllegalArgumentException.class, () -> FloatProduct.multiply(4, 3, 4, a, 4, b, 3, c, 3, false));
        assertThrows(IllegalArgumentException.class, () -> FloatProduct.multiply(-1, 3, 4, a, 4, b, 3, c, 3, false));
        FloatProduct.multiplyTransposed(3, 3, 4, a, 0, 3, b, 0, 3, c, 0, 3, false);
        assertThrows(IllegalArgumentException.class,
                () -> FloatProduct.multiplyTransposed(3, 3, 4, a, 1, 3, b, 0, 3, c, 0, 3, false));
        assertThrows(IllegalArgumentException.class,
                () -> FloatProduct.multiplyTransposed(3, 3, 4, a, 0, 3, b, 0, 3, c, 1, 3, false));
        assertThrows(IllegalArgumentException.class,
                () -> FloatProduct.multiplyTransposed(3, 3, 5, a, 0, 3, b, 0, 3, c, 0, 3, false));
    }
}
