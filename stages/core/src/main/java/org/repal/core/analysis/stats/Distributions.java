package org.repal.core.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Reference distributions used only for their cdf. They are built without a random generator: commons-math's
 * default one is seeded from the clock, which these pure functions have no use for.
 */
final class Distributions {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Distributions() {
    }

    static TDistribution t(double df) {
        return new TDistribution(null, df);
    }

    /** Two-sided p of a t statistic, 2·P(T ≤ −|t|): the lower tail keeps precision for tiny p. */
    static double tTwoSided(double t, double df) {
        return Math.min(1.0, 2.0 * t(df).cumulativeProbability(-Math.abs(t)));
    }

    /** Two-sided p of a standard normal statistic. */
    static double normalTwoSided(double z) {
        return Math.min(1.0, 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    }
}
