package org.repal.core.attractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttractorBenchTest {

    @Test
    void statisticsAgainstHandValues() {
        assertEquals(0.025, BenchStats.upperNormalTail(1.959964), 1e-6);
        // U = 0, μ = 12.5, σ² = 25·11/12, z = (12.5 − 0.5)/σ = 2.5067 → p = 0.01219 (scipy asymptotic).
        assertEquals(0.01219, BenchStats.mannWhitneyP(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}),
                2e-5);
        BenchStats.Fit fit = BenchStats.linear(new double[] {1, 2, 3}, new double[] {0.5, 0.3, 0.1});
        assertEquals(-0.2, fit.slope(), 1e-12);
        assertEquals(1, fit.r2(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3) / Math.sqrt(3), BenchStats.sem(new double[] {1, 2, 3}), 1e-12);
    }

    @Test
    void triplesAndSharedCounts() {
        List<int[]> t = AttractorBench.triples(5);
        assertEquals(60, t.size());
        assertEquals(3, AttractorBench.shared(new int[] {0, 1, 2}, new int[] {2, 1, 0}, false));
        assertEquals(1, AttractorBench.shared(new int[] {0, 1, 2}, new int[] {2, 1, 0}, true));
        assertEquals(1, AttractorBench.shared(new int[] {0, 1, 2}, new int[] {3, 4, 0}, false));
        double[][] m = {{0, 1, 2, 3}, {1, 0, 4, 5}, {2, 4, 0, 6}, {3, 5, 6, 0}};
        AttractorBench.Separation s = AttractorBench.separate(m, 2);
        assertArrayEquals(new double[] {1, 6}, s.within(), 0);
        assertArrayEquals(new double[] {2, 3, 4, 5}, s.across(), 0);
    }

    @Test
    void referenceGroupingCountsSelfPairsAtThreeShared() {
        List<int[]> t = AttractorBench.triples(5);
        double[][] ones = new double[60][60];
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 60; j++) {
                ones[i][j] = i == j ? 0 : 1;
            }
        }
        AttractorBench.Grouping without = AttractorBench.group(ones, t, false, false);
        AttractorBench.Grouping with = AttractorBench.group(ones, t, false, true);
        // 10 motif sets × C(6, 2) = 150 permutation pairs share all 3 motifs; the 60 self-pairs add zeros.
        assertArrayEquals(new int[] {540, 1080, 150}, without.count());
        assertArrayEquals(new int[] {540, 1080, 210}, with.count());
        assertArrayEquals(new double[] {1, 1, 1}, without.mean(), 1e-12);
        assertArrayEquals(new double[] {1, 1, 150.0 / 210}, with.mean(), 1e-12);
    }

    @Test
    void quickBenchShowsTheExpectedOutcomes() {
        AttractorBench bench = new AttractorBench(AttractorBench.Settings.quick(0, 2));
        AttractorBench.Regimes regimes = bench.regimes();
        AttractorBench.Separation dsa = regimes.separation().get("dsa");
        for (String m : BenchMetrics.NAMES) {
            AttractorBench.Separation s = regimes.separation().get(m);
            System.out.printf("%s within %.3f across %.3f p %.4f%n", m, s.withinMean(), s.acrossMean(), s.pValue());
        }
        assertEquals(9, dsa.within().length);
        assertEquals(27, dsa.across().length);
        assertTrue(dsa.withinMean() < dsa.acrossMean() && dsa.pValue() < 0.05, "DSA separates the regimes");
        for (String m : List.of("procrustes", "cka")) {
            AttractorBench.Separation s = regimes.separation().get(m);
            assertTrue(dsa.acrossMean() / dsa.withinMean() > s.acrossMean() / s.withinMean(),
                    "DSA's across/within ratio exceeds " + m + "'s");
        }
        AttractorBench.Composition comp = bench.composition();
        for (String m : BenchMetrics.NAMES) {
            AttractorBench.Grouping g = comp.unordered().get(m);
            System.out.printf("%s shared %s mean %s%n", m, java.util.Arrays.toString(g.shared()),
                    java.util.Arrays.toString(g.mean()));
        }
        AttractorBench.Grouping g = comp.unordered().get("dsa");
        assertArrayEquals(new int[] {1, 2, 3}, g.shared());
        assertTrue(g.mean()[0] > g.mean()[1] && g.mean()[1] > g.mean()[2], "DSA falls with shared motifs");
        AttractorBench.Noise noise = bench.noise();
        for (String m : BenchMetrics.NAMES) {
            for (String k : List.of("model12", "model23")) {
                AttractorBench.Series s = noise.series().get(m).get(k);
                System.out.printf("%s %s mean %s r2 %.3f gap %.3f%n", m, k, java.util.Arrays.toString(s.mean()),
                        s.r2(), s.gap());
            }
        }
        double dsaGap = Math.abs(noise.series().get("dsa").get("model23").gap());
        for (String m : List.of("procrustes", "cka")) {
            assertTrue(Math.abs(noise.series().get(m).get("model23").gap()) > 3 * dsaGap,
                    m + " follows the mixed-in pattern's amplitude much more than DSA");
        }
        assertEquals(42, noise.pairs().size());
        assertEquals(42, noise.series().get("cka").get("model23").values().length);
    }
}
