package org.repal.core.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Percentile bootstrap: coverage on synthetic normal data, determinism, degenerate and invalid input. */
class BootstrapTest {

    private static double[] normal(Random rng, int n, double mean, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * rng.nextGaussian();
        }
        return v;
    }

    @Test
    void meanCiCoversTheTrueMeanAboutNinetyFivePercentOfTheTime() {
        // 1000 replicate samples of n = 30 from N(0.4, 0.1²), 2000 resamples each. The percentile interval
        // under-covers a little at n = 30 (≈ 0.94); the binomial SD of the rate over 1000 replicates is ≈ 0.007,
        // so [0.92, 0.98] is wide enough for any seed and narrow enough to catch a wrong quantile or level.
        Random data = new Random(20240614L);
        int replicates = 1000;
        int covered = 0;
        for (int r = 0; r < replicates; r++) {
            Bootstrap.Interval ci = Bootstrap.meanCi(normal(data, 30, 0.4, 0.1), 0.95, 2000, r);
            assertTrue(ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper());
            if (ci.contains(0.4)) {
                covered++;
            }
        }
        double rate = covered / (double) replicates;
        assertTrue(rate >= 0.92 && rate <= 0.98, "coverage " + rate);
    }

    @Test
    void lowerLevelGivesANarrowerIntervalAndLowerCoverage() {
        Random data = new Random(7);
        int covered = 0;
        for (int r = 0; r < 600; r++) {
            double[] v = normal(data, 30, 0, 1);
            Bootstrap.Interval wide = Bootstrap.meanCi(v, 0.95, 1000, r);
            Bootstrap.Interval narrow = Bootstrap.meanCi(v, 0.80, 1000, r);
            assertTrue(narrow.upper() - narrow.lower() < wide.upper() - wide.lower());
            if (narrow.contains(0)) {
                covered++;
            }
        }
        double rate = covered / 600.0; // nominal 0.80; binomial SD ≈ 0.016
        assertTrue(rate >= 0.72 && rate <= 0.86, "coverage " + rate);
    }

    @Test
    void differenceCiCoversTheTrueDifference() {
        // independent samples of 20 and 25 from N(0.6, 0.1²) and N(0.45, 0.15²): true difference 0.15
        Random data = new Random(99);
        int covered = 0;
        for (int r = 0; r < 500; r++) {
            Bootstrap.Interval ci = Bootstrap.meanDifferenceCi(normal(data, 20, 0.6, 0.1),
                    normal(data, 25, 0.45, 0.15), 0.95, 1000, r);
            assertEquals(45, ci.n());
            if (ci.contains(0.15)) {
                covered++;
            }
        }
        double rate = covered / 500.0; // binomial SD ≈ 0.01
        assertTrue(rate >= 0.91 && rate <= 0.98, "coverage " + rate);
    }

    @Test
    void sameSeedGivesTheSameInterval() {
        double[] v = normal(new Random(1), 12, 0.3, 0.05);
        Bootstrap.Interval a = Bootstrap.meanCi(v, 42L);
        Bootstrap.Interval b = Bootstrap.meanCi(v.clone(), 42L);
        assertEquals(a, b); // record equality: every bound identical to the bit
        assertEquals(Bootstrap.DEFAULT_RESAMPLES, a.resamples());
        assertEquals(0.95, a.level());
        assertEquals(12, a.n());
        assertNotEquals(a, Bootstrap.meanCi(v, 43L));
        assertEquals(Bootstrap.meanDifferenceCi(v, new double[] {0.1, 0.2, 0.4}, 5L),
                Bootstrap.meanDifferenceCi(v, new double[] {0.1, 0.2, 0.4}, 5L));
    }

    @Test
    void boundsAreQuantilesOfResampledMeans() {
        // two values: each resampled mean is 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4, so the 2.5 % and
        // 97.5 % quantiles of 10 000 resamples are 0 and 1 and the estimate is 0.5
        Bootstrap.Interval ci = Bootstrap.meanCi(new double[] {0, 1}, 3L);
        assertEquals(0.5, ci.estimate());
        assertEquals(0.0, ci.lower());
        assertEquals(1.0, ci.upper());
        // the 40 % interval (30 % and 70 % quantiles) sits on the middle value: about 2500 resamples are 0 and
        // 7500 are ≤ 0.5, both ≥ 11 binomial SDs away from the quantile positions 2999.7 and 6999.3
        Bootstrap.Interval half = Bootstrap.meanCi(new double[] {0, 1}, 0.4, 10_000, 3L);
        assertEquals(0.5, half.lower());
        assertEquals(0.5, half.upper());
    }

    @Test
    void singleValueGivesTheDegenerateInterval() {
        Bootstrap.Interval ci = Bootstrap.meanCi(new double[] {0.7}, 1L);
        assertEquals(0.7, ci.lower());
        assertEquals(0.7, ci.upper());
        assertEquals(1, ci.n());
    }

    @Test
    void sideOfZero() {
        Bootstrap.Interval pos = new Bootstrap.Interval(1, 0.5, 1.5, 0.95, 10, 4);
        assertTrue(pos.aboveZero() && !pos.belowZero());
        Bootstrap.Interval straddles = new Bootstrap.Interval(0, -0.5, 0.5, 0.95, 10, 4);
        assertTrue(!straddles.aboveZero() && !straddles.belowZero());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanCi(new double[0], 1L));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanCi(new double[] {1, Double.NaN}, 1L));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanCi(new double[] {1, 2}, 1.0, 100, 1L));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanCi(new double[] {1, 2}, 0.95, 0, 1L));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.meanDifferenceCi(new double[] {1}, new double[0], 1L));
    }
}
