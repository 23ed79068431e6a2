package org.repal.core.analysis.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A permutation test of "does the metric separate the groups": the statistic on the real labels against its null
 * distribution under labels shuffled across units (models). It assumes nothing about the values' distribution, only
 * that the units are exchangeable under H₀.
 *
 * <p>p = (1 + #{null ≥ observed}) / (B + 1): counting the observed labelling as one of the permutations keeps the
 * test valid and p > 0. A null value counts as ≥ when it is within a relative 1e-12 of the observed one, so a
 * shuffle that only reorders units within their groups (same statistic, different summation order) is not missed
 * through rounding.
 */
public final class PermutationTest {

    /** Permutations used when none are given. */
    public static final int DEFAULT_PERMUTATIONS = 2000;

    private static final double RELATIVE_TIE = 1e-12;

    /**
     * The outcome of one permutation test.
     *
     * @param observed      the statistic on the real labels
     * @param p             (1 + atLeastAsLarge) / (permutations + 1)
     * @param atLeastAsLarge null statistics ≥ observed
     * @param permutations  B
     * @param n             units
     * @param groupSizes    units per group
     */
    public record Result(double observed, double p, int atLeastAsLarge, int permutations, int n, int[] groupSizes) {

        /** The group sizes (a copy). */
        @Override
        public int[] groupSizes() {
            return groupSizes.clone();
        }

        @Override
        public String toString() {
            return "PermutationTest.Result[observed=" + observed + ", p=" + p + ", atLeastAsLarge=" + atLeastAsLarge
                    + ", permutations=" + permutations + ", n=" + n + ", groupSizes=" + Arrays.toString(groupSizes)
                    + "]";
        }

        /** The smallest group's size. */
        public int minGroupSize() {
            int min = Integer.MAX_VALUE;
            for (int s : groupSizes) {
                min = Math.min(min, s);
            }
            return min;
        }
    }

    private PermutationTest() {
    }

    /** One-way F, {@value #DEFAULT_PERMUTATIONS} permutations, groups given as one sample each. */
    public static Result test(List<double[]> groups, long seed) {
        return test(groups, GroupStatistic.ONE_WAY_F, DEFAULT_PERMUTATIONS, seed);
    }

    /** Groups given as one sample each (group g gets label g). */
    public static Result test(List<double[]> groups, GroupStatistic statistic, int permutations, long seed) {
        if (groups == null || groups.size() < 2) {
            throw new IllegalArgumentException("need at least 2 groups, got " + (groups == null ? 0 : groups.size()));
        }
        int n = 0;
        for (int g = 0; g < groups.size(); g++) {
            n += Checks.finite(groups.get(g), "group " + g, 1).length;
        }
        double[] values = new double[n];
        int[] labels = new int[n];
        int at = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (double v : groups.get(g)) {
                values[at] = v;
                labels[at++] = g;
            }
        }
        return test(values, labels, statistic, permutations, seed);
    }

    /**
     * The general form.
     *
     * @param values       one finite value per unit
     * @param labels       the group of each unit, 0 … k − 1, every group used, k ≥ 2
     * @param statistic    what to compare, e.g. {@link GroupStatistic#ONE_WAY_F}
     * @param permutations B, at least 1
     * @param seed         seed of the shuffles
     */
    public static Result test(double[] values, int[] labels, GroupStatistic statistic, int permutations, long seed) {
        Checks.finite(values, "values", 2);
        Checks.positive(permutations, "permutations");
        if (labels == null || labels.length != values.length) {
            throw new IllegalArgumentException("need one label per value: " + values.length + " values, "
                    + (labels == null ? 0 : labels.length) + " labels");
        }
        int groups = 0;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("labels must be >= 0, got " + l);
            }
            groups = Math.max(groups, l + 1);
        }
        int[] sizes = new int[groups];
        for (int l : labels) {
            sizes[l]++;
        }
        for (int g = 0; g < groups; g++) {
            if (sizes[g] == 0) {
                throw new IllegalArgumentException("group " + g + " has no values (labels must be 0 … k−1, all used)");
            }
        }
        if (groups < 2) {
            throw new IllegalArgumentException("need at least 2 groups, got " + groups);
        }
        double[] v = values.clone();
        int[] shuffled = labels.clone();
        double observed = checked(statistic.compute(v, labels.clone(), groups));
        double threshold = Double.isInfinite(observed) ? observed : observed - RELATIVE_TIE * Math.abs(observed);
        SplittableRandom rng = new SplittableRandom(seed);
        int count = 0;
        for (int b = 0; b < permutations; b++) {
            // Fisher–Yates; shuffling the previous permutation again is still a uniform permutation
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = tmp;
            }
            if (checked(statistic.compute(v, shuffled, groups)) >= threshold) {
                count++;
            }
        }
        return new Result(observed, (1.0 + count) / (permutations + 1.0), count, permutations, v.length, sizes);
    }

    private static double checked(double statistic) {
        if (Double.isNaN(statistic)) {
            throw new IllegalStateException("the group statistic returned NaN");
        }
        return statistic;
    }
}
