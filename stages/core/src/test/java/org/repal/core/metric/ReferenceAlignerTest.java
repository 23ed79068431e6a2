package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.repal.core.linalg.SmallMatrices;

class ReferenceAlignerTest {

    static double[] randomNormalised(SplittableRandom rng, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        double norm = SmallMatrices.frobeniusNorm(a);
        for (int i = 0; i < a.length; i++) {
            a[i] /= norm;
        }
        return a;
    }

    static double determinant(double[] m, int n) {
        double[] a = m.clone();
        double det = 1;
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i * n + k]) > Math.abs(a[piv * n + k])) {
                    piv = i;
                }
            }
            if (piv != k) {
                for (int j = 0; j < n; j++) {
                    double t = a[k * n + j];
                    a[k * n + j] = a[piv * n + j];
                    a[piv * n + j] = t;
                }
                det = -det;
            }
            det *= a[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double f = a[i * n + k] / a[k * n + k];
                for (int j = k; j < n; j++) {
                    a[i * n + j] -= f * a[k * n + j];
                }
            }
        }
        return det;
    }

    static double[] randomRotation(SplittableRandom rng, int n) {
        double[] q = EigenWassersteinTest.randomOrthogonal(rng, n);
        if (determinant(q, n) < 0) {
            for (int j = 0; j < n; j++) {
                q[j] = -q[j];
            }
        }
        return q;
    }

    static double[] conjugate(double[] q, double[] b, int n) {
        double[] qb = SmallMatrices.multiply(q, b, n, n, n);
        double[] out = new double[n * n];
        SmallMatrices.gemm(false, true, n, n, n, 1.0, qb, q, 0.0, out);
        return out;
    }

    // ------------------------------------------------------------------ (a) gradients

    private static void checkGradient(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = randomNormalised(rng, n);
        double[] b = randomNormalised(rng, n);
        CayleyAdamRun run = new CayleyAdamRun(n);
        run.setProblem(a, b);
        run.initialise(rng);
        // move away from the initial point: X ≠ I and larger weights make every tanh visibly non-linear
        double[] p = run.params.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] += rng.nextDouble(-0.5, 0.5);
        }
        run.setParameters(p);
        double loss = run.lossAndGradient();
        double[] g = run.gradient();
        assertTrue(loss > 1e-3, "non-trivial loss");

        double h = 1e-5;
        double maxG = 0;
        double maxErr = 0;
        double[] q = p.clone();
        for (int i = 0; i < p.length; i++) {
            q[i] = p[i] + h;
            run.setParameters(q);
            double lp = run.lossAndGradient();
            q[i] = p[i] - h;
            run.setParameters(q);
            double lm = run.lossAndGradient();
            q[i] = p[i];
            double fd = (lp - lm) / (2 * h);
            maxErr = Math.max(maxErr, Math.abs(fd - g[i]));
            maxG = Math.max(maxG, Math.abs(g[i]));
        }
        // each of the four parameter blocks carries gradient
        int nn = n * n;
        for (int blk = 0; blk < 4; blk++) {
            double blockMax = 0;
            for (int i = blk * nn; i < (blk + 1) * nn; i++) {
                blockMax = Math.max(blockMax, Math.abs(g[i]));
            }
            assertTrue(blockMax > 1e-3 * maxG, "block " + blk + " has no gradient");
        }
        double rel = maxErr / maxG;
        assertTrue(rel < 1e-6, "n=" + n + " relative gradient error " + rel);
    }

    @Test
    void gradientMatchesFiniteDifferencesN3() {
        checkGradient(3, 1);
        checkGradient(3, 2);
    }

    @Test
    void gradientMatchesFiniteDifferencesN6() {
        checkGradient(6, 3);
        checkGradient(6, 4);
    }

    @Test
    void lossAndCAreConsistent() {
        int n = 5;
        SplittableRandom rng = new SplittableRandom(9);
        double[] a = randomNormalised(rng, n);
        double[] b = randomNormalised(rng, n);
        CayleyAdamRun run = new CayleyAdamRun(n);
        run.setProblem(a, b);
        run.initialise(rng);
        double loss = run.lossAndGradient();
        double[] c = run.currentC();
        assertEquals(SmallMatrices.similarityResidualSquared(a, b, c, n), loss, 1e-13);
        assertTrue(SmallMatrices.orthogonalityError(c, n) < 1e-13);
        assertTrue(determinant(c, n) > 0, "Cayley map gives rotations");
        // the initial C is a random rotation, not the identity (spec §4.2)
        double dist = SmallMatrices.squaredDistance(c, SmallMatrices.identity(n));
        assertTrue(dist > 0.01, "||C0 - I||^2 = " + dist);
    }

    @Test
    void firstAdamStepMovesEveryParameterByAboutLr() {
        // with m = 0.1 g, v = 0.001 g², bias corrections 0.1 and 0.001: Δp = −lr g / (|g| + 1e-8)
        int n = 4;
        SplittableRandom rng = new SplittableRandom(5);
        CayleyAdamRun run = new CayleyAdamRun(n);
        run.setProblem(randomNormalised(rng, n), randomNormalised(rng, n));
        run.initialise(rng);
        double[] before = run.params.clone();
        run.lossAndGradient();
        double[] g = run.gradient();
        run.adamStep(0.01);
        for (int i = 0; i < before.length; i++) {
            double expected = before[i] - 0.01 * g[i] / (Math.abs(g[i]) + 1e-8);
            assertEquals(expected, run.params[i], 1e-15, "param " + i);
        }
    }

    // ------------------------------------------------------------------ (b) orthogonality

    @Test
    void returnedCIsOrthogonal() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int n : new int[] {2, 3, 7, 12}) {
            double[] a = randomNormalised(rng, n);
            double[] b = randomNormalised(rng, n);
            ReferenceAligner.Trace t = new ReferenceAligner(n, 0.01, 150).trace(a, b, n);
            OrthogonalAligner.Alignment al = t.alignment();
            assertTrue(SmallMatrices.orthogonalityError(al.c(), n) < 1e-10, "n=" + n);
            assertEquals(SmallMatrices.similarityResidualSquared(a, b, al.c(), n), al.loss(), 1e-14);
            assertEquals(300, al.iterations());
            assertEquals(150, t.losses1().length);
            // winner rule: lower last recorded loss; run 2's C is un-swapped by P
            boolean second = t.losses2()[149] < t.losses1()[149];
            assertEquals(second, t.secondRunChosen());
            assertEquals(second ? -1 : 1, Math.signum(determinant(al.c(), n)), "det of C*");
        }
    }

    @Test
    void doesNotModifyInputs() {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 4;
        double[] a = randomNormalised(rng, n);
        double[] b = randomNormalised(rng, n);
        double[] a0 = a.clone();
        double[] b0 = b.clone();
        new ReferenceAligner(1, 0.01, 20).align(a, b, n);
        assertArrayEquals(a0, a);
        assertArrayEquals(b0, b);
    }

    // ------------------------------------------------------------------ (c) convergence

    /** ‖skew(Cᵀ ∇f(C))‖_F: the Riemannian gradient norm of f(C) = ‖A − C B Cᵀ‖² on O(n) at C. */
    static double riemannianGradientNorm(double[] a, double[] b, double[] c, int n) {
        double[] cb = SmallMatrices.multiply(c, b, n, n, n);
        double[] r = new double[n * n];
        SmallMatrices.gemm(false, true, n, n, n, 1.0, cb, c, 0.0, r);
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] - r[i];
        }
        double[] cbt = new double[n * n];
        SmallMatrices.gemm(false, true, n, n, n, 1.0, c, b, 0.0, cbt);
        double[] g = new double[n * n];
        SmallMatrices.gemm(false, false, n, n, n, -2.0, r, cbt, 0.0, g);
        SmallMatrices.gemm(true, false, n, n, n, -2.0, r, cb, 1.0, g);
        double[] ctg = new double[n * n];
        SmallMatrices.gemm(true, false, n, n, n, 1.0, c, g, 0.0, ctg);
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = 0.5 * (ctg[i * n + j] - ctg[j * n + i]);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * A = Q B Qᵀ with Q a random rotation, n = 4, 3000 steps. The true minimum is 0, but the reference optimiser
     * does not always find it. Measured on these 20 fixed cases: 11 reach ≤ 1e-15; 6 stop in genuine local
     * minima of f on O(n) (losses 0.02–0.39, Riemannian gradient ~1e-15, every nearby rotation worse); 2 end at
     * 1.4e-3 and 0.19 still creeping, with an eigenvalue of their C within 0.1 rad of −1, which the Cayley map
     * reaches only as ‖S‖ → ∞ (spec §5.2); 1 hovers at 0.1 near a local minimum (Riemannian gradient 3e-4..3e-3:
     * Adam with a constant step never settles exactly). So the test asserts what holds: many exact recoveries, a
     * large decrease everywhere, and every miss explained by one of those two mechanisms.
     */
    @Test
    void rotationRelatedPairsAreRecoveredOrStopAtExplainedPoints() {
        int n = 4;
        int iters = 3000;
        int exact = 0;
        for (long s = 0; s < 20; s++) {
            SplittableRandom rng = new SplittableRandom(100 + s);
            double[] b = randomNormalised(rng, n);
            double[] q = randomRotation(rng, n);
            double[] a = conjugate(q, b, n);
            ReferenceAligner.Trace t = new ReferenceAligner(s, 0.01, iters).trace(a, b, n);
            double loss = t.alignment().loss();
            double initial = t.losses1()[0];
            assertTrue(loss < 0.3 * initial, "case " + s + ": " + loss + " vs initial " + initial);
            for (double[] l : new double[][] {t.losses1(), t.losses2()}) {
                double early = Arrays.stream(l, 0, 100).average().orElseThrow();
                double late = Arrays.stream(l, iters - 100, iters).average().orElseThrow();
                assertTrue(late < 0.9 * early, "case " + s + ": a run does not decrease on average");
            }
            if (loss < 1e-12) {
                exact++;
                continue;
            }
            if (loss < 1e-3) {
                continue;
            }
            double rgrad = riemannianGradientNorm(a, b, t.alignment().c(), n);
            double[] own = t.secondRunChosen() ? t.c2() : t.c1();
            double nearMinusOne = Double.POSITIVE_INFINITY;
            for (double[] z : EigenWasserstein.eigenvalues(own, n)) {
                nearMinusOne = Math.min(nearMinusOne, Math.PI - Math.abs(Math.atan2(z[1], z[0])));
            }
            assertTrue(rgrad < 1e-2 || nearMinusOne < 0.15, "case " + s + ": loss " + loss
                    + " is neither stationary (Riemannian gradient " + rgrad + ") nor a Cayley stall (eigenvalue "
                    + nearMinusOne + " rad from -1)");
        }
        assertTrue(exact >= 9, "only " + exact + " of 20 rotation-related pairs recovered exactly");
    }

    // ------------------------------------------------------------------ (d) determinism

    @Test
    void sameSeedSameResultDifferentSeedDifferentC() {
        SplittableRandom rng = new SplittableRandom(31);
        int n = 6;
        double[] a = randomNormalised(rng, n);
        double[] b = randomNormalised(rng, n);
        OrthogonalAligner.Alignment r1 = new ReferenceAligner(42, 0.01, 100).align(a, b, n);
        OrthogonalAligner.Alignment r2 = new ReferenceAligner(42, 0.01, 100).align(a, b, n);
        ReferenceAligner shared = new ReferenceAligner(42, 0.01, 100);
        OrthogonalAligner.Alignment r3 = shared.align(a, b, n);
        OrthogonalAligner.Alignment r4 = shared.align(a, b, n);
        assertArrayEquals(r1.c(), r2.c());
        assertArrayEquals(r1.c(), r3.c());
        assertArrayEquals(r1.c(), r4.c());
        assertEquals(r1.loss(), r2.loss());
        OrthogonalAligner.Alignment other = new ReferenceAligner(43, 0.01, 100).align(a, b, n);
        assertFalse(Arrays.equals(r1.c(), other.c()));
        assertNotEquals(r1.loss(), other.loss());
    }

    // ------------------------------------------------------------------ edge cases and helpers

    @Test
    void sizeOneGivesIdentity() {
        ReferenceAligner.Trace t = new ReferenceAligner(1, 0.01, 10).trace(new double[] {1.0}, new double[] {-1.0}, 1);
        assertArrayEquals(new double[] {1.0}, t.alignment().c());
        assertEquals(4.0, t.alignment().loss());
        assertEquals(20, t.alignment().iterations());
        assertFalse(t.secondRunChosen());
    }

    @Test
    void swapFirstTwoIsPBPt() {
        int n = 3;
        double[] b = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] p = {0, 1, 0, 1, 0, 0, 0, 0, 1};
        assertArrayEquals(conjugate(p, b, n), ReferenceAligner.swapFirstTwo(b, n));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceAligner(1, 0.01, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceAligner(1, -1, 10));
        ReferenceAligner r = new ReferenceAligner(1);
        assertEquals("reference", r.name());
        assertThrows(IllegalArgumentException.class, () -> r.align(new double[3], new double[4], 2));
        assertThrows(IllegalArgumentException.class, () -> r.align(new double[0], new double[0], 0));
        assertThrows(IllegalArgumentException.class,
                () -> r.align(new double[] {Double.NaN, 0, 0, 0}, new double[4], 2));
    }

    @Test
    void tanhIsAccurate() {
        SplittableRandom rng = new SplittableRandom(2);
        double maxUlps = 0;
        int len = 200_000;
        double[] xs = new double[len];
        for (int i = 0; i < len; i++) {
            xs[i] = switch (i % 5) {
                case 0 -> rng.nextDouble(-0.3, 0.3);
                case 1 -> rng.nextDouble(-3, 3);
                case 2 -> rng.nextDouble(-30, 30);
                case 3 -> rng.nextDouble(0.19999, 0.20001) * (rng.nextBoolean() ? 1 : -1);
                default -> rng.nextDouble(-1e-6, 1e-6);
            };
        }
        double[] bulk = new double[len];
        FastTanh.tanh(xs, bulk, len);
        for (int i = 0; i < len; i++) {
            double e = Math.tanh(xs[i]);
            double got = FastTanh.tanh(xs[i]);
            maxUlps = Math.max(maxUlps, Math.abs(got - e) / Math.ulp(e));
            assertEquals(got, bulk[i], "bulk and scalar tanh differ at " + xs[i]);
        }
        assertTrue(maxUlps <= 4, "max error " + maxUlps + " ulp");
        double[] special = {0.0, -0.0, 1000.0, Double.NEGATIVE_INFINITY, Double.NaN, 0.2, -0.2};
        double[] specialOut = new double[special.length];
        FastTanh.tanh(special, specialOut, special.length);
        for (int i = 0; i < special.length; i++) {
            assertEquals(FastTanh.tanh(special[i]), specialOut[i]);
        }
        assertEquals(0.0, FastTanh.tanh(0.0));
        assertEquals(1.0, FastTanh.tanh(1000.0));
        assertEquals(-1.0, FastTanh.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(FastTanh.tanh(Double.NaN)));
    }
}
