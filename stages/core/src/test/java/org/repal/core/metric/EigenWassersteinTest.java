package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.repal.core.linalg.SmallMatrices;
import org.repal.core.testing.SharedTestData;

class EigenWassersteinTest {

    private static double[] randomMatrix(SplittableRandom rng, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }

    /** Brute force: pad, then minimum over all permutations of the mean squared distance. */
    private static double bruteForce(double[][] l, double[][] m) {
        int count = Math.max(l.length, m.length);
        double[][] cost = new double[count][count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < count; j++) {
                double lr = i < l.length ? l[i][0] : 0;
                double li = i < l.length ? l[i][1] : 0;
                double mr = j < m.length ? m[j][0] : 0;
                double mi = j < m.length ? m[j][1] : 0;
                cost[i][j] = (lr - mr) * (lr - mr) + (li - mi) * (li - mi);
            }
        }
        return count == 0 ? 0 : LinearAssignmentTest.bruteForce(cost) / count;
    }

    @Test
    void matchesBruteForceOnRandomSpectra() {
        SplittableRandom rng = new SplittableRandom(11);
        int complexPairs = 0;
        for (int c = 0; c < 120; c++) {
            int na = 1 + rng.nextInt(7);
            int nb = c % 3 == 0 ? na : 1 + rng.nextInt(7);
            double[] a = randomMatrix(rng, na);
            double[] b = randomMatrix(rng, nb);
            double[][] la = EigenWasserstein.eigenvalues(a, na);
            double[][] lb = EigenWasserstein.eigenvalues(b, nb);
            for (double[] z : la) {
                if (z[1] != 0) {
                    complexPairs++;
                }
            }
            double expected = bruteForce(la, lb);
            double got = EigenWasserstein.score(a, na, b, nb);
            assertEquals(expected, got, 1e-12 * Math.max(1, expected), "case " + c);
            assertEquals(got, EigenWasserstein.score(b, nb, a, na), 1e-12 * Math.max(1, expected), "symmetry");
        }
        assertTrue(complexPairs > 50, "random real matrices should give complex pairs: " + complexPairs);
    }

    @Test
    void handMadeSpectra() {
        // {1, 2} vs {2, 1+i}: best matching 1↔1+i (cost 1), 2↔2 (cost 0) → 1/2
        double[][] l = {{1, 0}, {2, 0}};
        double[][] m = {{2, 0}, {1, 1}};
        assertEquals(0.5, EigenWasserstein.score(l, m), 1e-15);
        // padding: {3} vs {1, 1}: pad 3 with 0 → best 3↔1 (4) + 0↔1 (1) = 5 over 2 points
        assertEquals(2.5, EigenWasserstein.score(new double[][] {{3, 0}}, new double[][] {{1, 0}, {1, 0}}), 1e-15);
        assertEquals(0.0, EigenWasserstein.score(new double[0][2], new double[0][2]));
    }

    @Test
    void identicalSpectraScoreZero() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n = 1; n <= 12; n++) {
            double[] a = randomMatrix(rng, n);
            assertTrue(EigenWasserstein.score(a, n, a, n) <= 1e-12);
            // transpose and a similarity transform keep the spectrum
            double[] at = SmallMatrices.transpose(a, n, n);
            assertTrue(EigenWasserstein.score(a, n, at, n) <= 1e-12, "transpose n=" + n);
            double[] q = randomOrthogonal(rng, n);
            double[] qa = SmallMatrices.multiply(q, a, n, n, n);
            double[] qaqt = new double[n * n];
            SmallMatrices.gemm(false, true, n, n, n, 1.0, qa, q, 0.0, qaqt);
            assertTrue(EigenWasserstein.score(a, n, qaqt, n) <= 1e-12, "similar n=" + n);
        }
    }

    @Test
    void eigenvaluesOfRotationBlocks() {
        double t1 = 0.3;
        double t2 = 2.1;
        int n = 5;
        double[] a = new double[n * n];
        // blockdiag(R(t1), R(t2), 0.5)
        a[0] = Math.cos(t1);
        a[1] = -Math.sin(t1);
        a[n] = Math.sin(t1);
        a[n + 1] = Math.cos(t1);
        a[2 * n + 2] = Math.cos(t2);
        a[2 * n + 3] = -Math.sin(t2);
        a[3 * n + 2] = Math.sin(t2);
        a[3 * n + 3] = Math.cos(t2);
        a[4 * n + 4] = 0.5;
        double[][] ev = EigenWasserstein.eigenvalues(a, n);
        double[][] expected = {
                {Math.cos(t1), Math.sin(t1)}, {Math.cos(t1), -Math.sin(t1)},
                {Math.cos(t2), Math.sin(t2)}, {Math.cos(t2), -Math.sin(t2)}, {0.5, 0}};
        assertEquals(0.0, EigenWasserstein.score(ev, expected), 1e-28);
        for (double[] z : ev) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] e : expected) {
                best = Math.min(best, Math.hypot(z[0] - e[0], z[1] - e[1]));
            }
            assertTrue(best < 1e-14, "eigenvalue " + z[0] + "+" + z[1] + "i");
        }
        // input untouched
        assertEquals(Math.cos(t1), a[0]);
    }

    @Test
    void notNormalised() {
        // scaling A scales its eigenvalues: the score is on raw eigenvalues
        double[] a = {2, 0, 0, 3};
        double[] b = {4, 0, 0, 6};
        // {2,3} vs {4,6}: 2↔4, 3↔6 → (4 + 9)/2
        assertEquals(6.5, EigenWasserstein.score(a, 2, b, 2), 1e-14);
    }

    /** The reference's float64 Wasserstein values from its float64 eigenvalue lists (skipped without REPAL_SHARED). */
    @Test
    void matchesReferenceFloat64Values() {
        JsonNode cases = SharedTestData.dsaExpected().get("cases");
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : cases.properties()) {
            JsonNode c = e.getValue();
            JsonNode w = c.path("wasserstein");
            JsonNode dmd = c.path("dmd");
            if (!w.has("float64") || !dmd.has("A_eigs_x_float64") || !dmd.has("A_eigs_y_float64")) {
                continue;
            }
            double got = EigenWasserstein.score(points(dmd.get("A_eigs_x_float64")),
                    points(dmd.get("A_eigs_y_float64")));
            double tol = w.path("tol_float64").asDouble(1e-8);
            assertEquals(w.get("float64").asDouble(), got, tol, e.getKey());
            checked++;
        }
        assertTrue(checked > 0, "no case has float64 Wasserstein data");
    }

    private static double[][] points(JsonNode list) {
        double[][] out = new double[list.size()][2];
        for (int i = 0; i < out.length; i++) {
            out[i][0] = list.get(i).get(0).asDouble();
            out[i][1] = list.get(i).get(1).asDouble();
        }
        return out;
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> EigenWasserstein.eigenvalues(new double[3], 2));
        assertThrows(IllegalArgumentException.class,
                () -> EigenWasserstein.eigenvalues(new double[] {Double.NaN}, 1));
    }

    static double[] randomOrthogonal(SplittableRandom rng, int n) {
        // Gram–Schmidt on a random matrix (rows)
        double[] q = randomMatrix(rng, n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                double d = 0;
                for (int j = 0; j < n; j++) {
                    d += q[i * n + j] * q[k * n + j];
                }
                for (int j = 0; j < n; j++) {
                    q[i * n + j] -= d * q[k * n + j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += q[i * n + j] * q[i * n + j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                q[i * n + j] /= norm;
            }
        }
        return q;
    }
}
