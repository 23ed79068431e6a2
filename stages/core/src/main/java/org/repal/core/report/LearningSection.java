package org.repal.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repal.core.analysis.findings.AccuracyRelation;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.OverLearningCurves;
import org.repal.core.analysis.findings.PairRegression;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.RunFindings;
import org.repal.core.analysis.results.DissimilarityRow;
import org.repal.core.analysis.stats.Regression;

/**
 * "Shared tasks, accuracy and learning": the regressions of dissimilarity on % shared tasks and on |accuracy
 * difference|, the per-model accuracy slopes, the scatter of dissimilarity against |accuracy difference| over
 * learning with its fit, and the over-learning curves per shared-task level with SEM bands.
 */
final class LearningSection {

    private LearningSection() {
    }

    static void add(ReportBundle b, RunFindings f) {
        HtmlReport h = b.html();
        h.section("Shared tasks, accuracy and learning", "learning");
        h.paragraph("Regressions (OLS: slope, its SE, two-sided p, R², n). \"final models\": every unordered pair of "
                + "distinct groups of a config's own matrix, pooled over configs; % shared tasks is the reference's "
                + "find_group_pairs (Jaccard over the pretraining rulesets, 100 when neither group pretrains, 0 when "
                + "exactly one does). \"over learning, pooled\": every snapshot pair of every trained group against "
                + "master at equal fractions of training (master against itself left out), as the reference pooled "
                + "them. In both, a network enters several points, so p is optimistic; the model-level test is the "
                + "per-model slope table below.");
        List<List<String>> csv = new ArrayList<>();
        List<List<String>> shown = new ArrayList<>();
        for (String arch : RunFindings.ARCHS) {
            for (String metric : DissimilarityRow.METRICS) {
                for (PairRegression r : f.regressions().get(arch).get(metric)) {
                    row(csv, shown, arch, metric, "final models: group pairs", r.predictor(), r.points(), r.models(),
                            r.fit(), r.note());
                }
                AccuracyRelation a = f.accuracy().get(arch).get(metric);
                row(csv, shown, arch, metric, "over learning, pooled", PairRegression.ACCURACY, a.points().size(),
                        a.models(), a.pooled(), a.pooledNote());
            }
        }
        b.table("regressions", "Regressions of dissimilarity", List.of("arch", "metric", "data", "predictor", "points",
                "models", "slope", "slope_se", "intercept", "p", "r2", "note"), csv, shown);
        List<List<String>> slopes = new ArrayList<>();
        List<List<String>> slopesShown = new ArrayList<>();
        for (String arch : RunFindings.ARCHS) {
            for (String metric : DissimilarityRow.METRICS) {
                AccuracyRelation a = f.accuracy().get(arch).get(metric);
                boolean any = a.slopeCi() != null;
                String without = String.join("; ", a.withoutSlope());
                slopes.add(List.of(arch, metric, Integer.toString(a.slopes().length), Num.csv(a.meanSlope()),
                        any ? Num.csv(a.slopeCi().lower()) : "",
                        any ? Num.csv(a.slopeCi().upper()) : "", Integer.toString(a.withoutSlope().size()), without));
                slopesShown.add(List.of(arch, PaperClaims.metricName(metric), Integer.toString(a.slopes().length),
                        a.slopes().length == 0 ? "" : Num.signed(a.meanSlope()), any ? Num.v(a.slopeCi().lower()) : "",
                        any ? Num.v(a.slopeCi().upper()) : "", Integer.toString(a.withoutSlope().size()), without));
            }
        }
        b.table("accuracy_slopes", "Per-model slope of dissimilarity on |accuracy difference| over learning "
                        + "(mean over models, bootstrap 95 % CI)", List.of("arch", "metric", "models", "mean_slope",
                        "ci95_low", "ci95_high", "models_without_slope", "why_without"),
                slopes, slopesShown);
        for (String arch : RunFindings.ARCHS) {
            scatter(b, f, arch);
        }
        h.subsection("Dissimilarity over learning");
        h.paragraph("Each trained group against master at equal fractions of training, grouped by the group's "
                + "shared-task level 100·|pretraining ruleset|/3 (the reference's find_group_pairs_master; "
                + "master_frozen is 0 %, pretrain_unfrozen has its own curve, master against itself none). Points: "
                + "fraction 0, then fifths of training; each network's median in a bin, mean ± SEM over networks "
                + "(n per point in tables/over_learning_curves.csv).");
        List<List<String>> curveRows = new ArrayList<>();
        for (String arch : RunFindings.ARCHS) {
            List<IntervalChart.Panel> panels = new ArrayList<>();
            for (String metric : DissimilarityRow.METRICS) {
                OverLearningCurves oc = f.curves().get(arch).get(metric);
                List<IntervalChart.Series> curves = new ArrayList<>();
                for (OverLearningCurves.Curve c : oc.curves()) {
                    curves.add(new IntervalChart.Series(c.label(), OverLearningCurves.X, c.mean(), c.sem()));
                    for (int i = 0; i < OverLearningCurves.X.length; i++) {
                        curveRows.add(List.of(arch, metric, c.label(), Num.csv(OverLearningCurves.X[i]),
                                Integer.toString(c.n()[i]), Num.csv(c.mean()[i]), Num.csv(c.sem()[i])));
                    }
                }
                if (!curves.isEmpty()) {
                    panels.add(new IntervalChart.Panel(PaperClaims.metricName(metric), curves));
                }
            }
            String name = PaperClaims.archName(arch);
            if (panels.isEmpty()) {
                h.paragraph(name + ": no over-learning series in this run.");
                continue;
            }
            b.figure(IntervalChart.renderPanels(IntervalChart.Style.BANDS, "over-learning-" + arch, name + ": dissimilarity to master over "
                            + "learning by shared-task level", "Mean ± SEM over networks (band; none with one network).",
                    "fraction of training", "dissimilarity to master", panels));
        }
        b.csv("over_learning_curves", List.of("arch", "metric", "level", "fraction", "n", "mean", "sem"), curveRows);
    }

    private static void scatter(ReportBundle b, RunFindings f, String arch) {
        List<ScatterFitChart.Panel> panels = new ArrayList<>();
        for (String metric : DissimilarityRow.METRICS) {
            AccuracyRelation a = f.accuracy().get(arch).get(metric);
            Map<String, List<AccuracyRelation.Point>> byLevel = new LinkedHashMap<>();
            for (AccuracyRelation.Point p : a.points()) {
                byLevel.computeIfAbsent(OverLearningCurves.label(f.taskSet(), p.group()), k -> new ArrayList<>()).add(p);
            }
            List<ScatterFitChart.Group> groups = new ArrayList<>();
            byLevel.entrySet().stream()
                    .sorted((x, y) -> OverLearningCurves.compareLabels(x.getKey(), y.getKey())).forEach(e -> groups.add(
                    new ScatterFitChart.Group(e.getKey(), e.getValue().stream().mapToDouble(AccuracyRelation.Point::x)
                            .toArray(), e.getValue().stream().mapToDouble(AccuracyRelation.Point::y).toArray())));
            Regression.Fit fit = a.pooled();
            if (!groups.isEmpty()) {
                panels.add(new ScatterFitChart.Panel(PaperClaims.metricName(metric), groups, fit == null ? null
                        : new ScatterFitChart.Fit(fit.slope(), fit.intercept(), fit.rSquared(), fit.p(), fit.n())));
            }
        }
        String name = PaperClaims.archName(arch);
        if (panels.isEmpty()) {
            b.html().paragraph(name + ": no over-learning points, so no scatter of dissimilarity against accuracy.");
            return;
        }
        b.figure(ScatterFitChart.renderPanels("accuracy-scatter-" + arch, name + ": dissimilarity vs |accuracy "
                        + "difference| over learning", "Every snapshot pair (colour: shared-task level); line: pooled "
                        + "OLS with slope, R², p and n (points) — see the per-model slopes for the model-level test.",
                "|accuracy − master's accuracy|", "dissimilarity to master", panels));
    }

    private static void row(List<List<String>> csv, List<List<String>> shown, String arch, String metric, String data,
                            String predictor, int points, int models, Regression.Fit fit, String note) {
        boolean any = fit != null;
        csv.add(List.of(arch, metric, data, predictor, Integer.toString(points), Integer.toString(models),
                any ? Num.csv(fit.slope()) : "", any ? Num.csv(fit.slopeSe()) : "", any ? Num.csv(fit.intercept()) : "",
                any ? Num.csv(fit.p()) : "", any ? Num.csv(fit.rSquared()) : "", note));
        shown.add(List.of(arch, PaperClaims.metricName(metric), data, predictor, Integer.toString(points),
                Integer.toString(models), any ? Num.fixed(fit.slope(), 4) : "", any ? Num.fixed(fit.slopeSe(), 4) : "",
                any ? Num.v(fit.intercept()) : "", any ? Num.p(fit.p()) : "", any ? Num.v(fit.rSquared()) : "", note));
    }
}
