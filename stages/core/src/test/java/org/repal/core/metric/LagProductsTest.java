package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.repal.core.linalg.Scratch;

/** The cross-spectrum route to windowed lagged products against the literal sums and the direct GEMMs. */
class LagProductsTest {

    /** Σ_trials Σ_{t<w} x[t+δ]·x[t]ᵀ written out from the definition. */
    private static double[] literal(Trajectories x, int window, int lag) {
        int n = x.neurons();
        double[] c = new double[n * n];
        for (int k = 0; k < x.trials(); k++) {
            for (int t = 0; t < window; t++) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        c[a * n + b] += x.get(k, t + lag, a) * x.get(k, t, b);
                    }
                }
            }
        }
        return c;
    }

    private static double[] spectral(Trajectories x, int window, int[] lags) {
        int n = x.neurons();
        try (Scratch.Lease zl = HavokDmd.timeMajor(x); DoublePointer out = new DoublePointer((long) lags.length * n * n)) {
            DoublePointer z = zl.pointer();
            LagProducts.spectral(z, x.trials(), x.time(), n, window, lags, out);
            double[] c = new double[lags.length * n * n];
            out.get(c);
            return c;
        }
    }

    /** Odd and even lengths (the Nyquist frequency only exists for even T), τ > 1, a window shorter than T − lag. */
    @Test
    void spectralEqualsLiteralSums() {
        int[][] shapes = {{3, 40, 5, 31, 3}, {2, 37, 4, 20, 2}, {4, 16, 3, 16, 1}, {1, 9, 2, 1, 8}};
        for (int[] s : shapes) {
            Trajectories x = HavokDmdTest.random(s[0], s[1], s[2], 11 + s[1]);
            int window = s[3];
            int step = s[4];
            int count = (s[1] - window) / step + 1;
            int[] lags = new int[count];
            for (int j = 0; j < count; j++) {
                lags[j] = (count - 1 - j) * step; // descending, as the Gram's block column asks for them
            }
            double[] got = spectral(x, window, lags);
            int n = s[2];
            for (int j = 0; j < count; j++) {
                double[] expected = literal(x, window, lags[j]);
                for (int e = 0; e < n * n; e++) {
                    assertEquals(expected[e], got[j * n * n + e], 1e-12 * window * x.trials(),
                            "T " + s[1] + " lag " + lags[j] + " entry " + e);
                }
            }
        }
    }

    /** On the bench's shape (where the spectral route is chosen) it equals the direct GEMMs to 1e-12 relative. */
    @Test
    void spectralEqualsDirectOnBenchShape() {
        int k = 64;
        int t = 100;
        int n = 128;
        int d = 20;
        int window = t - (d - 1);
        assertTrue(LagProducts.spectralIsCheaper(k, t, n, window, d));
        Trajectories x = HavokDmdTest.random(k, t, n, 5);
        int[] lags = new int[d];
        for (int j = 0; j < d; j++) {
            lags[j] = d - 1 - j;
        }
        long size = (long) d * n * n;
        try (Scratch.Lease zl = HavokDmd.timeMajor(x);
             DoublePointer direct = new DoublePointer(size);
             DoublePointer spectral = new DoublePointer(size)) {
            DoublePointer z = zl.pointer();
            LagProducts.direct(z, k, t, n, window, lags, direct);
            LagProducts.spectral(z, k, t, n, window, lags, spectral);
            double[] a = new double[(int) size];
            double[] b = new double[(int) size];
            direct.get(a);
            spectral.get(b);
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertTrue(worst <= 1e-12 * scale, "max |spectral − direct| = " + worst + " vs largest entry " + scale);
        }
    }

    /** Few neurons or few lags: the transforms would cost more than they save. */
    @Test
    void directRouteForNarrowDataOrFewLags() {
        assertFalse(LagProducts.spectralIsCheaper(64, 100, 3, 81, 20));
        assertFalse(LagProducts.spectralIsCheaper(64, 100, 128, 98, 3));
        assertFalse(LagProducts.spectralIsCheaper(200, 175, 20, 15, 33)); // the paper run's PCA-20, 33 × 5 delays
    }
}
