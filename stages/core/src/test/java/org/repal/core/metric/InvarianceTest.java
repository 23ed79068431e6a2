package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.repal.core.attractor.Lorenz;
import org.repal.core.attractor.RandomRnn;

/** Transformations of neuron space that every metric must ignore, and a dataset compared with itself. */
class InvarianceTest {

    private static final DmdParams PARAMS = new DmdParams(8, 1, 12, 0.0);

    private static Trajectories rnn() {
        return RandomRnn.simulate(6, 80, 10, 1.3, 0.05, 11);
    }

    private static Trajectories mapNeurons(Trajectories x, double[] m, int outWidth) {
        int n = x.neurons();
        double[] d = x.data();
        int rows = x.trials() * x.time();
        double[] out = new double[rows * outWidth];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < outWidth; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += d[r * n + i] * m[i * outWidth + j];
                }
                out[r * outWidth + j] = s;
            }
        }
        return new Trajectories(out, x.trials(), x.time(), outWidth);
    }

    private static double dsa(Trajectories x, Trajectories y) {
        // Three-neuron Lorenz data has a smaller numerical rank than the RNN data.
        DmdParams params = x.neurons() == 3 ? new DmdParams(10, 2, 8, 0.0) : PARAMS;
        return Dsa.compare(x, y, new Dsa.Settings(params, ScoreMethod.ANGULAR, i -> new FastAligner(), 2)).score();
    }

    private static void assertIdentical(Trajectories x, Trajectories y, String what) {
        Procrustes.Result p = Procrustes.compare(Samples.of(x), Samples.of(y));
        Cka.Result c = Cka.compare(Samples.of(x), Samples.of(y));
        assertEquals(0.0, p.angle(), 1e-6, what + ": procrustes angle");
        assertEquals(1.0, c.cka(), 1e-9, what + ": cka");
        assertEquals(1.0, c.ckaUnbiased(), 1e-9, what + ": unbiased cka");
        double d = dsa(x, y);
        assertTrue(d <= 1e-3, what + ": dsa " + d);
    }

    @Test
    void orthogonalMapOfNeuronSpace() {
        Trajectories x = rnn();
        double[] q = RandomOrthogonal.haar(x.neurons(), new SplittableRandom(3));
        assertIdentical(x, mapNeurons(x, q, x.neurons()), "orthogonal map");
    }

    @Test
    void reflectionOfOneNeuron() {
        Trajectories x = Lorenz.simulate(Lorenz.Params.classic(28), 4, 400, 0.01, 300, 10, 5);
        double[] flip = {-1, 0, 0, 0, 1, 0, 0, 0, 1};
        assertIdentical(x, mapNeurons(x, flip, 3), "reflection");
    }

    @Test
    void isotropicScaling() {
        Trajectories x = rnn();
        int n = x.neurons();
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            s[i * n + i] = 3.7;
        }
        assertIdentical(x, mapNeurons(x, s, n), "scaling");
    }

    @Test
    void neuronPermutation() {
        Trajectories x = rnn();
        int n = x.neurons();
        double[] perm = new double[n * n];
        for (int i = 0; i < n; i++) {
            perm[i * n + (i * 3 + 1) % n] = 1; // 3 is coprime to 10: a permutation
        }
        assertIdentical(x, mapNeurons(x, perm, n), "permutation");
    }

    @Test
    void datasetAgainstItself() {
        Trajectories x = rnn();
        assertIdentical(x, x, "itself");
        assertEquals(0.0, Dsa.compare(x, x, new Dsa.Settings(PARAMS, ScoreMethod.WASSERSTEIN, i -> new FastAligner(), 1))
                .score(), 1e-12, "wasserstein against itself");
    }

    @Test
    void differentDynamicsAreFarApart() {
        // Guards against a metric that returns 0 for everything.
        Trajectories x = rnn();
        Trajectories y = RandomRnn.simulate(6, 80, 10, 0.5, 0.05, 12);
        assertTrue(dsa(x, y) > 0.05, "dsa between gain 1.3 and 0.5 networks");
        assertTrue(Procrustes.compare(Samples.of(x), Samples.of(y)).angle() > 0.1, "procrustes");
    }

    @Test
    void fastOptimiserReturnsOrthogonalMatrix() {
        int n = 7;
        SplittableRandom r = new SplittableRandom(2);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = r.nextDouble() - 0.5;
            b[i] = r.nextDouble() - 0.5;
        }
        double[] c = new FastAligner().align(a, b, n).c();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += c[k * n + i] * c[k * n + j];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-10, "CᵀC[" + i + "," + j + "]");
            }
        }
    }
}
