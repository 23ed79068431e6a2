package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.repal.core.analysis.results.DissimilarityRow;
import org.repal.core.analysis.stats.Regression;
import org.repal.core.task.TaskSet;

/**
 * OLS of the final models' dissimilarity over the group pairs of each config's own matrix (each unordered pair of
 * distinct groups once), pooled over configs, against a pair property: the % of shared pretraining tasks
 * ({@link SharedTasks#jaccardPercent}) or |accuracy₁ − accuracy₂|. The points are pairs of models, so a model enters
 * several points: the slope is descriptive and its p optimistic (the report says so).
 *
 * @param arch      architecture
 * @param metric    metric
 * @param predictor "shared_tasks_percent" or "abs_accuracy_difference"
 * @param points    pairs used
 * @param models    distinct models in them
 * @param fit       the fit, or null ({@code note} says why)
 * @param note      why there is no fit, or what was left out ("" when nothing)
 * @param x         the predictor per point
 * @param y         the dissimilarity per point
 */
public record PairRegression(String arch, String metric, String predictor, int points, int models,
                             Regression.Fit fit, String note, double[] x, double[] y) {

    public static final String SHARED = "shared_tasks_percent";
    public static final String ACCURACY = "abs_accuracy_difference";

    /** Both regressions of one architecture and metric. */
    public static List<PairRegression> compute(PairTable pairs, TaskSet set, String arch, String metric) {
        List<DissimilarityRow> rows = pairs.withinRows(arch, metric);
        List<PairRegression> out = new ArrayList<>();
        for (String predictor : List.of(SHARED, ACCURACY)) {
            List<double[]> pts = new ArrayList<>();
            Set<String> models = new HashSet<>();
            int skipped = 0;
            for (DissimilarityRow r : rows) {
                double x = predictor.equals(SHARED) ? SharedTasks.jaccardPercent(set, r.group1(), r.group2())
                        : Math.abs(r.accuracy1() - r.accuracy2());
                if (!Double.isFinite(x)) {
                    skipped++;
                    continue;
                }
                pts.add(new double[] {x, r.value()});
                models.add(r.config1() + "/" + r.group1());
                models.add(r.config1() + "/" + r.group2());
            }
            double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
            String note = skipped == 0 ? "" : skipped + " pair(s) without a measured accuracy left out";
            Regression.Fit fit = null;
            if (x.length < 3) {
                note = x.length + " pairs (a fit needs 3)";
            } else if (java.util.Arrays.stream(x).distinct().count() < 2) {
                note = "the predictor is the same for every pair";
            } else {
                fit = Regression.ols(x, y);
            }
            out.add(new PairRegression(arch, metric, predictor, x.length, models.size(), fit, note, x, y));
        }
        return out;
    }
}
