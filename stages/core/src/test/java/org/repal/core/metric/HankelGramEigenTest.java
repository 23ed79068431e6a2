package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.repal.core.attractor.RandomRnn;
import org.repal.core.linalg.NativeBlas;
import org.repal.core.linalg.Scratch;
import org.repal.core.linalg.TopEigen;

/**
 * The thin-block Krylov solver on what it is used for: the Hankel Gram of simulated RNN activity, whose spectrum
 * decays slowly (λ₅₀/λ₁ ≈ 0.2 and λ₅₀/λ₅₁ ≈ 1.01 at the bench's gain 0.8), against LAPACK's dense solver.
 */
class HankelGramEigenTest {

    @Test
    void krylovEigenpairsEqualDenseWithinCertifiedTolerance() {
        int r = 50;
        for (double gain : new double[] {0.8, 1.5}) {
            Trajectories x = RandomRnn.simulate(32, 60, 64, gain, 0.05, 3);
            DmdParams p = new DmdParams(20, 1, r, 0);
            int n = x.neurons() * p.nDelays();
            try (Scratch.Lease zl = HavokDmd.timeMajor(x); Scratch.Lease gl = HavokDmd.columnGram(zl.pointer(), x, p)) {
                DoublePointer g = gl.pointer();
                TopEigen.Result krylov = TopEigen.compute(g, n, r);
                assertTrue(krylov.method().startsWith("krylov"), "gain " + gain + ": " + krylov.method());
                TopEigen.Result dense = TopEigen.dense(g, n, r);
                NativeBlas.mirrorUpper(g, n); // the solvers read the upper triangle; the check below the whole of G
                double top = dense.values()[0];
                double[] gu = new double[n * r];
                try (DoublePointer u = NativeBlas.alloc((long) n * r); DoublePointer prod = NativeBlas.alloc((long) n * r)) {
                    u.put(krylov.vectors());
                    NativeBlas.gemm(false, false, n, r, n, 1.0, g, 0, n, u, 0, r, 0.0, prod, 0, r);
                    prod.get(gu);
                }
                for (int i = 0; i < r; i++) {
                    assertEquals(dense.values()[i], krylov.values()[i], 1e-10 * top, "gain " + gain + " λ" + i);
                    double residual = 0;
                    double dot = 0;
                    for (int row = 0; row < n; row++) {
                        double u = krylov.vectors()[row * r + i];
                        double d = gu[row * r + i] - krylov.values()[i] * u;
                        residual += d * d;
                        dot += u * dense.vectors()[row * r + i];
                    }
                    assertTrue(Math.sqrt(residual) <= 1e-10 * top, "gain " + gain + " residual of pair " + i + ": "
                            + Math.sqrt(residual) / top + " of λ₁");
                    // A residual ρ bounds the angle to the true eigenvector by ρ / gap: 1 − |cos| ≤ 1e-6 holds for gaps ≥ 1e-7·λ₁.
                    assertEquals(1.0, Math.abs(dot), 1e-6, "gain " + gain + " eigenvector " + i);
                }
            }
        }
    }
}
