package org.repal.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Summary of one box of a box plot, over the finite values only: quartiles by linear interpolation between order
 * statistics (numpy's default, so the boxes match pandas/seaborn plots), whiskers at the furthest values within
 * 1.5 IQR of the box (Tukey), the values beyond them as outliers, and the mean.
 */
record BoxStats(int n, double mean, double q1, double median, double q3, double lowWhisker, double highWhisker,
                double min, double max, List<Double> outliers) {

    /** The summary of {@code values}, NaN and infinities ignored; n = 0 gives NaN statistics. */
    static BoxStats of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return new BoxStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, List.of());
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double q1 = quantile(v, 0.25);
        double q3 = quantile(v, 0.75);
        double iqr = q3 - q1;
        double lowFence = q1 - 1.5 * iqr;
        double highFence = q3 + 1.5 * iqr;
        double lowWhisker = q1;
        double highWhisker = q3;
        List<Double> outliers = new ArrayList<>();
        for (double x : v) {
            if (x < lowFence || x > highFence) {
                outliers.add(x);
            } else {
                lowWhisker = Math.min(lowWhisker, x);
                highWhisker = Math.max(highWhisker, x);
            }
        }
        return new BoxStats(n, sum / n, q1, quantile(v, 0.5), q3, lowWhisker, highWhisker, v[0], v[n - 1],
                List.copyOf(outliers));
    }

    /** The p-quantile of sorted values, linear between the order statistics at positions p·(n−1). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = pos - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }
}
