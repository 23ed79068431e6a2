package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

/** The packed symmetric kernel against the fused multiply-add order it documents, bit for bit, and against G·Q. */
class SymmetricProductTest {

    private static double[] symmetric(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                g[i * n + j] = r.nextDouble() * 2 - 1;
                g[j * n + i] = g[i * n + j];
            }
        }
        return g;
    }

    /** One column at a time, in the order VectorSymmetricProduct's comment gives: tiles of 8 rows, then single rows. */
    private static double[] documentedOrder(double[] g, int n, double[] q, int b) {
        double[] c = new double[n * b];
        for (int col = 0; col < b; col++) {
            double[] out = new double[n];
            int t = 0;
            while (t < n) {
                int rows = t + 8 <= n ? 8 : 1;
                double[] acc = new double[rows];
                for (int j = t + rows; j < n; j++) {
                    for (int r = 0; r < rows; r++) {
                        double e = g[(t + r) * n + j];
                        acc[r] = Math.fma(q[j * b + col], e, acc[r]);
                        out[j] = Math.fma(q[(t + r) * b + col], e, out[j]);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    for (int s = r; s < rows; s++) {
                        double e = g[(t + r) * n + t + s];
                        out[t + r] = Math.fma(q[(t + s) * b + col], e, out[t + r]);
                        if (s > r) {
                            out[t + s] = Math.fma(q[(t + r) * b + col], e, out[t + s]);
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    out[t + r] += acc[r];
                }
                t += rows;
            }
            for (int i = 0; i < n; i++) {
                c[i * b + col] = out[i];
            }
        }
        return c;
    }

    /** Catches a build that lost the module from surefire's argLine (the kernel would go untested). */
    @Test
    void testsRunWithTheVectorModule() {
        assumeTrue(VectorApi.hardwareFma(), "this JVM has no hardware FMA (e.g. -XX:UseAVX=0): OpenBLAS only");
        assertTrue(VectorApi.lanes() >= 2, "surefire's argLine must add " + VectorApi.VECTOR_MODULE + ": "
                + VectorApi.describe());
    }

    /** Row counts with and without single-row tails, several vectors of columns; the lower triangle is never read. */
    @Test
    void equalsTheDocumentedOrderBitForBitAndGTimesQ() {
        int lanes = VectorApi.lanes();
        assumeTrue(lanes >= 2, VectorApi.describe());
        for (int n : new int[] {1, 7, 8, 13, 64, 203}) {
            for (int vectors = 1; vectors <= 3; vectors++) {
                int b = vectors * lanes;
                double[] g = symmetric(n, n);
                double[] q = RandomArrays.uniform(n * b, n + b);
                double[] packed = new double[(int) SymmetricProduct.packedLength(n)];
                double[] upperOnly = g.clone();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        upperOnly[i * n + j] = Double.NaN;
                    }
                }
                SymmetricProduct.pack(upperOnly, n, packed);
                double[] c = RandomArrays.uniform(n * b, 99); // stale contents must be overwritten
                SymmetricProduct.multiply(packed, n, q, b, c);
                assertArrayEquals(documentedOrder(g, n, q, b), c, 0.0, "n=" + n + " b=" + b);
                for (int i = 0; i < n; i++) {
                    for (int col = 0; col < b; col++) {
                        double exact = 0;
                        for (int j = 0; j < n; j++) {
                            exact += g[i * n + j] * q[j * b + col];
                        }
                        assertEquals(exact, c[i * b + col], 1e-12 * n, "G·Q at " + i + "," + col);
                    }
                }
            }
        }
    }

    @Test
    void packsTheOffHeapUpperTriangleAsTheHeapOne() {
        int n = 11;
        double[] g = symmetric(n, 5);
        double[] fromHeap = new double[(int) SymmetricProduct.packedLength(n)];
        double[] fromNative = new double[fromHeap.length];
        SymmetricProduct.pack(g, n, fromHeap);
        try (DoublePointer p = new DoublePointer(g)) {
            SymmetricProduct.pack(p, n, fromNative);
        }
        assertArrayEquals(fromHeap, fromNative, 0.0);
        assertEquals(g[3 * n + 7], fromHeap[SymmetricProduct.rowStart(n, 3) + 4]);
    }

    @Test
    void refusesBlocksAndArraysItCannotTake() {
        int lanes = Math.max(2, VectorApi.lanes());
        assertFalse(SymmetricProduct.available(16, lanes + 1));
        assertFalse(SymmetricProduct.available(16, 1));
        double[] packed = new double[(int) SymmetricProduct.packedLength(16)];
        assertThrows(IllegalStateException.class, () -> SymmetricProduct.multiply(packed, 16,
                new double[16 * (lanes + 1)], lanes + 1, new double[16 * (lanes + 1)]));
        if (SymmetricProduct.available(16, lanes)) {
            assertThrows(IllegalArgumentException.class, () -> SymmetricProduct.multiply(new double[135], 16,
                    new double[16 * lanes], lanes, new double[16 * lanes]));
        }
    }
}
