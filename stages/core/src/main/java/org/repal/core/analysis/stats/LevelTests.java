package org.repal.core.analysis.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Pairwise comparisons between levels (e.g. untrained, master_frozen, partial, full frozen, full unfrozen): every
 * <em>unordered</em> pair once, a two-sample t-test, an effect size and Benjamini–Hochberg over the family.
 *
 * <p>Differences from the reference's {@code t_test_all_pairs} (spec §8, §10.29), on purpose: each unordered pair
 * is tested once (k(k−1)/2 tests, not k(k−1)); the unit is the model (one value per model per level, see
 * {@link LevelSample}); the default test is Welch's ({@link TTestKind#WELCH} says why), the reference's Student test
 * is {@link TTestKind#STUDENT}.
 *
 * <p>A pair where a level has fewer than 2 models cannot be tested: its t, df, p, adjusted p and effect sizes are
 * NaN and it is left out of the BH family (the family is the testable pairs), so one thin level does not stop the
 * table. {@link VerdictRules} turns such a row into {@link Verdict#NOT_ENOUGH_MODELS}.
 */
public final class LevelTests {

    /**
     * One pair of levels, in input order (level1 before level2).
     *
     * @param level1         the earlier level in the input list
     * @param level2         the later level
     * @param n1             models in level1
     * @param n2             models in level2
     * @param mean1          mean of level1 (NaN when empty)
     * @param mean2          mean of level2 (NaN when empty)
     * @param meanDifference mean1 − mean2
     * @param t              t statistic of mean1 − mean2
     * @param df             degrees of freedom
     * @param p              two-sided p
     * @param pAdjusted      BH-adjusted p over the testable pairs of the family
     * @param cohensD        Cohen's d with the pooled SD, sign of meanDifference
     * @param hedgesG        Hedges' g, Cohen's d with the exact small-sample correction
     * @param kind           which t-test produced t, df and p
     */
    public record PairTest(String level1, String level2, int n1, int n2, double mean1, double mean2,
                           double meanDifference, double t, double df, double p, double pAdjusted, double cohensD,
                           double hedgesG, TTestKind kind) {

        /** Whether both levels had enough models to run the test (n ≥ 2 each). */
        public boolean tested() {
            return !Double.isNaN(p);
        }
    }

    private LevelTests() {
    }

    /** All unordered pairs with Welch's test. */
    public static List<PairTest> pairwise(List<LevelSample> levels) {
        return pairwise(levels, TTestKind.WELCH);
    }

    /**
     * All unordered pairs, in the order (0,1), (0,2), …, (0,k−1), (1,2), … of the input list.
     *
     * @param levels at least 2 levels with distinct names
     * @param kind   Welch or Student
     */
    public static List<PairTest> pairwise(List<LevelSample> levels, TTestKind kind) {
        List<LevelSample> ls = LevelSample.distinct(levels, 2);
        List<LevelSample[]> pairs = new ArrayList<>();
        for (int i = 0; i < ls.size(); i++) {
            for (int j = i + 1; j < ls.size(); j++) {
                pairs.add(new LevelSample[] {ls.get(i), ls.get(j)});
            }
        }
        TwoSampleT.Result[] results = new TwoSampleT.Result[pairs.size()];
        List<Double> testable = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            LevelSample a = pairs.get(k)[0];
            LevelSample b = pairs.get(k)[1];
            if (a.n() >= 2 && b.n() >= 2) {
                results[k] = TwoSampleT.test(a.values(), b.values(), kind);
                testable.add(results[k].pTwoSided());
            }
        }
        double[] adjusted = MultipleTesting.benjaminiHochberg(testable.stream().mapToDouble(Double::doubleValue)
                .toArray());
        List<PairTest> out = new ArrayList<>(pairs.size());
        int next = 0;
        for (int k = 0; k < pairs.size(); k++) {
            LevelSample a = pairs.get(k)[0];
            LevelSample b = pairs.get(k)[1];
            TwoSampleT.Result r = results[k];
            if (r == null) {
                double m1 = a.mean();
                double m2 = b.mean();
                out.add(new PairTest(a.level(), b.level(), a.n(), b.n(), m1, m2, m1 - m2, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, kind));
            } else {
                double[] x = a.values();
                double[] y = b.values();
                out.add(new PairTest(a.level(), b.level(), r.n1(), r.n2(), r.mean1(), r.mean2(), r.meanDifference(),
                        r.t(), r.df(), r.pTwoSided(), adjusted[next++], EffectSize.cohensD(x, y),
                        EffectSize.hedgesG(x, y), kind));
            }
        }
        return List.copyOf(out);
    }
}
