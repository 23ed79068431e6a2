package org.repal.core.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whether level means follow an expected order, e.g. dissimilarity to master untrained &gt; master_frozen &gt;
 * partial &gt; full (spec §8, notebook 3's claim). Two complementary views:
 * <ul>
 *   <li>each adjacent pair of levels: the difference of means, its percentile bootstrap CI and a one-sided
 *       t-test p in the expected direction (BH-adjusted over the adjacent pairs) — does every step go the right
 *       way?</li>
 *   <li>a rank correlation between the level index (0, 1, …) and the values of all models — is there an overall
 *       monotone trend? Spearman's p uses the t approximation, Kendall's the tie-corrected normal approximation
 *       (see {@link RankCorrelation}).</li>
 * </ul>
 * {@link VerdictRules#ordering} and {@link VerdictRules#trend} turn them into verdicts.
 */
public final class Ordering {

    /** The expected direction along the given level order. */
    public enum Direction {
        /** Each level's mean above the next one's (values fall with the level index). */
        DECREASING,
        /** Each level's mean below the next one's (values rise with the level index). */
        INCREASING;

        /** The expected sign of mean(next) − mean(this), and of the rank correlation with the level index. */
        public int sign() {
            return this == INCREASING ? 1 : -1;
        }
    }

    /**
     * One adjacent pair of levels.
     *
     * @param level1     the earlier level in the expected order
     * @param level2     the next level
     * @param n1         models in level1
     * @param n2         models in level2
     * @param difference mean(level1) − mean(level2) (positive when DECREASING holds for this step)
     * @param ci         percentile bootstrap CI of the difference (NaN bounds when a level is empty)
     * @param pOneSided  one-sided t-test p of the expected direction (NaN when a level has fewer than 2 models)
     * @param pAdjusted  pOneSided BH-adjusted over the testable steps
     */
    public record Step(String level1, String level2, int n1, int n2, double difference, Bootstrap.Interval ci,
                       double pOneSided, double pAdjusted) {

        /** Whether the observed difference has the expected sign. */
        public boolean inExpectedDirection(Direction expected) {
            return expected == Direction.DECREASING ? difference > 0 : difference < 0;
        }
    }

    /**
     * The whole order test.
     *
     * @param expected the expected direction
     * @param levels   level names in the expected order
     * @param n        models per level
     * @param means    mean per level (NaN for an empty level)
     * @param steps    the k − 1 adjacent pairs
     * @param spearman Spearman's ρ of (level index, value) over all models
     * @param kendall  Kendall's τ-b of (level index, value) over all models
     * @param total    models over all levels (the n of the rank correlations)
     */
    public record Result(Direction expected, List<String> levels, int[] n, double[] means, List<Step> steps,
                         RankCorrelation spearman, RankCorrelation kendall, int total) {

        /** Models per level (a copy). */
        @Override
        public int[] n() {
            return n.clone();
        }

        /** Means per level (a copy). */
        @Override
        public double[] means() {
            return means.clone();
        }

        /** Whether every adjacent difference of means has the expected sign (no test, just the point estimates). */
        public boolean meansInExpectedOrder() {
            return steps.stream().allMatch(s -> s.inExpectedDirection(expected));
        }
    }

    private Ordering() {
    }

    /** Welch's one-sided tests and 95 % bootstrap CIs with {@value Bootstrap#DEFAULT_RESAMPLES} resamples. */
    public static Result test(List<LevelSample> levels, Direction expected, long seed) {
        return test(levels, expected, TTestKind.WELCH, Bootstrap.DEFAULT_LEVEL, Bootstrap.DEFAULT_RESAMPLES, seed);
    }

    /**
     * Tests the order.
     *
     * @param levels    at least 2 levels, in the expected order
     * @param expected  the expected direction along that order
     * @param kind      t-test of the steps
     * @param ciLevel   confidence level of the step CIs
     * @param resamples bootstrap resamples per step
     * @param seed      seed; step i uses the i-th draw of {@code SplittableRandom(seed)}, so steps are independent
     *                  and the result is reproducible
     */
    public static Result test(List<LevelSample> levels, Direction expected, TTestKind kind, double ciLevel,
                              int resamples, long seed) {
        List<LevelSample> ls = LevelSample.distinct(levels, 2);
        Checks.level(ciLevel);
        Checks.positive(resamples, "resamples");
        if (expected == null || kind == null) {
            throw new IllegalArgumentException("direction and test kind are required");
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        int k = ls.size();
        double[] pOne = new double[k - 1];
        List<Double> testable = new ArrayList<>();
        Bootstrap.Interval[] cis = new Bootstrap.Interval[k - 1];
        for (int i = 0; i < k - 1; i++) {
            LevelSample a = ls.get(i);
            LevelSample b = ls.get(i + 1);
            long stepSeed = seeds.nextLong(); // drawn for every step, so a thin level does not shift the others
            cis[i] = a.n() >= 1 && b.n() >= 1
                    ? Bootstrap.meanDifferenceCi(a.values(), b.values(), ciLevel, resamples, stepSeed)
                    : new Bootstrap.Interval(Double.NaN, Double.NaN, Double.NaN, ciLevel, resamples, a.n() + b.n());
            if (a.n() >= 2 && b.n() >= 2) {
                TwoSampleT.Result t = TwoSampleT.test(a.values(), b.values(), kind);
                pOne[i] = expected == Direction.DECREASING ? t.pGreater() : t.pLess();
                testable.add(pOne[i]);
            } else {
                pOne[i] = Double.NaN;
            }
        }
        double[] adjusted = MultipleTesting.benjaminiHochberg(testable.stream().mapToDouble(Double::doubleValue)
                .toArray());
        List<Step> steps = new ArrayList<>(k - 1);
        int next = 0;
        for (int i = 0; i < k - 1; i++) {
            LevelSample a = ls.get(i);
            LevelSample b = ls.get(i + 1);
            double pAdj = Double.isNaN(pOne[i]) ? Double.NaN : adjusted[next++];
            steps.add(new Step(a.level(), b.level(), a.n(), b.n(), a.mean() - b.mean(), cis[i], pOne[i], pAdj));
        }

        List<String> names = new ArrayList<>(k);
        int[] n = new int[k];
        double[] means = new double[k];
        int total = 0;
        for (int i = 0; i < k; i++) {
            names.add(ls.get(i).level());
            n[i] = ls.get(i).n();
            means[i] = ls.get(i).mean();
            total += n[i];
        }
        double[] index = new double[total];
        double[] values = new double[total];
        int at = 0;
        for (int i = 0; i < k; i++) {
            for (double v : ls.get(i).values()) {
                index[at] = i;
                values[at++] = v;
            }
        }
        RankCorrelation spearman;
        RankCorrelation kendall;
        if (total >= 3) {
            spearman = RankCorrelation.spearman(index, values);
            kendall = RankCorrelation.kendall(index, values);
        } else {
            spearman = new RankCorrelation(RankCorrelation.Method.SPEARMAN, Double.NaN, Double.NaN, total);
            kendall = new RankCorrelation(RankCorrelation.Method.KENDALL_TAU_B, Double.NaN, Double.NaN, total);
        }
        return new Result(expected, List.copyOf(names), n, means, List.copyOf(steps), spearman, kendall, total);
    }
}
