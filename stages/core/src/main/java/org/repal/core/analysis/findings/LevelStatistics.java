package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.repal.core.analysis.stats.Bootstrap;
import org.repal.core.analysis.stats.GroupStatistic;
import org.repal.core.analysis.stats.LevelSample;
import org.repal.core.analysis.stats.LevelTests;
import org.repal.core.analysis.stats.Ordering;
import org.repal.core.analysis.stats.PermutationTest;
import org.repal.core.analysis.stats.Summary;
import org.repal.core.analysis.stats.TTestKind;

/**
 * Dissimilarity to master per analysis level for one architecture and metric: mean ± SEM and a bootstrap 95 % CI
 * per level, Welch tests of every unordered pair of levels with Benjamini–Hochberg, the order test of the claimed
 * order ({@link AnalysisLevel#CLAIMED_ORDER}, decreasing) and a permutation null of level separation (one-way F,
 * level labels shuffled across models). Models are the unit.
 *
 * @param arch        architecture
 * @param metric      metric
 * @param values      the models' values
 * @param rows        one row per level, in level order
 * @param tests       every unordered pair of levels (BH over the testable pairs)
 * @param ordering    the claimed order, decreasing
 * @param permutation separation of the non-empty levels, or null when fewer than 2 levels have models or there
 *                    are no more models than levels (F has no within-level spread to compare with)
 */
public record LevelStatistics(String arch, String metric, List<DistanceToMaster> values, List<Row> rows,
                              List<LevelTests.PairTest> tests, Ordering.Result ordering,
                              PermutationTest.Result permutation) {

    /**
     * One level.
     *
     * @param level   the level
     * @param summary descriptive statistics, or null without models
     * @param ci      bootstrap 95 % CI of the mean, or null with fewer than 2 models (one value has no spread:
     *                its interval would be the point itself)
     */
    public record Row(AnalysisLevel level, int n, Summary summary, Bootstrap.Interval ci) {
    }

    /** Computes everything; seeds derive from {@code seed} and the architecture, metric and statistic. */
    public static LevelStatistics compute(String arch, String metric, List<DistanceToMaster> values, long seed,
                                          int resamples, int permutations) {
        List<AnalysisLevel> all = Arrays.asList(AnalysisLevel.values());
        List<LevelSample> samples = DistanceToMaster.samples(values, all);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            double[] v = samples.get(i).values();
            rows.add(v.length == 0 ? new Row(all.get(i), 0, null, null)
                    : new Row(all.get(i), v.length, Summary.of(v), v.length < 2 ? null : Bootstrap.meanCi(v,
                    Bootstrap.DEFAULT_LEVEL, resamples, Seeds.of(seed, "level-ci", arch, metric, all.get(i).label()))));
        }
        List<LevelTests.PairTest> tests = LevelTests.pairwise(samples, TTestKind.WELCH);
        Ordering.Result ordering = Ordering.test(DistanceToMaster.samples(values, AnalysisLevel.CLAIMED_ORDER),
                Ordering.Direction.DECREASING, TTestKind.WELCH, Bootstrap.DEFAULT_LEVEL, resamples,
                Seeds.of(seed, "ordering", arch, metric));
        List<double[]> groups = samples.stream().map(LevelSample::values).filter(v -> v.length > 0).toList();
        int n = groups.stream().mapToInt(v -> v.length).sum();
        // F needs within-level degrees of freedom: more networks than levels.
        PermutationTest.Result perm = groups.size() >= 2 && n > groups.size()
                ? PermutationTest.test(groups, GroupStatistic.ONE_WAY_F, permutations,
                Seeds.of(seed, "permutation", arch, metric))
                : null;
        return new LevelStatistics(arch, metric, List.copyOf(values), List.copyOf(rows), tests, ordering, perm);
    }
}
