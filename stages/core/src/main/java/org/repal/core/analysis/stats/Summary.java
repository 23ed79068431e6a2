package org.repal.core.analysis.stats;

import java.util.Arrays;

/**
 * Descriptive statistics of one sample (one value per model): what a box plot with mean ± SEM shows.
 *
 * <p>SD is the sample standard deviation (divisor n − 1) and SEM = SD / √n, as scipy's {@code sem} (ddof = 1) in
 * the reference's {@code t_standart_error_dissimilarity_all_groups}. Median and quartiles interpolate linearly
 * between order statistics (numpy's default, type 7). With n = 1, SD and SEM are NaN: one model has no spread.
 *
 * @param n      number of values
 * @param mean   arithmetic mean
 * @param sd     sample standard deviation (n − 1), NaN when n = 1
 * @param sem    standard error of the mean, SD / √n, NaN when n = 1
 * @param median the 0.5 quantile
 * @param q1     the 0.25 quantile
 * @param q3     the 0.75 quantile
 * @param min    smallest value
 * @param max    largest value
 */
public record Summary(int n, double mean, double sd, double sem, double median, double q1, double q3, double min,
                      double max) {

    /**
     * Summarises a sample.
     *
     * @param values one value per unit; must be non-empty and finite
     * @throws IllegalArgumentException on an empty sample or a NaN / infinite value (the message names the index)
     */
    public static Summary of(double[] values) {
        Checks.finite(values, "sample", 1);
        int n = values.length;
        double mean = Moments.mean(values);
        double sd = Math.sqrt(Moments.variance(values));
        double[] s = values.clone();
        Arrays.sort(s);
        return new Summary(n, mean, sd, sd / Math.sqrt(n), Quantiles.sorted(s, 0.5), Quantiles.sorted(s, 0.25),
                Quantiles.sorted(s, 0.75), s[0], s[n - 1]);
    }

    /** The interquartile range q3 − q1. */
    public double iqr() {
        return q3 - q1;
    }
}
