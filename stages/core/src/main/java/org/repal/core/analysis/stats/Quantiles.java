package org.repal.core.analysis.stats;

/**
 * Quantiles by linear interpolation between order statistics (Hyndman–Fan type 7): the default of numpy's
 * {@code percentile} and of R, so medians, quartiles and bootstrap percentiles match what the reference's
 * notebooks (numpy/seaborn) would show.
 */
final class Quantiles {

    private Quantiles() {
    }

    /**
     * The q-quantile of an ascending array: position h = (m − 1) q, interpolated between the order statistics on
     * either side of h.
     */
    static double sorted(double[] ascending, double q) {
        if (ascending.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        double h = (ascending.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, ascending.length - 1);
        double lower = ascending[lo];
        return lower + (h - lo) * (ascending[hi] - lower);
    }
}
