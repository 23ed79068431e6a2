package org.repal.core.analysis.stats;

/**
 * A statistic of values labelled by group that grows as the groups separate; the {@link PermutationTest} recomputes
 * it under shuffled labels. Implementations must be deterministic, must not keep or modify the arrays, and must
 * return a non-NaN value.
 */
@FunctionalInterface
public interface GroupStatistic {

    /**
     * @param values one value per unit
     * @param labels the group of each unit, in 0 … groups − 1
     * @param groups the number of groups (every group has at least one unit)
     */
    double compute(double[] values, int[] labels, int groups);

    /**
     * The one-way ANOVA F = (SS_between / (k − 1)) / (SS_within / (n − k)): between-group spread measured against
     * the within-group noise. The default of {@link PermutationTest}. With no within-group spread F is +∞, or 0 when
     * all values are equal (no separation at all); with n = k (one unit per group) SS_within has no df and F is
     * +∞ unless all values are equal.
     */
    GroupStatistic ONE_WAY_F = (values, labels, groups) -> {
        double[] sums = new double[groups];
        int[] counts = new int[groups];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            sums[labels[i]] += values[i];
            counts[labels[i]]++;
            total += values[i];
        }
        double grand = total / values.length;
        double between = 0;
        for (int g = 0; g < groups; g++) {
            double d = sums[g] / counts[g] - grand;
            between += counts[g] * d * d;
        }
        double within = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - sums[labels[i]] / counts[labels[i]];
            within += d * d;
        }
        if (within == 0 || values.length == groups) {
            return between == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (between / (groups - 1)) / (within / (values.length - groups));
    };

    /**
     * The sample variance (divisor k − 1) of the k unweighted group means: how far apart the level means are, in the
     * metric's own units, whatever the noise within levels.
     */
    GroupStatistic VARIANCE_OF_MEANS = (values, labels, groups) -> {
        double[] sums = new double[groups];
        int[] counts = new int[groups];
        for (int i = 0; i < values.length; i++) {
            sums[labels[i]] += values[i];
            counts[labels[i]]++;
        }
        double[] means = new double[groups];
        for (int g = 0; g < groups; g++) {
            means[g] = sums[g] / counts[g];
        }
        return Moments.variance(means);
    };
}
