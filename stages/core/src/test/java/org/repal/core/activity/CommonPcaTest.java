package org.repal.core.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repal.core.linalg.SmallMatrices;
import org.bytedeco.javacpp.DoublePointer;
import org.repal.core.linalg.NativeBlas;

/** The common PCA of a pair (spec §5): shapes, determinism, variance ratios, invariances, z-scoring, checks. */
class CommonPcaTest {

    /** Correlated activity: a few latent series mixed into the units, plus noise and per-unit offsets. */
    private static Activity activity(int trials, int steps, int units, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int latents = 4;
        double[] mix = new double[latents * units];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = 2 * rng.nextDouble() - 1;
        }
        double[] v = new double[trials * steps * units];
        for (int tr = 0; tr < trials; tr++) {
            double phase = rng.nextDouble() * 6;
            for (int t = 0; t < steps; t++) {
                for (int u = 0; u < units; u++) {
                    double x = 0.3 * u + 0.05 * rng.nextDouble();
                    for (int l = 0; l < latents; l++) {
                        x += mix[l * units + u] * Math.sin((l + 1) * 0.1 * t + phase * (l + 1)) / (l + 1);
                    }
                    v[(tr * steps + t) * units + u] = x;
                }
            }
        }
        return new Activity(trials, steps, units, v);
    }

    @Test
    void identicalInputsGiveIdenticalOutputsAndShapes() {
        Activity a = activity(6, 30, 12, 1);
        CommonPca.Result r = CommonPca.compute(a, a, CommonPca.Options.defaults().withComponents(5));
        assertArrayEquals(new int[] {6, 30, 5}, r.first().shape());
        assertArrayEquals(new int[] {6, 30, 5}, r.second().shape());
        assertArrayEquals(r.first().values(), r.second().values(), 0.0);
        CommonPca.Result again = CommonPca.compute(a, a, CommonPca.Options.defaults().withComponents(5));
        assertArrayEquals(r.first().values(), again.first().values(), 0.0, "deterministic");
        assertArrayEquals(r.explainedVarianceRatio(), again.explainedVarianceRatio(), 0.0);

        Activity b = activity(4, 30, 12, 2);
        CommonPca.Result ab = CommonPca.compute(a, b, CommonPca.Options.defaults());
        assertEquals(12, ab.components(), "k = 20 is clipped to the 12 units");
        assertArrayEquals(new int[] {4, 30, 12}, ab.second().shape());
    }

    @Test
    void explainedVarianceRatiosSumToAtMostOneAndToOneWithAllComponents() {
        Activity a = activity(5, 40, 10, 3);
        Activity b = activity(5, 40, 10, 4);
        for (boolean z : new boolean[] {true, false}) {
            CommonPca.Options o = new CommonPca.Options(3, z);
            double[] r3 = CommonPca.compute(a, b, o).explainedVarianceRatio();
            assertEquals(3, r3.length);
            double s3 = r3[0] + r3[1] + r3[2];
            assertTrue(s3 > 0 && s3 < 1, "k = 3 of 10: " + s3);
            assertTrue(r3[0] >= r3[1] && r3[1] >= r3[2], "descending");
            double[] all = CommonPca.compute(a, b, o.withComponents(CommonPca.Options.ALL)).explainedVarianceRatio();
            assertEquals(10, all.length);
            assertEquals(1.0, java.util.Arrays.stream(all).sum(), 1e-12);
            assertEquals(r3[0], all[0], 1e-12);
        }
    }

    @Test
    void projectionsArePrincipalComponents() {
        Activity a = activity(4, 50, 8, 5);
        Activity b = activity(3, 50, 8, 6);
        CommonPca.Result r = CommonPca.compute(a, b, new CommonPca.Options(4, false));
        int rows = 7 * 50;
        double[] y = new double[rows * 4];
        System.arraycopy(r.first().values(), 0, y, 0, r.first().values().length);
        System.arraycopy(r.second().values(), 0, y, r.first().values().length, r.second().values().length);
        // Centred, uncorrelated, with variances = ratio · total variance.
        double[] cov = new double[16];
        SmallMatrices.gemm(true, false, 4, 4, rows, 1.0 / (rows - 1), y, y, 0, cov);
        double total = 0;
        for (int u = 0; u < 8; u++) {
            double m = 0;
            double s = 0;
            for (int i = 0; i < rows; i++) {
                double v = i < 4 * 50 ? a.values()[i * 8 + u] : b.values()[(i - 200) * 8 + u];
                m += v;
                s += v * v;
            }
            total += (s - m * m / rows) / (rows - 1);
        }
        for (int i = 0; i < 4; i++) {
            double mean = 0;
            for (int row = 0; row < rows; row++) {
                mean += y[row * 4 + i];
            }
            assertEquals(0, mean / rows, 1e-10);
            assertEquals(r.explainedVarianceRatio()[i] * total, cov[i * 4 + i], 1e-9 * total);
            for (int j = 0; j < 4; j++) {
                if (i != j) {
                    assertEquals(0, cov[i * 4 + j], 1e-9 * total);
                }
            }
        }
    }

    @Test
    void anOrthogonalRotationOfTheUnitsLeavesTheProjectionsEqualUpToSign() {
        Activity a = activity(5, 40, 9, 7);
        Activity b = activity(5, 40, 9, 8);
        double[] q = orthogonal(9, 11);
        CommonPca.Options o = new CommonPca.Options(4, false); // z-scoring is per unit, hence not rotation-invariant
        CommonPca.Result plain = CommonPca.compute(a, b, o);
        CommonPca.Result rotated = CommonPca.compute(rotate(a, q), rotate(b, q), o);
        assertArrayEquals(plain.explainedVarianceRatio(), rotated.explainedVarianceRatio(), 1e-10);
        for (int c = 0; c < 4; c++) {
            double sign = Math.signum(plain.first().get(0, 0, c)) * Math.signum(rotated.first().get(0, 0, c));
            for (Activity[] pair : new Activity[][] {{plain.first(), rotated.first()}, {plain.second(), rotated.second()}}) {
                for (int tr = 0; tr < 5; tr++) {
                    for (int t = 0; t < 40; t++) {
                        assertEquals(pair[0].get(tr, t, c), sign * pair[1].get(tr, t, c), 1e-8,
                                "component " + c + " at trial " + tr + ", step " + t);
                    }
                }
            }
        }
        // The sign convention: each component's largest-|loading| entry is positive.
        Pca pca = Pca.fit(a.values(), 5 * 40, 9, 4);
        for (int c = 0; c < 4; c++) {
            int arg = 0;
            for (int u = 1; u < 9; u++) {
                if (Math.abs(pca.loadings()[u * 4 + c]) > Math.abs(pca.loadings()[arg * 4 + c])) {
                    arg = u;
                }
            }
            assertTrue(pca.loadings()[arg * 4 + c] > 0);
        }
    }

    /** A random orthogonal n×n matrix (QR of a uniform random one). */
    private static double[] orthogonal(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = 2 * rng.nextDouble() - 1;
        }
        try (DoublePointer p = NativeBlas.alloc(n * n)) {
            p.put(m);
            assertTrue(NativeBlas.orthonormalizeColumns(p, n, n));
            p.get(m);
        }
        assertTrue(SmallMatrices.orthogonalityError(m, n) < 1e-12);
        return m;
    }

    private static Activity rotate(Activity a, double[] q) {
        int n = a.units();
        double[] out = new double[a.values().length];
        SmallMatrices.gemm(false, false, a.trials() * a.steps(), n, n, 1.0, a.values(), q, 0, out);
        return new Activity(a.trials(), a.steps(), n, out);
    }

    @Test
    void zscoringIsPerTrialAndUnitOverTimeAndSwitchable() {
        Activity a = activity(3, 20, 5, 9);
        double[] v = a.values().clone();
        java.util.Arrays.fill(v, (1 * 20) * 5, (2 * 20) * 5, 0); // trial 1 constant: std 0 → 1, not NaN
        for (int t = 0; t < 20; t++) {
            v[(2 * 20 + t) * 5 + 3] = 4.5; // one constant (trial, unit) series
        }
        Activity c = new Activity(3, 20, 5, v);
        CommonPca.Result on = CommonPca.compute(c, c, new CommonPca.Options(CommonPca.Options.NONE, true));
        assertEquals(0, on.explainedVarianceRatio().length);
        for (int tr = 0; tr < 3; tr++) {
            for (int u = 0; u < 5; u++) {
                double m = 0;
                double s = 0;
                for (int t = 0; t < 20; t++) {
                    m += on.first().get(tr, t, u);
                }
                m /= 20;
                for (int t = 0; t < 20; t++) {
                    s += Math.pow(on.first().get(tr, t, u) - m, 2);
                }
                boolean constant = tr == 1 || tr == 2 && u == 3;
                assertEquals(0, m, 1e-12);
                assertEquals(constant ? 0 : 1, Math.sqrt(s / 19), 1e-12, "trial " + tr + ", unit " + u);
            }
        }
        CommonPca.Result off = CommonPca.compute(c, c, new CommonPca.Options(CommonPca.Options.NONE, false));
        assertArrayEquals(v, off.first().values(), 0.0, "neither z-scoring nor PCA: unchanged");
        CommonPca.Result pcaOn = CommonPca.compute(a, a, CommonPca.Options.defaults().withComponents(2));
        CommonPca.Result pcaOff = CommonPca.compute(a, a, CommonPca.Options.defaults().withComponents(2).withoutZscore());
        assertTrue(Math.abs(pcaOn.explainedVarianceRatio()[0] - pcaOff.explainedVarianceRatio()[0]) > 1e-3);
    }

    @Test
    void differentUnitCountsReduceTheWiderArrayFirst() {
        Activity wide = activity(4, 30, 14, 10);
        Activity narrow = activity(6, 30, 5, 11);
        CommonPca.Result r = CommonPca.compute(wide, narrow, CommonPca.Options.defaults());
        assertArrayEquals(new int[] {4, 30, 5}, r.first().shape());
        assertArrayEquals(new int[] {6, 30, 5}, r.second().shape());
        // Same as reducing the wide one by hand (its own centred PCA, not standardised) and then the common PCA.
        Pca own = Pca.fit(wide.values(), 4 * 30, 14, 5);
        Activity reduced = new Activity(4, 30, 5, own.project(wide.values(), 4 * 30));
        CommonPca.Result manual = CommonPca.compute(reduced, narrow, CommonPca.Options.defaults());
        assertArrayEquals(manual.first().values(), r.first().values(), 0.0);
        assertArrayEquals(manual.second().values(), r.second().values(), 0.0);
        CommonPca.Result swapped = CommonPca.compute(narrow, wide, CommonPca.Options.defaults());
        assertArrayEquals(new int[] {4, 30, 5}, swapped.second().shape());
    }

    @Test
    void nonFiniteInputsAndMismatchedShapesAreRejected() {
        Activity a = activity(3, 10, 4, 12);
        double[] v = a.values().clone();
        v[(2 * 10 + 7) * 4 + 1] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommonPca.compute(a, new Activity(3, 10, 4, v), CommonPca.Options.defaults()));
        assertTrue(e.getMessage().contains("second activity: value NaN at [trial 2, step 7, unit 1] is not finite"),
                e.getMessage());
        v[(2 * 10 + 7) * 4 + 1] = Double.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class,
                () -> CommonPca.compute(new Activity(3, 10, 4, v), a, CommonPca.Options.defaults()));
        assertTrue(e.getMessage().contains("first activity: value Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CommonPca.compute(a, activity(3, 11, 4, 1), CommonPca.Options.defaults()));
        assertTrue(e.getMessage().contains("equal time lengths"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CommonPca.Options(-1, true));
    }
}
