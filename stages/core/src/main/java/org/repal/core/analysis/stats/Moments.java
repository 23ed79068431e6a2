package org.repal.core.analysis.stats;

/**
 * Mean and sample variance in two passes (mean first, then squared deviations): slower than a one-pass sum of
 * squares but without its cancellation when the values sit far from 0 with a small spread, as dissimilarities do.
 */
final class Moments {

    private Moments() {
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sum of squared deviations from {@code mean}. */
    static double squaredDeviations(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            double d = x - mean;
            s += d * d;
        }
        return s;
    }

    /** Unbiased sample variance (divisor n − 1); NaN for n = 1. */
    static double variance(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        return squaredDeviations(v, mean(v)) / (v.length - 1);
    }
}
