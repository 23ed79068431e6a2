package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repal.core.attractor.RandomRnn;
import org.repal.core.linalg.Scratch;
import org.repal.core.linalg.TopEigen;

/** The regression moments from the Gram against V = H·W·Σ⁻¹ formed from the literal embedding. */
class GramMomentsTest {

    @ParameterizedTest(name = "{0} delays, rank {1}, {2}")
    @CsvSource({"1, 4, dense", "3, 10, dense", "7, 20, dense", "20, 50, krylov"})
    void momentsEqualThoseOfTheExplicitProjection(int delays, int rank, String solver) {
        boolean krylov = solver.equals("krylov");
        // The Krylov case needs a Gram wide enough for the Krylov solver (64 neurons × 20 delays).
        Trajectories x = krylov ? RandomRnn.simulate(24, 60, 64, 0.9, 0.05, 5) : RandomRnn.simulate(5, 40, 6, 1.2, 0.05, 2);
        DmdParams p = new DmdParams(delays, 1, rank, 0);
        int cols = x.neurons() * delays;
        double[][] actual;
        TopEigen.Result eig;
        double[] sigma = new double[rank];
        try (Scratch.Lease z = HavokDmd.timeMajor(x); Scratch.Lease g = HavokDmd.columnGram(z.pointer(), x, p)) {
            eig = krylov ? TopEigen.compute(g.pointer(), cols, rank) : TopEigen.dense(g.pointer(), cols, rank);
            assertEquals(krylov, eig.method().startsWith("krylov"), eig.method());
            for (int i = 0; i < rank; i++) {
                sigma[i] = Math.sqrt(eig.values()[i]);
            }
            assertTrue(GramMoments.applies(p, eig));
            actual = GramMoments.compute(z.pointer(), g.pointer(), x, p, eig, sigma);
        }
        double[][] h = HavokDmdTest.explicitEmbedding(x, p);
        int tp = p.embeddedLength(x.time());
        double[][] v = new double[h.length][rank];
        for (int row = 0; row < h.length; row++) {
            for (int c = 0; c < rank; c++) {
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += h[row][j] * eig.vectors()[j * rank + c];
                }
                v[row][c] = sum / sigma[c];
            }
        }
        double[] mm = new double[rank * rank];
        double[] mp = new double[rank * rank];
        for (int k = 0; k < x.trials(); k++) { // rows k·T' + t of the literal embedding, t < T'−1 paired with t+1
            for (int t = 0; t + 1 < tp; t++) {
                double[] now = v[k * tp + t];
                double[] next = v[k * tp + t + 1];
                for (int i = 0; i < rank; i++) {
                    for (int j = 0; j < rank; j++) {
                        mm[i * rank + j] += now[i] * now[j];
                        mp[i * rank + j] += now[i] * next[j];
                    }
                }
            }
        }
        for (int e = 0; e < rank * rank; e++) {
            assertEquals(mm[e], actual[0][e], 1e-10, "VmᵀVm element " + e);
            assertEquals(mp[e], actual[1][e], 1e-10, "VmᵀVp element " + e);
        }
    }

    @ParameterizedTest(name = "interval {0}")
    @CsvSource({"2", "3"})
    void longerDelayIntervalsAreLeftToTheProjection(int interval) {
        TopEigen.Result eig = new TopEigen.Result(new double[] {2.0, 1.0}, new double[4], new double[4], 2, 2, "dense");
        assertFalse(GramMoments.applies(new DmdParams(3, interval, 2, 0), eig));
    }

    @ParameterizedTest(name = "λ_r/λ₁ = {0}")
    @CsvSource({"1e-9, false", "1e-7, true"})
    void aSpectrumTooWideForTheGramRouteIsLeftToTheProjection(double ratio, boolean applies) {
        TopEigen.Result eig = new TopEigen.Result(new double[] {1.0, ratio}, new double[4], new double[4], 2, 2, "dense");
        assertEquals(applies, GramMoments.applies(new DmdParams(3, 1, 2, 0), eig));
    }
}
