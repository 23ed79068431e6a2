package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.repal.core.linalg.NativeBlas;
import org.repal.core.linalg.Scratch;

class HavokDmdTest {

    static Trajectories random(int k, int t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[k * t * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble() - 0.5;
        }
        return new Trajectories(d, k, t, n);
    }

    /** The delay embedding written out literally from the spec: row (k, t), block j = x_k[t + (d−1−j)τ]. */
    static double[][] explicitEmbedding(Trajectories x, DmdParams p) {
        int tp = p.embeddedLength(x.time());
        int n = x.neurons();
        double[][] h = new double[x.trials() * tp][n * p.nDelays()];
        for (int k = 0; k < x.trials(); k++) {
            for (int t = 0; t < tp; t++) {
                for (int j = 0; j < p.nDelays(); j++) {
                    for (int c = 0; c < n; c++) {
                        h[k * tp + t][j * n + c] = x.get(k, t + (p.nDelays() - 1 - j) * p.delayInterval(), c);
                    }
                }
            }
        }
        return h;
    }

    /** Delay intervals 3 and 2, with 4 and 16 neurons. */
    @Test
    void lagCovarianceGramEqualsExplicitGram() {
        assertGramIsExplicit(random(3, 40, 4, 1), new DmdParams(5, 3, 0, 0));
        assertGramIsExplicit(random(5, 50, 16, 2), new DmdParams(6, 2, 0, 0));
    }

    private static void assertGramIsExplicit(Trajectories x, DmdParams p) {
        double[][] h = explicitEmbedding(x, p);
        int cols = h[0].length;
        try (Scratch.Lease zl = HavokDmd.timeMajor(x); Scratch.Lease gl = HavokDmd.columnGram(zl.pointer(), x, p)) {
            DoublePointer g = gl.pointer();
            for (int i = 0; i < cols; i++) {
                for (int j = i; j < cols; j++) { // the upper triangle is what columnGram writes
                    double expected = 0;
                    for (double[] row : h) {
                        expected += row[i] * row[j];
                    }
                    assertEquals(expected, g.get((long) i * cols + j), 1e-10, "G[" + i + "," + j + "]");
                }
            }
        }
    }

    /** The same on a shape wide enough for the cross-spectrum route, against HᵀH of the literal embedding. */
    @Test
    void spectralLagGramEqualsExplicitGram() {
        Trajectories x = random(16, 80, 64, 3);
        DmdParams p = new DmdParams(24, 1, 0, 0);
        int window = p.embeddedLength(x.time());
        assertTrue(LagProducts.spectralIsCheaper(16, 80, 64, window, 24), "shape should take the spectral route");
        double[][] h = explicitEmbedding(x, p);
        int rows = h.length;
        int cols = h[0].length;
        try (Scratch.Lease zl = HavokDmd.timeMajor(x); Scratch.Lease gl = HavokDmd.columnGram(zl.pointer(), x, p);
             DoublePointer hp = NativeBlas.alloc((long) rows * cols); DoublePointer dense = NativeBlas.alloc((long) cols * cols)) {
            DoublePointer g = gl.pointer();
            for (int i = 0; i < rows; i++) {
                hp.position((long) i * cols).put(h[i]);
            }
            hp.position(0);
            NativeBlas.gemm(true, false, cols, cols, rows, 1.0, hp, 0, cols, hp, 0, cols, 0.0, dense, 0, cols);
            double scale = 0;
            double worst = 0;
            for (long e = 0; e < (long) cols * cols; e++) {
                if (e % cols >= e / cols) { // the upper triangle is what columnGram writes
                    scale = Math.max(scale, Math.abs(dense.get(e)));
                    worst = Math.max(worst, Math.abs(dense.get(e) - g.get(e)));
                }
            }
            assertTrue(worst <= 1e-12 * scale, "max |G − HᵀH| = " + worst + " vs largest entry " + scale);
        }
    }
}
