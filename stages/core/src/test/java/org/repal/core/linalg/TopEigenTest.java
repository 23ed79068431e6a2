package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

/** The block-Krylov eigensolver against LAPACK on matrices with a tiny gap at the cut, as Hankel Grams have. */
class TopEigenTest {

    /** G = Q·diag(λ)·Qᵀ with λ decaying slowly (λ_r / λ_{r+1} ≈ 1.04) from a random orthogonal Q. */
    private static DoublePointer spectrum(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble() - 0.5;
        }
        DoublePointer q = NativeBlas.alloc((long) n * n);
        q.put(m);
        assertTrue(NativeBlas.orthonormalizeColumns(q, n, n));
        double[] qa = new double[n * n];
        q.get(qa);
        double[] scaled = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scaled[i * n + j] = qa[i * n + j] * Math.pow(0.96, j);
            }
        }
        DoublePointer s = NativeBlas.alloc((long) n * n);
        s.put(scaled);
        DoublePointer g = NativeBlas.alloc((long) n * n);
        NativeBlas.gemm(false, true, n, n, n, 1.0, s, 0, n, q, 0, n, 0.0, g, 0, n);
        return g;
    }

    @Test
    void krylovMatchesDenseSolver() {
        int n = 900;
        int r = 30;
        DoublePointer g = spectrum(n, 7);
        TopEigen.Result krylov = TopEigen.blockKrylov(g, n, r);
        assertNotNull(krylov, "block Krylov should converge on this spectrum");
        TopEigen.Result dense = TopEigen.dense(g, n, r);
        for (int i = 0; i < r; i++) {
            assertEquals(dense.values()[i], krylov.values()[i], 1e-10 * dense.values()[0], "eigenvalue " + i);
            double dot = 0;
            for (int row = 0; row < n; row++) {
                dot += dense.vectors()[row * r + i] * krylov.vectors()[row * r + i];
            }
            assertEquals(1.0, Math.abs(dot), 1e-6, "eigenvector " + i + " direction");
        }
        assertTrue(krylov.method().startsWith("krylov"));
    }

    /**
     * The Lanczos estimate ‖B·y_last‖ that decides whether a check is worth forming Ritz vectors for tracks the true
     * residual ‖G·u − θ·u‖ at every check (here all certified), from far off to accepted; and gating the checks on it
     * changes nothing in the answer.
     */
    @Test
    void lanczosResidualEstimateTracksTheTrueResidual() {
        int n = 900;
        int r = 30;
        DoublePointer g = spectrum(n, 7);
        List<TopEigen.Checkpoint> all = new ArrayList<>();
        TopEigen.Result certifiedEverywhere = TopEigen.blockKrylov(g, n, r, true, Double.POSITIVE_INFINITY, all);
        assertNotNull(certifiedEverywhere);
        assertTrue(all.size() >= 2, "a failing check before the accepted one: " + all);
        assertTrue(all.get(0).certified() > 10, "the first check is far from converged: " + all);
        for (TopEigen.Checkpoint c : all) {
            assertEquals(1.0, c.estimate() / c.certified(), 0.05, "estimate against true residual at " + c);
        }
        List<TopEigen.Checkpoint> gated = new ArrayList<>();
        TopEigen.Result result = TopEigen.blockKrylov(g, n, r);
        TopEigen.blockKrylov(g, n, r, true, 0.5, gated);
        assertTrue(Double.isNaN(gated.get(0).certified()), "a failing estimate skips the true residuals: " + gated);
        assertTrue(gated.get(gated.size() - 1).certified() <= 1.0, "accepted on the true residuals: " + gated);
        assertEquals(certifiedEverywhere.method(), result.method());
        for (int i = 0; i < r; i++) {
            assertEquals(certifiedEverywhere.values()[i], result.values()[i], 0.0, "eigenvalue " + i);
        }
    }

    /** Every path reads G's upper triangle only: NaN below the diagonal changes nothing. */
    @Test
    void onlyTheUpperTriangleIsRead() {
        int n = 904;
        int r = 30;
        DoublePointer full = spectrum(n, 13);
        DoublePointer upper = NativeBlas.alloc((long) n * n);
        NativeBlas.copy(full, 0, upper, 0, (long) n * n);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                upper.put((long) i * n + j, Double.NaN);
            }
        }
        for (boolean vectorKernel : new boolean[] {true, false}) {
            TopEigen.Result expected = TopEigen.blockKrylov(full, n, r, vectorKernel);
            TopEigen.Result actual = TopEigen.blockKrylov(upper, n, r, vectorKernel);
            assertNotNull(actual, "vector kernel " + vectorKernel);
            assertEquals(expected.method(), actual.method());
            assertArrayEquals(expected.values(), actual.values(), 1e-12 * expected.values()[0]);
            assertArrayEquals(expected.products(), actual.products(), 1e-10 * expected.values()[0]);
        }
        TopEigen.Result expected = TopEigen.dense(full, n, r);
        TopEigen.Result actual = TopEigen.dense(upper, n, r);
        assertArrayEquals(expected.values(), actual.values(), 0.0);
        assertArrayEquals(expected.products(), actual.products(), 1e-12 * expected.values()[0]);
    }

    /** The vector kernel's products and OpenBLAS's lead to the same eigenpairs (to rounding). */
    @Test
    void vectorKernelAndOpenBlasProductsAgree() {
        int n = 904;
        int r = 30;
        DoublePointer g = spectrum(n, 11);
        assumeTrue(SymmetricProduct.available(n, TopEigen.blockSize(n, r)), VectorApi.describe());
        TopEigen.Result vector = TopEigen.blockKrylov(g, n, r, true);
        TopEigen.Result blas = TopEigen.blockKrylov(g, n, r, false);
        assertNotNull(vector);
        assertNotNull(blas);
        for (int i = 0; i < r; i++) {
            assertEquals(blas.values()[i], vector.values()[i], 1e-12 * blas.values()[0], "eigenvalue " + i);
            for (int row = 0; row < n; row++) {
                assertEquals(blas.vectors()[row * r + i], vector.vectors()[row * r + i], 1e-8,
                        "eigenvector " + i + " row " + row);
            }
        }
    }

    @Test
    void computeFallsBackOrUsesDenseForSmallMatrices() {
        DoublePointer g = spectrum(60, 3);
        TopEigen.Result res = TopEigen.compute(g, 60, 5);
        assertEquals("dense", res.method());
        for (int i = 0; i < 5; i++) {
            assertEquals(Math.pow(0.96, i), res.values()[i], 1e-12, "eigenvalue " + i);
        }
    }

    /** Eight columns whatever the wanted count, never more than n. */
    @Test
    void blockWidthIsEightColumnsAtMostN() {
        assertEquals(8, TopEigen.blockSize(2560, 50));
        assertEquals(8, TopEigen.blockSize(2560, 1));
        assertEquals(8, TopEigen.blockSize(4000, 100));
        assertEquals(5, TopEigen.blockSize(5, 1));
    }
}
