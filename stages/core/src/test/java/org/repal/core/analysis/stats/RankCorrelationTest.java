package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Spearman and Kendall with their p-values, by hand, with and without ties. */
class RankCorrelationTest {

    private static double normalTwoSided(double z) {
        return 2 * new NormalDistribution().cumulativeProbability(-Math.abs(z));
    }

    @Test
    void noTies() {
        // x = 1..5, y = 1 3 2 5 4. Spearman: rank differences 0 −1 1 −1 1, Σd² = 4, ρ = 1 − 6·4/(5·24) = 0.8;
        // t = 0.8·√(3/0.36) = 2.309401…, 3 df: θ = atan(t/√3), p = 1 − (2/π)(θ + sinθ cosθ) = 0.104088…
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {1, 3, 2, 5, 4};
        RankCorrelation s = RankCorrelation.spearman(x, y);
        assertEquals(0.8, s.coefficient(), 1e-14);
        double t = 0.8 * Math.sqrt(3 / 0.36);
        double theta = Math.atan(t / Math.sqrt(3));
        assertEquals(1 - (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta)), s.pTwoSided(), 1e-12);
        assertEquals(5, s.n());
        // Kendall: of the 10 pairs only (2,3) and (4,5) are discordant → C = 8, D = 2, S = 6, τ = 6/10 = 0.6;
        // Var S = n(n−1)(2n+5)/18 = 5·4·15/18 = 50/3, z = 6/√(50/3) = 1.469693…, p = 0.141645…
        RankCorrelation k = RankCorrelation.kendall(x, y);
        assertEquals(0.6, k.coefficient(), 1e-14);
        assertEquals(normalTwoSided(6 / Math.sqrt(50.0 / 3)), k.pTwoSided(), 1e-14);
        assertEquals(0.141645, k.pTwoSided(), 1e-6);
    }

    @Test
    void kendallWithTiesOnBothSides() {
        // x = 0 0 1 1 2 2 (three ties of 2), y = 5 6 3 4 4 1 (one tie of 2, the two 4s).
        // Pairs across x levels: 12; concordant only (3 → 4) between x=1 and x=2; the (4, 4) pair is tied in y;
        // the other 10 are discordant → S = 1 − 10 = −9. n0 = 15, n1 = 3 x-ties, n2 = 1 y-tie:
        // τ-b = −9/√((15−3)(15−1)) = −9/√168 = −0.694365…
        // Var S = (6·5·17 − 3·(2·1·9) − 2·1·9)/18 + 0 + (3·2)(1·2)/(2·6·5) = (510 − 54 − 18)/18 + 0.2 = 24.5333…
        // z = −9/√24.5333 = −1.817039…, two-sided p = 0.069211… (scipy kendalltau, method="asymptotic", agrees)
        double[] x = {0, 0, 1, 1, 2, 2};
        double[] y = {5, 6, 3, 4, 4, 1};
        RankCorrelation k = RankCorrelation.kendall(x, y);
        assertEquals(-9 / Math.sqrt(168), k.coefficient(), 1e-14);
        double var = 438.0 / 18 + 0.2;
        assertEquals(normalTwoSided(-9 / Math.sqrt(var)), k.pTwoSided(), 1e-14);
        assertEquals(0.0692112, k.pTwoSided(), 1e-6);
        // Spearman with averaged ranks: scipy spearmanr gives ρ = −0.788240…, p = 0.062515…
        RankCorrelation s = RankCorrelation.spearman(x, y);
        assertEquals(-0.7882407813680822, s.coefficient(), 1e-12);
        assertEquals(0.0625151, s.pTwoSided(), 1e-6);
    }

    @Test
    void oneSidedFollowsTheExpectedSign() {
        RankCorrelation r = new RankCorrelation(RankCorrelation.Method.SPEARMAN, -0.5, 0.08, 10);
        assertEquals(0.04, r.pOneSided(false), 1e-15);
        assertEquals(0.96, r.pOneSided(true), 1e-15);
        assertEquals(0.5, new RankCorrelation(RankCorrelation.Method.SPEARMAN, 0, 1, 10).pOneSided(true));
    }

    @Test
    void perfectAndUndefined() {
        RankCorrelation perfect = RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40});
        assertEquals(1.0, perfect.coefficient(), 1e-15);
        assertEquals(0.0, perfect.pTwoSided());
        RankCorrelation flat = RankCorrelation.kendall(new double[] {1, 2, 3}, new double[] {5, 5, 5});
        assertTrue(Double.isNaN(flat.coefficient()) && Double.isNaN(flat.pTwoSided()));
        assertTrue(Double.isNaN(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})
                .coefficient()));
        assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.spearman(new double[] {1, 2}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.kendall(new double[] {1, 2, 3}, new double[] {1, 2}));
    }
}
