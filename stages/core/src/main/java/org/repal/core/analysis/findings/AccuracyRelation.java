package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repal.core.analysis.results.OverLearningRow;
import org.repal.core.analysis.stats.Bootstrap;
import org.repal.core.analysis.stats.Regression;

/**
 * Does dissimilarity grow with the difference in behaviour? Over learning (spec §8, notebook 4 (c)), each trained
 * group's snapshots against master's at equal fractions of training, y = dissimilarity, x = |accuracy₁ −
 * accuracy₂|, for one architecture and metric. Master against itself is left out (an identity check: 0 against
 * 0), and so are snapshots with an unmeasured accuracy (counted).
 *
 * <p>Two views: the reference's pooled OLS over every snapshot pair (its p treats the points as independent, which
 * they are not — a model contributes its whole series), and the model-level test the verdict uses: each model's
 * own OLS slope over its series (needs ≥ 3 snapshots with varying x), then a bootstrap 95 % CI of the mean slope
 * over models.
 *
 * @param arch            architecture
 * @param metric          metric
 * @param points          the pooled points
 * @param pooled          the pooled fit, or null when it cannot be fitted ({@code pooledNote} says why)
 * @param pooledNote      why there is no pooled fit ("" when there is one)
 * @param models          models with at least one point
 * @param slopeModels     "config/group" of each model with a slope
 * @param slopes          each such model's slope
 * @param slopeCi         bootstrap 95 % CI of the mean slope, or null with fewer than 2 slopes
 * @param withoutSlope    "config/group: reason" of each model without a slope
 * @param missingAccuracy snapshot pairs left out for an unmeasured accuracy
 */
public record AccuracyRelation(String arch, String metric, List<Point> points, Regression.Fit pooled,
                               String pooledNote, int models, List<String> slopeModels, double[] slopes,
                               Bootstrap.Interval slopeCi, List<String> withoutSlope, int missingAccuracy) {

    /** The mean of the per-model slopes (NaN without any). */
    public double meanSlope() {
        return java.util.Arrays.stream(slopes).average().orElse(Double.NaN);
    }

    /** One snapshot pair of a model's series. */
    public record Point(String config, String group, double fraction, double x, double y) {
    }

    /** Computes both views from the over-learning rows (each (config, group, fraction) once). */
    public static AccuracyRelation compute(String arch, String metric, List<OverLearningRow> rows, long seed,
                                           int resamples) {
        Map<String, List<Point>> byModel = new LinkedHashMap<>();
        int missing = 0;
        for (OverLearningRow r : rows) {
            if (!r.arch().equals(arch) || !r.metric().equals(metric) || r.group().equals("master")) {
                continue;
            }
            if (!Double.isFinite(r.accuracy1()) || !Double.isFinite(r.accuracy2())) {
                missing++;
                continue;
            }
            byModel.computeIfAbsent(r.config() + "/" + r.group(), k -> new ArrayList<>()).add(new Point(r.config(),
                    r.group(), r.fraction(), Math.abs(r.accuracy1() - r.accuracy2()), r.value()));
        }
        List<Point> all = new ArrayList<>();
        byModel.values().forEach(all::addAll);
        Regression.Fit pooled = null;
        String note = "";
        if (all.size() < 3) {
            note = all.size() + " points (a fit needs 3)";
        } else if (constantX(all)) {
            note = "|accuracy difference| is the same at every point";
        } else {
            pooled = Regression.ols(all.stream().mapToDouble(Point::x).toArray(),
                    all.stream().mapToDouble(Point::y).toArray());
        }
        List<String> slopeModels = new ArrayList<>();
        List<Double> slopes = new ArrayList<>();
        List<String> without = new ArrayList<>();
        byModel.forEach((model, pts) -> {
            if (pts.size() < 3) {
                without.add(model + ": " + pts.size() + " snapshot pair" + (pts.size() == 1 ? "" : "s")
                        + " (a slope needs 3)");
            } else if (constantX(pts)) {
                without.add(model + ": |accuracy difference| constant over training");
            } else {
                slopeModels.add(model);
                slopes.add(Regression.ols(pts.stream().mapToDouble(Point::x).toArray(),
                        pts.stream().mapToDouble(Point::y).toArray()).slope());
            }
        });
        double[] s = slopes.stream().mapToDouble(Double::doubleValue).toArray();
        Bootstrap.Interval ci = s.length < 2 ? null : Bootstrap.meanCi(s, Bootstrap.DEFAULT_LEVEL, resamples,
                Seeds.of(seed, "accuracy-slope", arch, metric));
        return new AccuracyRelation(arch, metric, List.copyOf(all), pooled, note, byModel.size(),
                List.copyOf(slopeModels), s, ci, List.copyOf(without), missing);
    }

    private static boolean constantX(List<Point> pts) {
        return pts.stream().mapToDouble(Point::x).distinct().count() < 2;
    }
}
