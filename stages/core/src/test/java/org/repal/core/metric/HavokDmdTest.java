package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

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

    @Test
    void lagCovarianceGramEqualsExplicitGram() {
        Trajectories x = random(3, 40, 4, 1);
        DmdParams p = new DmdParams(5, 3, 0, 0);
        double[][] h = explicitEmbedding(x, p);
        int cols = h[0].length;
        try (DoublePointer z = HavokDmd.timeMajor(x); DoublePointer g = HavokDmd.columnGram(z, x, p)) {
            for (int i = 0; i < cols; i++) {
                for (int j = 0; j < cols; j++) {
                    double expected = 0;
                    for (double[] row : h) {
                        expected += row[i] * row[j];
                    }
                    assertEquals(expected, g.get((long) i * cols + j), 1e-10, "G[" + i + "," + j + "]");
                }
            }
        }
    }
}
