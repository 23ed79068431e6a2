package org.repal.core.analysis.stats;

import java.util.SplittableRandom;

/**
 * A permutation test for a statistic of a symmetric dissimilarity matrix whose rows are labelled units (simulated
 * systems labelled by regime, compositions labelled by their motifs, …). The statistic is computed with the units'
 * own labels, then with the labels shuffled across units. Rows and columns move together (a Mantel-type test), so
 * the dependence of pairs that share a unit is kept under H₀ — unlike a test that treats the n(n−1)/2 pairs as
 * independent values.
 *
 * <p>The test is one-sided: p = (1 + #{null ≥ observed}) / (B + 1), counting the observed labelling as one of the
 * permutations (valid, and p > 0). For "the statistic is small", pass its negative. A null value within a relative
 * 1e-12 of the observed one counts as ≥, so a shuffle that only reorders equal labels is not lost to rounding.
 */
public final class MatrixPermutationTest {

    private static final double RELATIVE_TIE = 1e-12;

    /** A statistic of the matrix given each unit's label. Must be deterministic, finite, and keep no arrays. */
    @FunctionalInterface
    public interface Statistic {
        /**
         * @param d      the dissimilarity matrix (do not modify)
         * @param labels the label of each unit (row), possibly shuffled
         */
        double compute(double[][] d, int[] labels);
    }

    /**
     * The outcome.
     *
     * @param observed       the statistic with the units' own labels
     * @param p              one-sided permutation p
     * @param atLeastAsLarge shuffles whose statistic reached the observed one
     * @param permutations   B
     * @param units          n, the number of rows (the units that were shuffled)
     */
    public record Result(double observed, double p, int atLeastAsLarge, int permutations, int units) {
    }

    private MatrixPermutationTest() {
    }

    /**
     * Runs the test.
     *
     * @param d            n × n matrix, finite off the diagonal (the diagonal is never read by this class)
     * @param labels       one label per unit (copied; only their order is shuffled)
     * @param statistic    what to compute
     * @param permutations B ≥ 1
     * @param seed         seed of the shuffles ({@link SplittableRandom})
     */
    public static Result greater(double[][] d, int[] labels, Statistic statistic, int permutations, long seed) {
        int n = d == null ? 0 : d.length;
        if (n < 3) {
            throw new IllegalArgumentException("matrix permutation test needs at least 3 units, got " + n);
        }
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("need one label per unit: " + n + " units, "
                    + (labels == null ? 0 : labels.length) + " labels");
        }
        Checks.positive(permutations, "permutations");
        for (int i = 0; i < n; i++) {
            if (d[i] == null || d[i].length != n) {
                throw new IllegalArgumentException("matrix must be " + n + " x " + n + ": row " + i + " differs");
            }
            for (int j = 0; j < n; j++) {
                if (i != j && !Double.isFinite(d[i][j])) {
                    throw new IllegalArgumentException("matrix entry (" + i + ", " + j + ") is " + d[i][j]);
                }
            }
        }
        int[] own = labels.clone();
        double observed = checked(statistic.compute(d, own.clone()));
        double threshold = Double.isInfinite(observed) ? observed : observed - RELATIVE_TIE * Math.abs(observed);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] shuffled = own.clone();
        int count = 0;
        for (int b = 0; b < permutations; b++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = tmp;
            }
            if (checked(statistic.compute(d, shuffled.clone())) >= threshold) {
                count++;
            }
        }
        return new Result(observed, (1.0 + count) / (permutations + 1.0), count, permutations, n);
    }

    private static double checked(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("the statistic returned NaN");
        }
        return v;
    }
}
